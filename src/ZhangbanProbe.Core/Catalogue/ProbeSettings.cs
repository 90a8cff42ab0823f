using System.Globalization;
using System.Text.RegularExpressions;

namespace ZhangbanProbe.Core.Catalogue;

/// <summary>
/// A probe's settings from the catalogue: the values as written (checked at load against the probe's
/// <see cref="SettingsSchema"/>) and the typed record bound from them, which is all a probe reads
/// (<see cref="As{T}"/>). Durations are written <c>250ms</c>, <c>3s</c>, <c>2m</c>; ratios as plain numbers.
/// </summary>
public sealed partial class ProbeSettings
{
    public static readonly ProbeSettings Empty = new(new Dictionary<string, string>());

    [System.Text.Json.Serialization.JsonConstructor]
    public ProbeSettings(IReadOnlyDictionary<string, string> values) => Values = values;

    private ProbeSettings(IReadOnlyDictionary<string, string> values, object typed) : this(values) => Typed = typed;

    /// <summary>Settings bound to <paramref name="schema"/>'s record (throws <see cref="ArgumentException"/> naming a bad value).</summary>
    public static ProbeSettings Bound(SettingsSchema schema, IReadOnlyDictionary<string, string> values) => new(values, schema.Bind(values));

    /// <summary>Settings given as a record (tests, tools): the values are the record's own.</summary>
    public static ProbeSettings Of<T>(T record) where T : class, new() => new(SettingsSchema.Of<T>().Values(record), record);

    /// <summary>The values as the catalogue wrote them (for display, the snapshot and its changes).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    [System.Text.Json.Serialization.JsonIgnore]
    public object? Typed { get; }

    /// <summary>The probe's typed settings: bound at load; an entry built without binding gets them bound now.</summary>
    public T As<T>() where T : class, new() => Typed as T ?? (T)SettingsSchema.Of<T>().Bind(Values);

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
