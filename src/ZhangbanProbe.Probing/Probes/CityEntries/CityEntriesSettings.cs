using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.CityEntries;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record CityEntriesSettings
{
    [Setting("min_share", "Share of the prefecture-city links that must work for a pass", Share = true)]
    public double MinShare { get; init; } = 0.8;

    [Setting("min_checked", "Entries that must answer a check before the list is judged (all of them when fewer are listed); fewer: error undecided", Min = "1", Max = "40")]
    public int MinChecked { get; init; } = 3;
}
