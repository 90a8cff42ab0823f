using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.ServiceChannels;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record ServiceChannelsSettings
{
    [Setting("min_found", "Kinds of channel offered for a pass", Min = "1", Max = "20")]
    public int MinFound { get; init; } = 2;
}
