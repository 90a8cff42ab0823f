using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Core.Catalogue;

/// <summary>One probe in the catalogue: which index layer and indicators it informs, and its settings (budgets, rules).</summary>
public sealed record CatalogueEntry
{
    public required string ProbeKey { get; init; }
    /// <summary>The index layer (可用, 管用, 好用, 爱用, 敢用).</summary>
    public required string Layer { get; init; }
    /// <summary>The index's own indicator names this probe informs (from indicators.md).</summary>
    public IReadOnlyList<string> IndexIndicators { get; init; } = [];
    public string Measures { get; init; } = "";
    public ProbeSettings Settings { get; init; } = ProbeSettings.Empty;
}

/// <summary>The indicator catalogue (<c>probes/catalogue.yaml</c>): data, editable without a rebuild.</summary>
public sealed record IndicatorCatalogue(IReadOnlyList<CatalogueEntry> Entries, string SourcePath)
{
    public static readonly string[] Layers = ["可用", "管用", "好用", "爱用", "敢用"];

    public CatalogueEntry? Find(string probeKey) =>
        Entries.FirstOrDefault(e => string.Equals(e.ProbeKey, probeKey, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Loads and validates the catalogue. <paramref name="knownSettings"/> returns, for a registered probe key,
    /// the setting names it understands (null when no such probe is registered).
    /// </summary>
    public static IndicatorCatalogue Load(string path, Func<string, IReadOnlyCollection<string>?> knownSettings)
    {
        var problems = new List<ManifestProblem>();
        if (!File.Exists(path)) throw new ManifestException([new(path, 1, 1, "indicator catalogue not found")]);
        var yaml = new YamlStream();
        try { yaml.Load(new StringReader(File.ReadAllText(path))); }
        catch (YamlException ex)
        {
            throw new ManifestException([new(path, (int)ex.Start.Line, (int)ex.Start.Column, $"broken YAML: {ex.InnerException?.Message ?? ex.Message}")]);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root ||
            !root.Children.TryGetValue(new YamlScalarNode("probes"), out var probesNode) || probesNode is not YamlSequenceNode seq)
            throw new ManifestException([new(path, 1, 1, "the catalogue must have a 'probes' list")]);

        var entries = new List<CatalogueEntry>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in seq)
        {
            if (item is not YamlMappingNode m)
            {
                problems.Add(new(path, (int)item.Start.Line, (int)item.Start.Column, "each probe entry must be a mapping"));
                continue;
            }
            string? Get(string key)
            {
                return m.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode s ? s.Value : null;
            }
            foreach (var k in m.Children.Keys.OfType<YamlScalarNode>())
            {
                if (k.Value is not ("key" or "layer" or "index_indicators" or "measures" or "settings"))
                    problems.Add(new(path, (int)k.Start.Line, (int)k.Start.Column, $"unknown key '{k.Value}' (known: key, layer, index_indicators, measures, settings)"));
            }
            var key = Get("key");
            if (string.IsNullOrWhiteSpace(key))
            {
                problems.Add(new(path, (int)m.Start.Line, (int)m.Start.Column, "missing 'key'"));
                continue;
            }
            var known = knownSettings(key);
            if (known is null)
            {
                problems.Add(new(path, (int)m.Start.Line, (int)m.Start.Column, $"no probe is registered under key '{key}'"));
                continue;
            }
            if (!seen.Add(key)) problems.Add(new(path, (int)m.Start.Line, (int)m.Start.Column, $"probe '{key}' is listed twice"));
            var layer = Get("layer") ?? "";
            if (!Layers.Contains(layer))
                problems.Add(new(path, (int)m.Start.Line, (int)m.Start.Column, $"probe '{key}': layer '{layer}' must be one of {string.Join(", ", Layers)}"));

            var indexIndicators = new List<string>();
            if (m.Children.TryGetValue(new YamlScalarNode("index_indicators"), out var ii) && ii is YamlSequenceNode iis)
            {
                foreach (var s in iis.OfType<YamlScalarNode>())
                {
                    // The mapping to the index uses the index's own names (indicators.md), so comparisons line up.
                    var canonical = HumanScores.IndexModel.CanonicalIndicator(s.Value ?? "");
                    if (canonical is null)
                        problems.Add(new(path, (int)s.Start.Line, (int)s.Start.Column, $"probe '{key}': '{s.Value}' is not an index indicator of the 掌办指数"));
                    else indexIndicators.Add(canonical);
                }
            }

            var settings = new Dictionary<string, (string Value, Mark Mark)>(StringComparer.OrdinalIgnoreCase);
            if (m.Children.TryGetValue(new YamlScalarNode("settings"), out var sn))
            {
                if (sn is YamlMappingNode sm)
                {
                    foreach (var (sk, sv) in sm.Children)
                    {
                        var name = ((YamlScalarNode)sk).Value ?? "";
                        if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
                            problems.Add(new(path, (int)sk.Start.Line, (int)sk.Start.Column,
                                $"probe '{key}' has no setting '{name}' (known: {string.Join(", ", known)})"));
                        else if (sv is YamlScalarNode ss) settings[name] = (ss.Value ?? "", sv.Start);
                        else problems.Add(new(path, (int)sv.Start.Line, (int)sv.Start.Column, $"setting '{name}' must be a single value"));
                    }
                }
                else problems.Add(new(path, (int)sn.Start.Line, (int)sn.Start.Column, "'settings' must be a mapping"));
            }

            var probeSettings = new ProbeSettings(settings.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.OrdinalIgnoreCase));
            foreach (var (name, (value, mark)) in settings)
            {
                var error = probeSettings.Check(name);
                if (error is not null) problems.Add(new(path, (int)mark.Line, (int)mark.Column, $"probe '{key}' setting '{name}': {error}"));
            }

            entries.Add(new CatalogueEntry
            {
                ProbeKey = key,
                Layer = layer,
                IndexIndicators = indexIndicators,
                Measures = Get("measures") ?? "",
                Settings = probeSettings,
            });
        }

        if (problems.Count > 0) throw new ManifestException(problems);
        return new IndicatorCatalogue(entries, path);
    }
}
