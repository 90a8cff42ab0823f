using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.AppRating;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record AppRatingSettings
{
    [Setting("min_rating", "Average stars at or above this pass, below fail (low-rating)", Min = "0", Max = "5")]
    public double MinRating { get; init; } = 4.0;

    [Setting("min_count", "Fewer ratings than this say nothing of users: error (too-few-ratings)", Min = "0", Max = "100000")]
    public int MinCount { get; init; } = 20;
}
