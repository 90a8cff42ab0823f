using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.ELicence;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record ELicenceSettings
{
    [Setting("min_found", "Kinds (electronic licences, own-data queries) there and working for a pass", Min = "1", Max = "20")]
    public int MinFound { get; init; } = 2;
}
