using System.Globalization;
using Microsoft.Extensions.Configuration;
using ZhangbanProbe.Core.HumanScores;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Scores;

namespace ZhangbanProbe.Application.Runs;

/// <summary>An edition's comparison, or why it cannot be made (configuration or input problems, each named).</summary>
public sealed record EditionComparisonResult(ComparisonReport? Report, DateTime From, DateTime To, IReadOnlyList<string> Errors);

/// <summary>
/// Human grades of one edition beside the machine results of that edition's evaluation period (Editions:Y:From/To,
/// the lab's to configure: never guessed). Used by `zhangban compare` and the dashboard's compare page.
/// </summary>
public sealed class EditionComparison(ZhangbanProbe.Application.Definitions.DefinitionsStore definitions, CompareService compare, IConfiguration configuration)
{
    /// <summary>The edition's evaluation period (UTC, a date without a time meaning the whole day), or why there is none.</summary>
    public (DateTime From, DateTime To)? Period(int year, out string? error)
    {
        error = null;
        var fromText = configuration[$"Editions:{year}:From"];
        var toText = configuration[$"Editions:{year}:To"];
        if (string.IsNullOrWhiteSpace(fromText) || string.IsNullOrWhiteSpace(toText))
        {
            error = $"Editions:{year}:From and Editions:{year}:To are not configured: set the evaluation period of the {year} edition (e.g. ZHANGBAN_Editions__{year}__From=2025-03-01 and ZHANGBAN_Editions__{year}__To=2025-06-30, or in appsettings.json)";
            return null;
        }
        if (!DateTime.TryParse(fromText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var from)
            || !DateTime.TryParse(toText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var to) || to < from)
        {
            error = $"Editions:{year}: From '{fromText}' and To '{toText}' must be dates with From before To";
            return null;
        }
        if (to.TimeOfDay == TimeSpan.Zero && !toText.Contains('T') && !toText.Contains(':')) to = to.AddDays(1).AddTicks(-1);
        return (from, to);
    }

    public async Task<EditionComparisonResult> CompareAsync(int year, bool replicas, CancellationToken ct)
    {
        if (Period(year, out var periodError) is not var (from, to)) return Fail(periodError!);
        // The definitions in use (a broken edit on disk keeps the last good ones).
        if (definitions.Current() is not { Snapshot: { } snapshot }) return Fail([.. definitions.Current().Problems]);
        var rankDistanceText = configuration["Compare:RankDistance"];
        var rankDistance = Comparison.DefaultRankDistance;
        if (rankDistanceText is not null && (!int.TryParse(rankDistanceText, out rankDistance) || rankDistance < 1))
            return Fail($"Compare:RankDistance '{rankDistanceText}' must be a whole number of places (1 or more)");
        var report = await compare.CompareAsync(year, snapshot.Portals, snapshot.Catalogue, new EditionPeriod(from, to), replicas, ct, rankDistance);
        return new(report, from, to, []);

        EditionComparisonResult Fail(params string[] errors) => new(null, default, default, errors);
    }
}
