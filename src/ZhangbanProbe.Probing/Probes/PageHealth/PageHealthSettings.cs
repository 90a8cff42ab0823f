using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.PageHealth;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record PageHealthSettings
{
    [Setting("max_links", "Same-host links checked from inside the page, one at a time", Min = "0", Max = "200")]
    public int MaxLinks { get; init; } = 30;
}
