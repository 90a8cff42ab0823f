using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.FeedbackChannel;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record FeedbackChannelSettings
{
    [Setting("min_found", "Kinds of feedback entry (好差评, 投诉, 咨询, 12345) there and working for a pass", Min = "1", Max = "20")]
    public int MinFound { get; init; } = 2;
}
