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

/// <summary>One province × layer: the machine summary (share of passes over observed results; blocked and error left out) beside the layer's human grade and rank.</summary>
public sealed record LayerSummary(string Province, string Layer, int Passes, int Observed, HumanEvaluation? Human)
{
    public double? Share => Observed == 0 ? null : Math.Round((double)Passes / Observed, 4);
}

public sealed record ComparisonReport(int Year, IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<AgreementRow> Agreements, IReadOnlyList<Disagreement> Disagreements)
{
    public IReadOnlyList<LayerSummary> Layers { get; init; } = [];
    /// <summary>Runs the machine side was taken from that ended incomplete: their results are marked wherever shown.</summary>
    public IReadOnlySet<Guid> IncompleteRuns { get; init; } = new HashSet<Guid>();
    public bool FromIncompleteRun(ComparisonRow row) => row.Machine is { } m && IncompleteRuns.Contains(m.RunId);
    /// <summary>Per layer: agreement between the human layer grade (or rank) and the machine summary across provinces.</summary>
    public IReadOnlyList<AgreementRow> LayerAgreements { get; init; } = [];
    /// <summary>Provinces whose human and machine rank within a layer differ by at least the rank distance.</summary>
    public IReadOnlyList<string> LayerDisagreements { get; init; } = [];
    /// <summary>The lab's threshold for a disagreement: how many places human and machine ranks must differ (Compare:RankDistance).</summary>
    public int RankDistance { get; init; }
}

/// <summary>
/// Pure comparison of human evaluations with machine results. For each platform and probe the human side is
/// the most specific evaluation available: the probe's index indicator, else its layer, else the overall grade
/// (all evaluators preferred over one group); which level was used is always shown.
/// </summary>
public static class Comparison
{
    /// <summary>The default rank distance for a disagreement: the lab's choice, documented, configurable (Compare:RankDistance).</summary>
    public const int DefaultRankDistance = 10;

    public static ComparisonReport Build(
        int year, IReadOnlyList<HumanEvaluation> humans, IReadOnlyList<PortalManifest> portals,
        IReadOnlyList<CatalogueEntry> probes, Func<string, string, ProbeResult?> machine, int rankDistance = DefaultRankDistance)
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
            var pairs = rows.Where(r => r.ProbeKey == probe.ProbeKey && r.Human is not null && MachineNumber(r.Machine, probe.ValueIsTiming) is not null)
                .GroupBy(r => r.Province).Select(g => g.First()) // one platform per province
                .Select(r => (HumanNumber(r.Human!), MachineNumber(r.Machine, probe.ValueIsTiming)!.Value)).ToList();
            var levels = string.Join(", ", rows.Where(r => r.ProbeKey == probe.ProbeKey && r.Human is not null).Select(r => r.HumanLevel).Distinct());
            return new AgreementRow(probe.ProbeKey, string.Join("、", probe.IndexIndicators), levels,
                probe.ValueIsTiming ? "faster = better (negated median)" : "pass 1, degraded ½, fail 0",
                Agreement.SpearmanWithInterval(pairs));
        }).ToList();

        // Disagreements without invented cut-offs: per probe, humans' and the machine's ranks of the provinces
        // (ties averaged) differ by at least the rank distance.
        var disagreements = new List<Disagreement>();
        foreach (var probe in probes)
        {
            var ranked = rows.Where(r => r.ProbeKey == probe.ProbeKey && r.Human is not null && MachineOrder(r.Machine, probe.ValueIsTiming) is not null)
                .GroupBy(r => r.Province).Select(g => g.First()).ToList();
            if (ranked.Count < 2) continue;
            var humanRanks = Agreement.Ranks(ranked.Select(r => -HumanNumber(r.Human!)).ToArray());
            var machineRanks = Agreement.Ranks(ranked.Select(r => -MachineOrder(r.Machine, probe.ValueIsTiming)!.Value).ToArray());
            for (var i = 0; i < ranked.Count; i++)
            {
                if (Math.Abs(humanRanks[i] - machineRanks[i]) < rankDistance) continue;
                var r = ranked[i];
                var human = $"{r.HumanLevel} {r.Human!.Grade ?? r.Human.Score?.ToString("0.#")}{(r.Human.Rank is { } hr ? $" rank {hr}" : "")}";
                disagreements.Add(new Disagreement(r,
                    $"humans place it {humanRanks[i]:0.#} of {ranked.Count} ({human}), the probe {machineRanks[i]:0.#} of {ranked.Count} ({r.Machine!.Outcome.ToCode()} {r.Machine.Reason.ToCode()}{(r.Machine.Value is { } v ? $", {v:0.#} {r.Machine.Unit}" : "")}); rank distance ≥ {rankDistance}"));
            }
        }

        // The machine summary per province × layer, beside the layer's grade and rank.
        var layers = rows.GroupBy(r => (r.Province, Layer: probes.First(p => p.ProbeKey == r.ProbeKey).Layer))
            .Select(g =>
            {
                var observed = g.Where(r => r.Machine is { Outcome: not (Outcome.Blocked or Outcome.Error) }).ToList();
                var evaluations = byProvince.GetValueOrDefault(g.Key.Province) ?? [];
                var human = evaluations.Where(e => e.Layer == g.Key.Layer && e.IndexIndicator is null).OrderBy(e => e.EvaluatorGroup is null ? 0 : 1).FirstOrDefault();
                return new LayerSummary(g.Key.Province, g.Key.Layer, observed.Count(r => r.Machine!.Outcome == Outcome.Pass), observed.Count, human);
            }).ToList();
        var layerAgreements = new List<AgreementRow>();
        var layerDisagreements = new List<string>();
        foreach (var layer in IndicatorCatalogue.Layers)
        {
            var pairs = layers.Where(l => l.Layer == layer && l.Human is not null && l.Share is not null).ToList();
            if (pairs.Count == 0) continue;
            var values = pairs.Select(l => (HumanNumber(l.Human!), l.Share!.Value)).ToList();
            layerAgreements.Add(new AgreementRow($"layer {layer}", layer, pairs.Any(p => p.Human!.Rank is not null) ? "layer rank" : "layer grade",
                "share of passes (blocked, error left out)", Agreement.SpearmanWithInterval(values)));
            var hr = Agreement.Ranks(values.Select(v => -v.Item1).ToArray());
            var mr = Agreement.Ranks(values.Select(v => -v.Item2).ToArray());
            for (var i = 0; i < pairs.Count; i++)
                if (Math.Abs(hr[i] - mr[i]) >= rankDistance)
                    layerDisagreements.Add($"{pairs[i].Province} · {layer}: humans place it {hr[i]:0.#} of {pairs.Count}, the machine summary {mr[i]:0.#} of {pairs.Count} ({pairs[i].Passes}/{pairs[i].Observed} passes)");
        }
        return new ComparisonReport(year, rows, agreements, disagreements)
        {
            Layers = layers, LayerAgreements = layerAgreements, LayerDisagreements = layerDisagreements, RankDistance = rankDistance,
        };
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

    /// <summary>Higher is better: the published rank where there is one (negated), else the score, else the grade's order (A+ = 10 … D = 1).</summary>
    public static double HumanNumber(HumanEvaluation h) => h.Rank is { } rank ? -rank : h.Score ?? IndexModel.GradeRank(h.Grade!);

    /// <summary>For ranking provinces: like <see cref="MachineNumber"/>, but a failure without a value (a timing probe that failed) ranks last.</summary>
    public static double? MachineOrder(ProbeResult? r, bool valueIsTiming) =>
        MachineNumber(r, valueIsTiming) ?? (r is { Outcome: Outcome.Fail } ? -1e12 : null);

    /// <summary>Higher is better. Blocked and error results say nothing and are left out.</summary>
    public static double? MachineNumber(ProbeResult? r, bool valueIsTiming)
    {
        if (r is null || r.Outcome is Outcome.Blocked or Outcome.Error) return null;
        if (valueIsTiming) return r.Value is { } v ? -v : null;
        return r.Outcome switch { Outcome.Pass => 1, Outcome.Degraded => 0.5, _ => 0 };
    }

}
