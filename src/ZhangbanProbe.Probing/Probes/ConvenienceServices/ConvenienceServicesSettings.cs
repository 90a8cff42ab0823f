using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.ConvenienceServices;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record ConvenienceServicesSettings
{
    [Setting("min_found", "Kinds of service (of 3) there and working for a pass", Min = "1", Max = "20")]
    public int MinFound { get; init; } = 2;
}
