using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.OfflineChannels;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record OfflineChannelsSettings
{
    [Setting("min_found", "Kinds of offline entry (appointment, hall locator) there and working for a pass", Min = "1", Max = "20")]
    public int MinFound { get; init; } = 1;
}
