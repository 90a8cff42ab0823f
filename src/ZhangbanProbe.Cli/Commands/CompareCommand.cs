using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using ZhangbanProbe.Application.Runs;
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
        var replicas = new Option<bool>("--replicas") { Description = "Include replica runs (excluded by default: they are not real portals)" };
        var csv = new Option<string?>("--csv") { Description = "Export the side-by-side table as CSV (UTF-8 with BOM)" };
        var xlsx = new Option<string?>("--xlsx") { Description = "Export the side-by-side table and agreement as XLSX" };
        var command = new Command("compare", "Human evaluations beside machine results for an edition; agreement per indicator; disagreements for re-review");
        foreach (var o in new Option[] { year, replicas, csv, xlsx }) command.Options.Add(o);

        command.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            var y = parse.GetValue(year);
            var result = await services.GetRequiredService<EditionComparison>().CompareAsync(y, parse.GetValue(replicas), ct);
            if (result.Report is not { } report)
            {
                foreach (var e in result.Errors) Console.Error.WriteLine(e);
                return 2;
            }
            var (from, to) = (result.From, result.To);
            Console.Error.WriteLine($"{y} edition: machine results of the scheduled sweeps from {from:yyyy-MM-dd HH:mm} to {to:yyyy-MM-dd HH:mm} UTC (mobile profile)");
            var catalogue = services.GetRequiredService<ProbeDataLoader>().LoadCatalogue();

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

            var layerTable = new Table().Title("machine summary per province × layer (share of passes; blocked and error left out) beside the layer grade")
                .AddColumns("province", "layer", "passes / observed", "share", "human grade", "human rank");
            foreach (var l in report.Layers.Where(l => l.Observed > 0 || l.Human is not null))
                layerTable.AddRow(l.Province, l.Layer, $"{l.Passes} / {l.Observed}", l.Share?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–",
                    Markup.Escape(l.Human?.Grade ?? l.Human?.Score?.ToString("0.#") ?? "–"), l.Human?.Rank?.ToString() ?? "–");
            console.Write(layerTable);

            var agreement = new Table().Title("agreement across platforms (Spearman's ρ, 95% bootstrap interval)").AddColumns("probe", "index indicators", "human level", "machine measure", "n", "ρ", "interval", "note");
            foreach (var a in report.Agreements.Concat(report.LayerAgreements))
                agreement.AddRow(Markup.Escape(a.ProbeKey), Markup.Escape(a.IndexIndicators), Markup.Escape(a.HumanLevels), Markup.Escape(a.MachineMeasure), a.Result.N.ToString(),
                    a.Result.Rho?.ToString("0.000", CultureInfo.InvariantCulture) ?? "–", Markup.Escape(a.Result.IntervalText), Markup.Escape(a.Result.Warning));
            console.Write(agreement);

            if (report.IncompleteRuns.Count > 0)
                console.MarkupLine($"[yellow]note:[/] {report.Rows.Count(report.FromIncompleteRun)} machine result(s) come from {report.IncompleteRuns.Count} incomplete run(s) (run_incomplete in the exports): {Markup.Escape(string.Join(", ", report.IncompleteRuns))}");
            console.MarkupLine($"disagreements: human and machine ranks {report.RankDistance}+ places apart (Compare:RankDistance, the lab's choice)");
            foreach (var d in report.LayerDisagreements) console.WriteLine($"- {d}");
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
