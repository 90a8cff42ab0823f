using YamlDotNet.RepresentationModel;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Probing.Probes.ResponseTime;

namespace ZhangbanProbe.Tests.Support;

/// <summary>
/// A catalogue for a test, with settings given as values of the probes' settings records: each entry's settings are
/// read into its record, changed as a value and written back through the record's schema (never by editing text, so
/// a reformatted catalogue cannot silently stop a test's change).
/// </summary>
public sealed class TestCatalogue
{
    private readonly YamlStream _yaml = new();

    private TestCatalogue(string text) => _yaml.Load(new StringReader(text));

    public static TestCatalogue Load(string path) => new(File.ReadAllText(path));

    /// <summary>The shipped <c>probes/catalogue.yaml</c>.</summary>
    public static TestCatalogue Shipped() => Load(TestPaths.CatalogueFile);

    /// <summary>Only the response-time entry (informing 办理过程迅捷 alone), with one cold load (quick) and a wide LCP
    /// budget: the default for a test host.</summary>
    public static TestCatalogue Fast(Func<ResponseTimeSettings, ResponseTimeSettings>? change = null) =>
        Shipped().Only(ResponseTimeProbe.ProbeKey).IndexIndicators(ResponseTimeProbe.ProbeKey, "办理过程迅捷")
            .With<ResponseTimeSettings>(ResponseTimeProbe.ProbeKey, s => (change ?? (x => x))(s with { Loads = 1, LcpBudget = TimeSpan.FromSeconds(10) }));

    private YamlMappingNode Root => (YamlMappingNode)_yaml.Documents[0].RootNode;
    private YamlSequenceNode Probes => (YamlSequenceNode)Root.Children[new YamlScalarNode("probes")];

    private YamlMappingNode Entry(string key) =>
        Probes.Children.OfType<YamlMappingNode>().SingleOrDefault(m => m.Children.TryGetValue(new YamlScalarNode("key"), out var k) && ((YamlScalarNode)k).Value == key)
        ?? throw new ArgumentException($"the catalogue has no entry '{key}'");

    /// <summary>Keeps only these entries (a partial catalogue).</summary>
    public TestCatalogue Only(params string[] keys)
    {
        foreach (var m in Probes.Children.OfType<YamlMappingNode>().Where(m => !keys.Contains(((YamlScalarNode)m.Children[new YamlScalarNode("key")]).Value)).ToList())
            Probes.Children.Remove(m);
        Root.Children[new YamlScalarNode("partial")] = new YamlScalarNode("true");
        Root.Children.Remove(new YamlScalarNode("human_only"));
        return this;
    }

    /// <summary>Changes one entry's settings as a value of its record <typeparamref name="T"/>.</summary>
    public TestCatalogue With<T>(string key, Func<T, T> change) where T : class, new()
    {
        var entry = Entry(key);
        var schema = SettingsSchema.Of<T>();
        var current = entry.Children.TryGetValue(new YamlScalarNode("settings"), out var node) && node is YamlMappingNode map
            ? map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? "")
            : new Dictionary<string, string>();
        var changed = change((T)schema.Bind(current));
        var written = new YamlMappingNode();
        foreach (var (name, value) in schema.Values(changed)) written.Add(name, value);
        entry.Children[new YamlScalarNode("settings")] = written;
        return this;
    }

    /// <summary>The index indicators one entry informs.</summary>
    public TestCatalogue IndexIndicators(string key, params string[] indicators)
    {
        Entry(key).Children[new YamlScalarNode("index_indicators")] = new YamlSequenceNode(indicators.Select(i => new YamlScalarNode(i)));
        return this;
    }

    /// <summary>Sets a plain key of one entry (experimental, audience).</summary>
    public TestCatalogue Set(string key, string field, string value)
    {
        Entry(key).Children[new YamlScalarNode(field)] = new YamlScalarNode(value);
        return this;
    }

    public string Save(string path)
    {
        using (var writer = new StreamWriter(path)) _yaml.Save(writer, assignAnchors: false);
        return path;
    }
}
