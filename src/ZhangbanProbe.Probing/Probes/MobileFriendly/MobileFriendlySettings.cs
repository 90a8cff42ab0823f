using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.MobileFriendly;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record MobileFriendlySettings
{
    [Setting("min_text_px", "Median text size below this (CSS px): small-text", Min = "6", Max = "32")]
    public double MinTextPx { get; init; } = 12;

    [Setting("max_small_target_share", "Share of tap targets smaller than 24×24 px above which: small-tap-targets", Share = true)]
    public double MaxSmallTargetShare { get; init; } = 0.25;
}
