using System.Globalization;
using System.Text.RegularExpressions;

namespace ZhangbanProbe.Core.Catalogue;

/// <summary>
/// A probe's settings from the catalogue, as text; typed accessors with defaults. Durations are written
/// <c>250ms</c>, <c>3s</c>, <c>2m</c>; ratios as plain numbers.
/// </summary>
public sealed partial class ProbeSettings(IReadOnlyDictionary<string, string> values)
{
    public static readonly ProbeSettings Empty = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public int GetInt(string name, int fallback) =>
        Values.TryGetValue(name, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : fallback;

    public double GetDouble(string name, double fallback) =>
        Values.TryGetValue(name, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : fallback;

    public TimeSpan GetDuration(string name, TimeSpan fallback) =>
        Values.TryGetValue(name, out var v) && TryParseDuration(v, out var t) ? t : fallback;

    public string GetString(string name, string fallback) => Values.TryGetValue(name, out var v) ? v : fallback;

    /// <summary>A message when the named value is malformed for its apparent kind, else null.</summary>
    public string? Check(string name)
    {
        if (!Values.TryGetValue(name, out var v)) return null;
        if (name.EndsWith("budget", StringComparison.OrdinalIgnoreCase) || name.EndsWith("timeout", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("warning", StringComparison.OrdinalIgnoreCase))
            return TryParseDuration(v, out var d) && d > TimeSpan.Zero ? null : $"'{v}' is not a positive duration such as 2500ms, 3s or 14d";
        if (name.StartsWith("min_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("max_", StringComparison.OrdinalIgnoreCase) || name is "loads")
            return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 ? null : $"'{v}' is not a non-negative number";
        return null;
    }

    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        var m = DurationPattern().Match(text.Trim());
        if (!m.Success) return false;
        var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        value = m.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            _ => TimeSpan.FromMilliseconds(n),
        };
        return true;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$")]
    private static partial Regex DurationPattern();
}
