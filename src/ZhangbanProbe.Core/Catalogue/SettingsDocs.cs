namespace ZhangbanProbe.Core.Catalogue;

/// <summary>The documentation of the catalogue's settings, generated from the probes' declarations (docs/settings.md).</summary>
public static class SettingsDocs
{
    public static string Markdown(IEnumerable<ProbeDeclaration> declarations)
    {
        var lines = new List<string>
        {
            "# Catalogue settings",
            "",
            "Generated from the probes' settings records (`src/ZhangbanProbe.Probing/Probes/*/*Settings.cs`); a test keeps this",
            "file equal to them. Each setting is written under its probe's `settings:` in `probes/catalogue.yaml`; one left out",
            "takes its default. A value of the wrong kind or outside its range is refused at load with file:line:col, and",
            "nothing runs. Durations: `250ms`, `3s`, `2m`, `14d`.",
            "",
            "| probe | setting | kind | default | range | meaning |",
            "|---|---|---|---|---|---|",
        };
        foreach (var d in declarations.OrderBy(d => d.Key, StringComparer.Ordinal))
            foreach (var s in d.Settings)
                lines.Add($"| `{d.Key}` | `{s.Name}` | {s.Kind.ToString().ToLowerInvariant()} | `{s.Default}` | {s.Range} | {s.Description} |");
        var none = declarations.Where(d => d.Settings.Count == 0).Select(d => $"`{d.Key}`").Order(StringComparer.Ordinal).ToList();
        if (none.Count > 0) lines.AddRange(["", $"Probes without settings: {string.Join(", ", none)}."]);
        return string.Join("\n", lines) + "\n";
    }
}
