using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace ZhangbanProbe.Core.Catalogue;

/// <summary>
/// Marks a property of a probe's settings record as a catalogue setting: its name in <c>catalogue.yaml</c>, limits and
/// what it means. The property's type gives its kind (int: count, double: number, TimeSpan: duration, bool: flag, string:
/// text; <see cref="Share"/> for a share of 1), its initializer the default: each is written once, here.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; } = description;
    /// <summary>A number between 0 and 1.</summary>
    public bool Share { get; init; }
    /// <summary>Smallest value allowed, written as in the catalogue (2, 0.5, 100ms); null: the kind's own floor.</summary>
    public string? Min { get; init; }
    /// <summary>Largest value allowed, written as in the catalogue; null: none.</summary>
    public string? Max { get; init; }
}

/// <summary>The settings record of a probe that reads none.</summary>
public sealed record NoSettings;

/// <summary>
/// A probe's settings, typed once: the settings record's <see cref="SettingAttribute"/> properties are the names, kinds,
/// defaults, limits and descriptions; the catalogue loader checks values against them (file:line:col) and binds them
/// into the record the probe reads. The documentation table of settings is generated from the same schema.
/// </summary>
public sealed class SettingsSchema : IReadOnlyList<SettingSpec>
{
    private static readonly ConcurrentDictionary<Type, SettingsSchema> Known = new();
    private readonly IReadOnlyList<(SettingSpec Spec, PropertyInfo Property)> _settings;

    public Type Type { get; }

    private SettingsSchema(Type type)
    {
        Type = type;
        var defaults = Activator.CreateInstance(type)!;
        _settings = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SettingAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (new SettingSpec(x.Attribute!.Name, KindOf(x.Property, x.Attribute))
            {
                Default = Format(x.Property.GetValue(defaults)),
                Min = x.Attribute.Min,
                Max = x.Attribute.Max,
                Description = x.Attribute.Description,
            }, x.Property)).ToList();
        foreach (var (spec, _) in _settings)
        {
            if (spec.Check(spec.Default) is { } error) throw new InvalidOperationException($"{type.Name}: the default of '{spec.Name}' is outside its own limits: {error}");
        }
    }

    public static SettingsSchema Of<T>() where T : class, new() => Of(typeof(T));

    public static SettingsSchema Of(Type type) => Known.GetOrAdd(type, t => new SettingsSchema(t));

    /// <summary>The record with every value given here (checked with <see cref="SettingSpec.Check"/> first) and the
    /// defaults for the rest. Throws <see cref="ArgumentException"/> naming the setting when a value is not valid.</summary>
    public object Bind(IReadOnlyDictionary<string, string> values)
    {
        var record = Activator.CreateInstance(Type)!;
        foreach (var (name, text) in values)
        {
            var (spec, property) = _settings.FirstOrDefault(s => string.Equals(s.Spec.Name, name, StringComparison.OrdinalIgnoreCase));
            if (spec is null) throw new ArgumentException($"no setting '{name}' (known: {NamesOf(this)})", name);
            if (spec.Check(text) is { } error) throw new ArgumentException($"setting '{name}': {error}", name);
            property.SetValue(record, Parse(spec.Kind, text));
        }
        return record;

        static string NamesOf(SettingsSchema s) => s.Count == 0 ? "none" : string.Join(", ", s.Select(x => x.Name));
    }

    /// <summary>The catalogue text of each setting of <paramref name="record"/> (what a catalogue would write to get it).</summary>
    public IReadOnlyDictionary<string, string> Values(object record) =>
        _settings.ToDictionary(s => s.Spec.Name, s => Format(s.Property.GetValue(record)));

    public SettingSpec this[int index] => _settings[index].Spec;
    public int Count => _settings.Count;
    public IEnumerator<SettingSpec> GetEnumerator() => _settings.Select(s => s.Spec).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static SettingKind KindOf(PropertyInfo p, SettingAttribute a) => p.PropertyType switch
    {
        var t when t == typeof(int) => SettingKind.Count,
        var t when t == typeof(double) => a.Share ? SettingKind.Share : SettingKind.Number,
        var t when t == typeof(TimeSpan) => SettingKind.Duration,
        var t when t == typeof(bool) => SettingKind.Flag,
        var t when t == typeof(string) => SettingKind.Text,
        var t => throw new InvalidOperationException($"{p.DeclaringType?.Name}.{p.Name}: a setting cannot be a {t.Name}"),
    };

    private static object Parse(SettingKind kind, string text) => kind switch
    {
        SettingKind.Count => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture),
        SettingKind.Number or SettingKind.Share => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        SettingKind.Duration => ProbeSettings.TryParseDuration(text, out var d) ? d : throw new FormatException(text),
        SettingKind.Flag => text.Trim() == "true",
        _ => text,
    };

    /// <summary>A value as the catalogue writes it: 3s, 2500ms, 14d, 0.6, true.</summary>
    public static string Format(object? value) => value switch
    {
        TimeSpan t when t.TotalDays >= 1 && t.TotalDays == Math.Floor(t.TotalDays) => $"{t.TotalDays:0}d",
        TimeSpan t when t.TotalHours >= 1 && t.TotalHours == Math.Floor(t.TotalHours) => $"{t.TotalHours:0}h",
        TimeSpan t when t.TotalMinutes >= 1 && t.TotalMinutes == Math.Floor(t.TotalMinutes) => $"{t.TotalMinutes:0}m",
        TimeSpan t when t.TotalSeconds >= 1 && t.TotalSeconds == Math.Floor(t.TotalSeconds) => $"{t.TotalSeconds:0}s",
        TimeSpan t => $"{t.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms",
        bool b => b ? "true" : "false",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        null => "",
        var o => o.ToString() ?? "",
    };
}
