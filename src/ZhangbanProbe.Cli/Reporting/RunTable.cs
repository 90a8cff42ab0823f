using Spectre.Console;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Cli.Reporting;

/// <summary>The summary table: portal × indicator → outcome (reason), value.</summary>
public static class RunTable
{
    public static void Write(IAnsiConsole console, ProbeRun run, IReadOnlyList<PortalManifest> portals)
    {
        var byId = portals.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var indicators = run.IndicatorIds;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{run.Trigger} run {run.Id} ({ZhangbanProbe.Core.StateCode.Of(run.Status)})");
        table.AddColumn("portal");
        table.AddColumn("province");
        foreach (var i in indicators) table.AddColumn(i);

        foreach (var portalId in run.PortalIds)
        {
            var cells = new List<string> { Markup.Escape(portalId), Markup.Escape(byId.GetValueOrDefault(portalId)?.Province ?? "") };
            foreach (var ind in indicators)
            {
                var r = run.Results.FirstOrDefault(x => x.PortalId == portalId && x.IndicatorId == ind);
                var missing = run.Missing.FirstOrDefault(m => m.PortalId == portalId && m.IndicatorId == ind);
                cells.Add(missing is not null ? $"[red bold]missing[/] {Markup.Escape(ZhangbanProbe.Core.StateCode.Of(missing.Cause))}" : r is not null ? Cell(r) : "[grey]–[/]");
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);

        var counts = run.Results.GroupBy(r => r.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Key.ToCode()} {g.Count()}");
        console.MarkupLine($"[bold]outcomes:[/] {Markup.Escape(string.Join(", ", counts))}");
        if (run.Missing.Count > 0)
            console.MarkupLine($"[red bold]incomplete:[/] {run.Missing.Count} planned pair(s) without a stored result: {Markup.Escape(string.Join("; ", run.Missing.Take(10)))}{(run.Missing.Count > 10 ? $" (+{run.Missing.Count - 10})" : "")}");
    }

    private static string Cell(ProbeResult r)
    {
        var color = r.Outcome switch
        {
            Outcome.Pass => "green",
            Outcome.Degraded => "yellow",
            Outcome.Fail => "red",
            Outcome.Blocked => "magenta",
            _ => "grey",
        };
        // Compact cells keep a 13-indicator table readable: the reason only when it is not a pass,
        // the value only for timings (the JSON and `runs show` keep everything).
        var reason = r.Outcome == Outcome.Pass ? "" : " " + r.Reason.ToCode();
        var value = r.Value is { } v && r.Unit == "ms" ? $" {v:0} ms" : "";
        return $"[{color}]{r.Outcome.ToCode()}[/]{Markup.Escape(reason + value)}";
    }
}
