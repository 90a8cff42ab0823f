using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.ElderlyMode;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record ElderlyModeSettings
{
    [Setting("min_ratio", "Median text size after switching ÷ before that counts as larger", Min = "1", Max = "4")]
    public double MinRatio { get; init; } = 1.15;
}
