using System.Globalization;
using System.Text.RegularExpressions;

namespace ZhangbanProbe.Core.Catalogue;

/// <summary>
/// A probe's settings from the catalogue, as text checked at load against the probe's <see cref="SettingSpec"/>s; typed
/// accessors with defaults. Durations are written
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

    /// <summary>true or false; anything else (the loader refuses it) is the fallback.</summary>
    public bool GetFlag(string name, bool fallback) =>
        Values.TryGetValue(name, out var v) && bool.TryParse(v.Trim(), out var b) ? b : fallback;

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
