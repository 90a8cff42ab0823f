using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.EnglishMode;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record EnglishModeSettings
{
    [Setting("min_latin_share", "Share of Latin letters among Latin + CJK characters that counts as English", Share = true)]
    public double MinLatinShare { get; init; } = 0.6;
}
