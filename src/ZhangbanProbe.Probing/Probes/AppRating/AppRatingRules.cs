using System.Globalization;
using System.Text.Json;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Probing.Probes.AppRating;

/// <summary>What the App Store's public lookup said of one app.</summary>
public sealed record StoreListing(string Name, double? Rating, int? RatingCount, string? StoreUrl);

/// <summary>Pure reading and judging of the App Store lookup answer (<c>resultCount</c>, <c>results[0]</c>).</summary>
public static class AppRatingRules
{
    /// <summary>The listing in a lookup answer, or null when the store knows no such app (<c>resultCount: 0</c>).</summary>
    public static StoreListing? Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array || results.GetArrayLength() == 0) return null;
        var app = results[0];
        double? rating = app.TryGetProperty("averageUserRating", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetDouble() : null;
        int? count = app.TryGetProperty("userRatingCount", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
        var name = app.TryGetProperty("trackName", out var n) ? n.GetString() ?? "" : "";
        var url = app.TryGetProperty("trackViewUrl", out var u) ? u.GetString() : null;
        return new StoreListing(name, rating, count, url);
    }

    /// <summary>
    /// pass when the average rating is at least <paramref name="minRating"/>; fail <c>low-rating</c> below it; too few
    /// ratings (fewer than <paramref name="minCount"/>) say nothing of users' opinion: error <c>too-few-ratings</c>.
    /// </summary>
    public static (Outcome, Reason, string) Judge(StoreListing listing, double minRating, int minCount)
    {
        var rating = listing.Rating ?? 0;
        var count = listing.RatingCount ?? 0;
        var said = string.Create(CultureInfo.InvariantCulture, $"{listing.Name}: {rating:0.0} stars from {count} ratings");
        if (count < minCount) return (Outcome.Error, Reason.TooFewRatings, $"{said}; fewer than {minCount} ratings cannot speak for users");
        return rating >= minRating
            ? (Outcome.Pass, Reason.Ok, $"{said} (≥ {minRating.ToString(CultureInfo.InvariantCulture)})")
            : (Outcome.Fail, Reason.LowRating, $"{said} (< {minRating.ToString(CultureInfo.InvariantCulture)})");
    }
}
