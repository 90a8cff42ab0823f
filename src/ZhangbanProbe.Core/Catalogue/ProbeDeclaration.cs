using System.Globalization;

namespace ZhangbanProbe.Core.Catalogue;

/// <summary>What a catalogue setting holds; the catalogue loader checks each value against it (file:line).</summary>
public enum SettingKind
{
    /// <summary>A positive duration: 250ms, 3s, 2m, 14d.</summary>
    Duration,
    /// <summary>A non-negative number (a ratio such as 1.15, a size in px).</summary>
    Number,
    /// <summary>A share between 0 and 1.</summary>
    Share,
    /// <summary>A whole number ≥ 0.</summary>
    Count,
    /// <summary>true or false.</summary>
    Flag,
    /// <summary>Non-empty text (a search term).</summary>
    Text,
}

/// <summary>One setting a probe reads from the catalogue: its name, kind, default, limits and meaning
/// (declared on the probe's settings record, see <see cref="SettingsSchema"/>).</summary>
public sealed record SettingSpec(string Name, SettingKind Kind)
{
    public string Default { get; init; } = "";
    public string? Min { get; init; }
    public string? Max { get; init; }
    public string Description { get; init; } = "";

    /// <summary>Why <paramref name="value"/> is not a valid value of this setting (its kind and limits), or null.</summary>
    public string? Check(string value)
    {
        var kindError = Kind switch
        {
            SettingKind.Duration => ProbeSettings.TryParseDuration(value, out var d) && d > TimeSpan.Zero ? null : $"'{value}' is not a positive duration such as 2500ms, 3s or 14d",
            SettingKind.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 ? null : $"'{value}' is not a non-negative number",
            SettingKind.Share => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is >= 0 and <= 1 ? null : $"'{value}' is not a share between 0 and 1 (0.8 for 80 %)",
            SettingKind.Count => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : $"'{value}' is not a whole number ≥ 0",
            SettingKind.Flag => value.Trim() is "true" or "false" ? null : $"'{value}' is not true or false",
            _ => string.IsNullOrWhiteSpace(value) ? "must not be empty" : null,
        };
        if (kindError is not null) return kindError;
        var v = Magnitude(value);
        if (Min is not null && v < Magnitude(Min)) return $"'{value}' is below the smallest allowed, {Min}";
        if (Max is not null && v > Magnitude(Max)) return $"'{value}' is above the largest allowed, {Max}";
        return null;
    }

    /// <summary>The range as documented: "1–15", "≥ 1", "≤ 0.5", or "".</summary>
    public string Range => (Min, Max) switch
    {
        ({ } lo, { } hi) => $"{lo}–{hi}",
        ({ } lo, null) => $"≥ {lo}",
        (null, { } hi) => $"≤ {hi}",
        _ when Kind == SettingKind.Share => "0–1",
        _ => "",
    };

    private double Magnitude(string text) => Kind switch
    {
        SettingKind.Duration => ProbeSettings.TryParseDuration(text, out var d) ? d.TotalMilliseconds : double.NaN,
        SettingKind.Number or SettingKind.Share or SettingKind.Count => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN,
        _ => double.NaN,
    };
}

/// <summary>How a probe is named in messages and pages, in Chinese and English.</summary>
public sealed record ProbeNames(string Zh, string En);

/// <summary>
/// What a probe declares about itself, in its own folder: key, names, the settings and hints it reads, and whether
/// its headline value is a timing (lower is better: the timing alerts and the comparison's ranking read that).
/// </summary>
public sealed record ProbeDeclaration(string Key, ProbeNames Names, SettingsSchema Settings, IReadOnlyCollection<string> HintNames, bool ValueIsTiming = false)
{
    /// <summary>
    /// The probe only reads the entry page as it arrived (no click, no navigation, no typing): it may judge one load of
    /// the entry shared with the other such probes of the same portal run next to it (gather once, audit many).
    /// </summary>
    public bool ReadsEntryOnly { get; init; }
}
