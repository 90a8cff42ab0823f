using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.OnlineShare;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record OnlineShareSettings
{
    [Setting("services", "High-frequency services whose guides are looked for (comma-separated)")]
    public string Services { get; init; } = "住房公积金提取, 居民身份证换领, 城乡居民养老保险参保登记, 机动车驾驶证换证, 个体工商户设立登记";

    [Setting("min_guides", "Guides that must be read for a verdict", Min = "1", Max = "20")]
    public int MinGuides { get; init; } = 2;

    [Setting("min_share", "Share of the read guides that must offer the service fully online", Share = true)]
    public double MinShare { get; init; } = 0.6;
}
