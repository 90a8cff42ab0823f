using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Core.HumanScores;

/// <summary>One platform × probe: the human evaluation that speaks to it (most specific available) beside the machine result.</summary>
public sealed record ComparisonRow(
    string Province, string Platform, string PortalId, string ProbeKey, string IndexIndicators,
    HumanEvaluation? Human, string HumanLevel, ProbeResult? Machine);

public sealed record AgreementRow(string ProbeKey, string IndexIndicators, string HumanLevels, string MachineMeasure, AgreementResult Result);

public sealed record Disagreement(ComparisonRow Row, string Explanation);

public sealed record ComparisonReport(int Year, IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<AgreementRow> Agreements, IReadOnlyList<Disagreement> Disagreements);

/// <summary>
/// Pure comparison of human evaluations with machine results. For each platform and probe the human side is
/// the most specific evaluation available: the probe's index indicator, else its layer, else the overall grade
/// (all evaluators preferred over one group); which level was used is always shown.
/// </summary>
public static class Comparison
{
    public static ComparisonReport Build(
        int year, IReadOnlyList<HumanEvaluation> humans, IReadOnlyList<PortalManifest> portals,
        IReadOnlyList<CatalogueEntry> probes, Func<string, string, ProbeResult?> machine)
    {
        var rows = new List<ComparisonRow>();
        var byProvince = humans.Where(h => h.ReportYear == year).GroupBy(h => h.Province).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var portal in portals.OrderBy(p => Array.IndexOf(IndexModel.Units, p.Province) is var i && i < 0 ? 99 : i).ThenBy(p => p.Id))
        {
            var province = IndexModel.NormaliseProvince(portal.Province);
            var evaluations = province is not null && byProvince.TryGetValue(province, out var list) ? list : [];
            foreach (var probe in probes)
            {
                var (human, level) = MostSpecific(evaluations, portal, probe);
                rows.Add(new ComparisonRow(province ?? portal.Province, portal.Platform, portal.Id, probe.ProbeKey,
                    string.Join("、", probe.IndexIndicators), human, level, machine(portal.Id, probe.ProbeKey)));
            }
        }

        var agreements = probes.Select(probe =>
        {
            var pairs = rows.Where(r => r.ProbeKey == probe.ProbeKey && r.Human is not null && MachineNumber(r.Machine) is not null)
                .GroupBy(r => r.Province).Select(g => g.First()) // one platform per province
                .Select(r => (HumanNumber(r.Human!), MachineNumber(r.Machine)!.Value)).ToList();
            var levels = string.Join(", ", rows.Where(r => r.ProbeKey == probe.ProbeKey && r.Human is not null).Select(r => r.HumanLevel).Distinct());
            return new AgreementRow(probe.ProbeKey, string.Join("、", probe.IndexIndicators), levels,
                probe.ProbeKey == "response-time" ? "faster = better (negated median load)" : "pass 1, degraded ½, fail 0",
                Agreement.Spearman(pairs));
        }).ToList();

        var disagreements = rows.Select(r => (r, why: Disagrees(r))).Where(t => t.why is not null).Select(t => new Disagreement(t.r, t.why!)).ToList();
        return new ComparisonReport(year, rows, agreements, disagreements);
    }

    private static (HumanEvaluation?, string) MostSpecific(List<HumanEvaluation> evaluations, PortalManifest portal, CatalogueEntry probe)
    {
        // Prefer the platform's own rows when a province has several platforms.
        var candidates = evaluations.Where(e => e.Platform.Length == 0 || portal.Platform.Length == 0 || e.Platform == portal.Platform || portal.Platform.Contains(e.Platform)).ToList();
        if (candidates.Count == 0) candidates = evaluations;
        // A probe with an audience (english-mode → foreign) is set beside that group's grade where there is one;
        // otherwise beside all evaluators' grade. The level used is shown (e.g. "indicator/foreign").
        var indicators = probe.IndexIndicators.Select(i => IndexModel.CanonicalIndicator(i) ?? i).ToHashSet();
        var levels = new (string Level, Func<HumanEvaluation, bool> Scope)[]
        {
            ("indicator", e => e.IndexIndicator is not null && indicators.Contains(e.IndexIndicator)),
            ("layer", e => e.IndexIndicator is null && e.Layer == probe.Layer),
            ("overall", e => e.IndexIndicator is null && e.Layer is null),
        };
        if (probe.Audience is { } audience)
            foreach (var (level, scope) in levels)
                if (candidates.FirstOrDefault(e => scope(e) && e.EvaluatorGroup == audience) is { } g) return (g, $"{level}/{audience}");
        foreach (var (level, scope) in levels)
            if (candidates.Where(scope).OrderBy(x => x.EvaluatorGroup is null ? 0 : 1).FirstOrDefault() is { } h) return (h, level);
        return (null, "");
    }

    /// <summary>Score when given, else the grade's rank (A+ = 10 … D = 1).</summary>
    public static double HumanNumber(HumanEvaluation h) => h.Score ?? IndexModel.GradeRank(h.Grade!);

    /// <summary>Higher is better. Blocked and error results say nothing and are left out.</summary>
    public static double? MachineNumber(ProbeResult? r)
    {
        if (r is null || r.Outcome is Outcome.Blocked or Outcome.Error) return null;
        if (r.IndicatorId == "response-time") return r.Value is { } v ? -v : null;
        return r.Outcome switch { Outcome.Pass => 1, Outcome.Degraded => 0.5, _ => 0 };
    }

    private static bool Favourable(HumanEvaluation h) => h.Score is { } s ? s >= 80 : IndexModel.GradeRank(h.Grade!) >= IndexModel.GradeRank("A-");
    private static bool Unfavourable(HumanEvaluation h) => h.Score is { } s ? s < 60 : IndexModel.GradeRank(h.Grade!) <= IndexModel.GradeRank("C+");

    private static string? Disagrees(ComparisonRow r)
    {
        if (r.Human is null || r.Machine is null) return null;
        var human = $"{r.HumanLevel} {(r.HumanLevel == "overall" ? "grade" : r.Human.Scope)} {r.Human.Grade ?? r.Human.Score?.ToString("0.#")}";
        if (Favourable(r.Human) && r.Machine.Outcome == Outcome.Fail)
            return $"humans rate it well ({human}) but the probe fails: {r.Machine.Reason.ToCode()} — {r.Machine.Detail}";
        if (Unfavourable(r.Human) && r.Machine.Outcome == Outcome.Pass)
            return $"humans rate it poorly ({human}) but the probe passes: {r.Machine.Detail}";
        return null;
    }
}
