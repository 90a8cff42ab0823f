using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.ResponseTime;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record ResponseTimeSettings
{
    [Setting("loads", "Cold loads per run; the median is reported", Min = "1", Max = "15")]
    public int Loads { get; init; } = 3;

    [Setting("load_budget", "Median load event above this: degraded", Min = "100ms", Max = "2m")]
    public TimeSpan LoadBudget { get; init; } = TimeSpan.FromSeconds(3);

    [Setting("lcp_budget", "Median largest contentful paint above this: degraded", Min = "100ms", Max = "2m")]
    public TimeSpan LcpBudget { get; init; } = TimeSpan.FromMilliseconds(2500);
}
