using System.Globalization;
using System.Text;
using MiniExcelLibs;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.HumanScores;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Scores;

/// <summary>An edition's evaluation period (<c>Editions:&lt;year&gt;:From</c> / <c>To</c>), inclusive, UTC.</summary>
public sealed record EditionPeriod(DateTime FromUtc, DateTime ToUtc);

/// <summary>Loads both sides for an edition, builds the pure comparison, and exports it.</summary>
public sealed class CompareService(ProbeStore store, HumanScoreStore humans)
{
    /// <summary>Compares an edition: the human evaluations of <paramref name="year"/> beside the machine results of its evaluation period.</summary>
    public async Task<ComparisonReport> CompareAsync(int year, IReadOnlyList<PortalManifest> portals, IndicatorCatalogue catalogue,
        EditionPeriod period, bool includeReplicas, CancellationToken ct = default, int rankDistance = Comparison.DefaultRankDistance)
    {
        await store.MigrateAsync(ct);
        var evaluations = await humans.ListAsync(year, ct);
        var nearest = await store.EditionResultsAsync(period.FromUtc, period.ToUtc, includeReplicas, ct: ct);
        // Replica results carry ids of their own (replica-zhejiang); asked to compare replicas, each stands for the portal it models.
        var report = Comparison.Build(year, evaluations, portals, catalogue.Entries, (p, i) =>
            includeReplicas ? nearest.GetValueOrDefault((ZhangbanProbe.Core.Runs.ReplicaIds.For(p), i)) : nearest.GetValueOrDefault((p, i)), rankDistance);
        return report with { IncompleteRuns = await store.IncompleteRunIdsAsync(nearest.Values.Select(r => r.RunId).Distinct().ToList(), ct) };
    }

    /// <summary>
    /// A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start: a score file's
    /// <c>=HYPERLINK(...)</c>, a page's text) is kept as text with a leading apostrophe.
    /// </summary>
    public static object? Neutralize(object? value) =>
        value is string s && s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : value;

    public static IReadOnlyList<Dictionary<string, object?>> Table(ComparisonReport report) =>
        RawTable(report).Select(row => row.ToDictionary(kv => kv.Key, kv => Neutralize(kv.Value))).ToList();

    private static IEnumerable<Dictionary<string, object?>> RawTable(ComparisonReport report) =>
        report.Rows.Select(r => new Dictionary<string, object?>
        {
            ["report_year"] = report.Year,
            ["province"] = r.Province,
            ["platform"] = r.Platform,
            ["portal_id"] = r.PortalId,
            ["human_level"] = r.HumanLevel,
            ["human_scope"] = r.Human?.Scope,
            ["human_grade"] = r.Human?.Grade,
            ["human_score"] = r.Human?.Score,
            ["human_evaluator_group"] = r.Human?.EvaluatorGroup,
            ["human_source"] = r.Human?.Source,
            ["probe"] = r.ProbeKey,
            ["index_indicators"] = r.IndexIndicators,
            ["outcome"] = r.Machine?.Outcome.ToCode(),
            ["reason"] = r.Machine?.Reason.ToCode(),
            ["value"] = r.Machine?.Value,
            ["unit"] = r.Machine?.Unit,
            ["measured_at_utc"] = r.Machine?.StartedAtUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["run_id"] = r.Machine?.RunId.ToString(),
            ["run_incomplete"] = r.Machine is null ? null : report.FromIncompleteRun(r),
            ["detail"] = r.Machine?.Detail,
            ["evidence"] = r.Machine is null ? null : string.Join(" ", r.Machine.Evidence.Select(e => e.Path ?? e.Url)),
            ["disagreement"] = report.Disagreements.FirstOrDefault(d => d.Row == r)?.Explanation,
        });

    /// <summary>The machine summary per province × layer beside the layer's grade and rank.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> LayerTable(ComparisonReport report) =>
        report.Layers.Select(l => new Dictionary<string, object?>
        {
            ["report_year"] = report.Year, ["province"] = l.Province, ["layer"] = l.Layer,
            ["machine_passes"] = l.Passes, ["machine_observed"] = l.Observed, ["machine_share"] = l.Share,
            ["human_grade"] = Neutralize(l.Human?.Grade), ["human_score"] = l.Human?.Score, ["human_rank"] = l.Human?.Rank,
        }).ToList();

    /// <summary>CSV in UTF-8 with a BOM, so Excel shows the Chinese correctly; the layer summary beside it as <c>NAME.layers.csv</c>.</summary>
    public static async Task ExportCsvAsync(ComparisonReport report, string path)
    {
        await WriteCsvAsync(Table(report), path);
        await WriteCsvAsync(LayerTable(report), Path.ChangeExtension(path, null) + ".layers.csv");
    }

    private static async Task WriteCsvAsync(IReadOnlyList<Dictionary<string, object?>> table, string path)
    {
        var sb = new StringBuilder();
        var columns = table.Count > 0 ? table[0].Keys.ToList() : [];
        sb.AppendLine(string.Join(",", columns.Select(Quote)));
        foreach (var row in table)
            sb.AppendLine(string.Join(",", columns.Select(c => Quote(Convert.ToString(row[c], CultureInfo.InvariantCulture) ?? ""))));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, sb.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
    }

    public static async Task ExportXlsxAsync(ComparisonReport report, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var sheets = new Dictionary<string, object>
        {
            ["comparison"] = Table(report),
            ["layers"] = LayerTable(report),
            ["agreement"] = report.Agreements.Select(a => new Dictionary<string, object?>
            {
                ["probe"] = a.ProbeKey, ["index_indicators"] = a.IndexIndicators, ["human_levels"] = a.HumanLevels,
                ["machine_measure"] = a.MachineMeasure, ["n"] = a.Result.N, ["spearman_rho"] = a.Result.Rho,
                ["ci95_low"] = a.Result.Interval?.Low, ["ci95_high"] = a.Result.Interval?.High, ["bootstrap"] = a.Result.Interval is null ? null : $"{a.Result.Resamples} resamples, seed {a.Result.Seed}",
                ["warning"] = Neutralize(a.Result.Warning),
            }).Concat(report.LayerAgreements.Select(a => new Dictionary<string, object?>
            {
                ["probe"] = a.ProbeKey, ["index_indicators"] = a.IndexIndicators, ["human_levels"] = a.HumanLevels,
                ["machine_measure"] = a.MachineMeasure, ["n"] = a.Result.N, ["spearman_rho"] = a.Result.Rho,
                ["ci95_low"] = a.Result.Interval?.Low, ["ci95_high"] = a.Result.Interval?.High, ["bootstrap"] = a.Result.Interval is null ? null : $"{a.Result.Resamples} resamples, seed {a.Result.Seed}",
                ["warning"] = Neutralize(a.Result.Warning),
            })).ToList(),
        };
        await MiniExcel.SaveAsAsync(path, sheets, overwriteFile: true);
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
