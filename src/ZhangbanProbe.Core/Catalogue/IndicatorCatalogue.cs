using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Core.Catalogue;

/// <summary>One probe in the catalogue: which index layer and indicators it informs, and its settings (budgets, rules).</summary>
public sealed record CatalogueEntry
{
    public required string ProbeKey { get; init; }
    /// <summary>The index layer (可用, 管用, 好用, 爱用, 敢用).</summary>
    public required string Layer { get; init; }
    /// <summary>The index's own indicator names this probe informs (from indicators.md).</summary>
    public IReadOnlyList<string> IndexIndicators { get; init; } = [];
    public string Measures { get; init; } = "";
    public ProbeSettings Settings { get; init; } = ProbeSettings.Empty;
    /// <summary>The evaluator group whose grade this probe is set beside (foreign, elderly, disabled, ...); null: all users.</summary>
    public string? Audience { get; init; }
    /// <summary>The probe's names (from its declaration); null for an entry built without one (then the key is its name).</summary>
    public ProbeNames? Names { get; init; }
    /// <summary>
    /// Experimental until proven (<c>experimental: true</c>): its results are stored and shown, but never open an incident
    /// or reach a province.
    /// </summary>
    public bool Experimental { get; init; }
    /// <summary>Its headline value is a timing: lower is better (timing alerts; ranking in the comparison).</summary>
    public bool ValueIsTiming { get; init; }

    public string NameIn(string language) => Names is null ? ProbeKey : language == "en" ? Names.En : Names.Zh;
}

/// <summary>An index indicator no probe measures, declared so with the reason (nothing is silently missing).</summary>
public sealed record HumanOnlyIndicator(string Indicator, string Layer, string Reason);

/// <summary>One row of the coverage table: an index indicator and the probes that inform it, or why it is human only.</summary>
public sealed record CoverageRow(string Indicator, string Layer, IReadOnlyList<string> Probes, string? HumanOnlyReason, IReadOnlyList<string> Audiences);

/// <summary>The indicator catalogue (<c>probes/catalogue.yaml</c>): data, editable without a rebuild.</summary>
public sealed record IndicatorCatalogue(IReadOnlyList<CatalogueEntry> Entries, string SourcePath)
{
    /// <summary>Index indicators declared human-only (<c>human_only:</c> in the catalogue).</summary>
    public IReadOnlyList<HumanOnlyIndicator> HumanOnly { get; init; } = [];

    /// <summary>Every indicator of the index (five layers and the 2023 list): its probes, or why it is human only.</summary>
    public IReadOnlyList<CoverageRow> Coverage() =>
        HumanScores.IndexModel.AllIndicators.Select(x =>
        {
            var probes = Entries.Where(e => e.IndexIndicators.Contains(x.Indicator)).ToList();
            return new CoverageRow(x.Indicator, x.Layer, probes.Select(p => p.ProbeKey).ToList(),
                HumanOnly.FirstOrDefault(h => h.Indicator == x.Indicator)?.Reason, probes.Select(p => p.Audience ?? "all").Distinct().ToList());
        }).ToList();

    public static readonly string[] Layers = ["可用", "管用", "好用", "爱用", "敢用"];

    public CatalogueEntry? Find(string probeKey) =>
        Entries.FirstOrDefault(e => string.Equals(e.ProbeKey, probeKey, StringComparison.OrdinalIgnoreCase));
}
