using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.HumanScores;
using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Definitions;

/// <summary>Reads <c>probes/catalogue.yaml</c> into an <see cref="IndicatorCatalogue"/>, every problem with file:line.</summary>
public static class CatalogueLoader
{
    /// <summary>
    /// Loads and validates the catalogue. <paramref name="knownSettings"/> returns, for a registered probe key,
    /// its declaration: names and the settings it understands, with their kinds (null when no such probe is registered).
    /// </summary>
    public static IndicatorCatalogue Load(string path, Func<string, ProbeDeclaration?> declarations)
    {
        var problems = new List<ManifestProblem>();
        if (!File.Exists(path)) throw new ManifestException([new(path, 1, 1, "indicator catalogue not found")]);
        var yaml = new YamlStream();
        try { yaml.Load(new StringReader(File.ReadAllText(path))); }
        catch (YamlException ex)
        {
            throw new ManifestException([new(path, (int)ex.Start.Line, (int)ex.Start.Column, $"broken YAML: {ex.InnerException?.Message ?? ex.Message}")]);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root0 ||
            root0 is not { } root ||
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
                if (k.Value is not ("key" or "layer" or "index_indicators" or "measures" or "settings" or "audience" or "experimental"))
                    problems.Add(new(path, (int)k.Start.Line, (int)k.Start.Column, $"unknown key '{k.Value}' (known: key, layer, index_indicators, measures, settings, audience, experimental)"));
            }
            var key = Get("key");
            if (string.IsNullOrWhiteSpace(key))
            {
                problems.Add(new(path, (int)m.Start.Line, (int)m.Start.Column, "missing 'key'"));
                continue;
            }
            var declaration = declarations(key);
            if (declaration is null)
            {
                problems.Add(new(path, (int)m.Start.Line, (int)m.Start.Column, $"no probe is registered under key '{key}'"));
                continue;
            }
            if (!seen.Add(key)) problems.Add(new(path, (int)m.Start.Line, (int)m.Start.Column, $"probe '{key}' is listed twice"));
            var layer = Get("layer") ?? "";
            if (!IndicatorCatalogue.Layers.Contains(layer))
                problems.Add(new(path, (int)m.Start.Line, (int)m.Start.Column, $"probe '{key}': layer '{layer}' must be one of {string.Join(", ", IndicatorCatalogue.Layers)}"));

            var indexIndicators = new List<string>();
            if (m.Children.TryGetValue(new YamlScalarNode("index_indicators"), out var ii) && ii is YamlSequenceNode iis)
            {
                foreach (var s in iis.OfType<YamlScalarNode>())
                {
                    // The mapping to the index uses the index's own names (indicators.md), so comparisons line up.
                    var canonical = IndexModel.CanonicalIndicator(s.Value ?? "");
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
                        if (!declaration.Settings.Any(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase)))
                            problems.Add(new(path, (int)sk.Start.Line, (int)sk.Start.Column,
                                $"probe '{key}' has no setting '{name}' (known: {(declaration.Settings.Count == 0 ? "none" : string.Join(", ", declaration.Settings.Select(x => x.Name)))})"));
                        else if (sv is YamlScalarNode ss) settings[name] = (ss.Value ?? "", sv.Start);
                        else problems.Add(new(path, (int)sv.Start.Line, (int)sv.Start.Column, $"setting '{name}' must be a single value"));
                    }
                }
                else problems.Add(new(path, (int)sn.Start.Line, (int)sn.Start.Column, "'settings' must be a mapping"));
            }

            var values = settings.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.OrdinalIgnoreCase);
            var settingsValid = true;
            foreach (var (name, (value, mark)) in settings)
            {
                var error = declaration.Settings.First(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase)).Check(value);
                if (error is null) continue;
                settingsValid = false;
                problems.Add(new(path, (int)mark.Line, (int)mark.Column, $"probe '{key}' setting '{name}': {error}"));
            }
            // Bound once, here: the probe reads the typed record, never a name.
            var probeSettings = settingsValid ? ProbeSettings.Bound(declaration.Settings, values) : new ProbeSettings(values);

            var experimentalText = Get("experimental");
            if (experimentalText is not (null or "true" or "false"))
                problems.Add(new(path, (int)m.Start.Line, (int)m.Start.Column, $"probe '{key}': experimental '{experimentalText}' must be true or false"));
            var audience = Get("audience");
            if (audience is not null && audience != "all" && !IndexModel.EvaluatorGroups.ContainsKey(audience))
                problems.Add(new(path, (int)m.Start.Line, (int)m.Start.Column, $"probe '{key}': audience '{audience}' must be all or an evaluator group ({string.Join(", ", IndexModel.EvaluatorGroups.Keys)})"));
            entries.Add(new CatalogueEntry
            {
                Audience = audience is null or "all" ? null : audience,
                ProbeKey = key,
                Layer = layer,
                IndexIndicators = indexIndicators,
                Measures = Get("measures") ?? "",
                Settings = probeSettings,
                Names = declaration.Names,
                Experimental = experimentalText == "true",
                ValueIsTiming = declaration.ValueIsTiming,
            });
        }

        // Human-only indicators: declared with a reason, so the coverage table accounts for every index indicator.
        var humanOnly = new List<HumanOnlyIndicator>();
        if (root.Children.TryGetValue(new YamlScalarNode("human_only"), out var hoNode))
        {
            if (hoNode is YamlSequenceNode hoSeq)
                foreach (var item in hoSeq)
                {
                    if (item is not YamlMappingNode hm) { problems.Add(new(path, (int)item.Start.Line, (int)item.Start.Column, "each human_only entry must be a mapping (indicator, reason)")); continue; }
                    string? H(string k) => hm.Children.TryGetValue(new YamlScalarNode(k), out var n) && n is YamlScalarNode sc ? sc.Value : null;
                    var name = H("indicator") ?? "";
                    var canonical = IndexModel.CanonicalIndicator(name);
                    if (canonical is null) problems.Add(new(path, (int)hm.Start.Line, (int)hm.Start.Column, $"human_only: '{name}' is not an index indicator of the 掌办指数"));
                    else if (string.IsNullOrWhiteSpace(H("reason"))) problems.Add(new(path, (int)hm.Start.Line, (int)hm.Start.Column, $"human_only: '{name}' needs a reason"));
                    else humanOnly.Add(new(canonical, IndexModel.LayerOf(canonical) ?? "", H("reason")!));
                }
            else problems.Add(new(path, (int)hoNode.Start.Line, (int)hoNode.Start.Column, "'human_only' must be a list"));
        }
        var catalogue = new IndicatorCatalogue(entries, path) { HumanOnly = humanOnly };
        // A catalogue for a subset (tests, a quick look) says so with `partial: true`; the lab's catalogue accounts for all.
        var partial = root.Children.TryGetValue(new YamlScalarNode("partial"), out var pn) && pn is YamlScalarNode { Value: "true" };
        if (entries.Count > 0 && !partial)
            foreach (var row in catalogue.Coverage().Where(r => r.Probes.Count == 0 && r.HumanOnlyReason is null))
                problems.Add(new(path, 1, 1, $"index indicator '{row.Indicator}'{(row.Layer.Length > 0 ? $" ({row.Layer})" : " (2023 list)")} is neither mapped to a probe nor declared under human_only"));

        if (problems.Count > 0) throw new ManifestException(problems);
        return catalogue;
    }
}
