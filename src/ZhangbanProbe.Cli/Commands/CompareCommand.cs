using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using ZhangbanProbe.Cli.Runs;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Scores;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban compare --year Y`: human grades beside machine results, agreement, and disagreements to re-review.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var year = new Option<int>("--year") { Description = "Report year (edition) of the human evaluations", Required = true };
        var at = new Option<string?>("--at") { Description = "Reference date of the probing window (default: 30 June of the report year); the nearest result per portal and probe is used" };
        var windowDays = new Option<int>("--window-days") { Description = "How far from the reference date a result may be (default 400 days)", DefaultValueFactory = _ => 400 };
        var replicas = new Option<bool>("--replicas") { Description = "Include replica runs (excluded by default: they are not real portals)" };
        var csv = new Option<string?>("--csv") { Description = "Export the side-by-side table as CSV (UTF-8 with BOM)" };
        var xlsx = new Option<string?>("--xlsx") { Description = "Export the side-by-side table and agreement as XLSX" };
        var command = new Command("compare", "Human evaluations beside machine results for an edition; agreement per indicator; disagreements for re-review");
        foreach (var o in new Option[] { year, at, windowDays, replicas, csv, xlsx }) command.Options.Add(o);

        command.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            DateTime? reference = null;
            if (parse.GetValue(at) is { } text)
            {
                if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
                {
                    Console.Error.WriteLine($"--at: '{text}' is not a date (e.g. 2025-06-30)");
                    return 2;
                }
                reference = d;
            }
            var data = services.GetRequiredService<ProbeDataLoader>();
            var loaded = data.LoadPortals();
            if (!loaded.IsValid) { foreach (var p in loaded.Problems) Console.Error.WriteLine(p); return 2; }
            Core.Catalogue.IndicatorCatalogue catalogue;
            try { catalogue = data.LoadCatalogue(); }
            catch (ManifestException ex) { foreach (var p in ex.Problems) Console.Error.WriteLine(p); return 2; }

            var report = await services.GetRequiredService<CompareService>().CompareAsync(parse.GetValue(year), loaded.Portals, catalogue,
                reference, TimeSpan.FromDays(parse.GetValue(windowDays)), parse.GetValue(replicas), ct);

            var console = Output.Stdout();
            var probes = catalogue.Entries.Select(e => e.ProbeKey).ToList();
            var table = new Table().Title($"{report.Year} edition: human evaluation beside machine results");
            table.AddColumns("province", "platform", "portal", "human (level)");
            foreach (var p in probes) table.AddColumn(p);
            foreach (var group in report.Rows.GroupBy(r => r.PortalId))
            {
                var first = group.First();
                var humanCell = first.Human is null ? "–" : $"{first.Human.Grade ?? first.Human.Score?.ToString("0.#")} ({first.HumanLevel})";
                var cells = new List<string> { first.Province, Markup.Escape(first.Platform), first.PortalId, Markup.Escape(humanCell) };
                foreach (var p in probes)
                {
                    var r = group.First(x => x.ProbeKey == p).Machine;
                    cells.Add(r is null ? "–" : Markup.Escape($"{r.Outcome.ToCode()}{(r.Value is { } v ? $" {v:0.#} {r.Unit}" : "")}"));
                }
                table.AddRow(cells.ToArray());
            }
            console.Write(table);

            var agreement = new Table().Title("agreement across platforms (Spearman's ρ)").AddColumns("probe", "index indicators", "human level", "machine measure", "n", "ρ", "note");
            foreach (var a in report.Agreements)
                agreement.AddRow(a.ProbeKey, Markup.Escape(a.IndexIndicators), a.HumanLevels, Markup.Escape(a.MachineMeasure), a.Result.N.ToString(),
                    a.Result.Rho?.ToString("0.000", CultureInfo.InvariantCulture) ?? "–", Markup.Escape(a.Result.Warning));
            console.Write(agreement);

            console.MarkupLine(report.Disagreements.Count == 0 ? "[bold]disagreements:[/] none" : $"[bold]disagreements ({report.Disagreements.Count}), for re-review:[/]");
            foreach (var d in report.Disagreements)
            {
                console.WriteLine($"- {d.Row.Province} {d.Row.Platform} ({d.Row.PortalId}) · {d.Row.ProbeKey}: {d.Explanation}");
                foreach (var e in d.Row.Machine!.Evidence) console.WriteLine($"    evidence: {e.Path ?? e.Url}");
                console.WriteLine($"    run {d.Row.Machine.RunId} at {d.Row.Machine.StartedAtUtc:u}; reproduce: zhangban run --portal {d.Row.PortalId} --indicator {d.Row.ProbeKey}");
            }

            if (parse.GetValue(csv) is { } csvPath) { await CompareService.ExportCsvAsync(report, csvPath); Console.Error.WriteLine($"wrote {Path.GetFullPath(csvPath)}"); }
            if (parse.GetValue(xlsx) is { } xlsxPath) { await CompareService.ExportXlsxAsync(report, xlsxPath); Console.Error.WriteLine($"wrote {Path.GetFullPath(xlsxPath)}"); }
            return 0;
        }, ct));
        return command;
    }
}
