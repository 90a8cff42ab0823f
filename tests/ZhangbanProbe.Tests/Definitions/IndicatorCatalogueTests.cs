using ZhangbanProbe.Definitions;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Probing.Probes.ResponseTime;
using ZhangbanProbe.Tests.Support;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Tests.Catalogue;

[Trait("Category", "Unit")]
public class IndicatorCatalogueTests
{
    // Every registered probe, as the application registers them.
    private static readonly IReadOnlyDictionary<string, ProbeDeclaration> Registered = RegisteredProbes.Declarations;

    private static readonly Func<string, ProbeDeclaration?> Known = RegisteredProbes.Find;

    [Fact]
    public void The_shipped_catalogue_loads_with_response_time_budgets()
    {
        var catalogue = CatalogueLoader.Load(TestPaths.CatalogueFile, Known);
        Assert.Equal(Registered.Keys.Order(), catalogue.Entries.Select(e => e.ProbeKey).Order()); // every probe is catalogued
        var entry = catalogue.Find("response-time")!;
        Assert.Equal("好用", entry.Layer);
        Assert.Contains("办理过程迅捷", entry.IndexIndicators);
        var budget = entry.Settings.As<ResponseTimeSettings>();
        Assert.Equal(TimeSpan.FromSeconds(3), budget.LoadBudget);
        Assert.Equal(3, budget.Loads);
    }

    [Fact]
    public void Unknown_probes_settings_and_bad_durations_are_reported_with_lines()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "catalogue.yaml");
        File.WriteAllText(path, """
            probes:
              - key: response-time
                layer: 好用
                settings:
                  load_budget: fast
                  colour: red
              - key: teleport
                layer: 可用
            """);
        var ex = Assert.Throws<ManifestException>(() => CatalogueLoader.Load(path, Known));
        var lines = ex.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(lines, l => l.Contains(":5:20:") && l.Contains("not a positive duration"));
        Assert.Contains(lines, l => l.Contains(":6:7:") && l.Contains("no setting 'colour'"));
        Assert.Contains(lines, l => l.Contains(":7:5:") && l.Contains("no probe is registered under key 'teleport'"));
    }

    [Fact]
    public void A_wrongly_typed_setting_is_a_file_line_error_by_the_kind_its_probe_declares()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "catalogue.yaml");
        File.WriteAllText(path, """
            partial: true
            probes:
              - key: city-entries
                layer: 好用
                settings:
                  min_share: 80
              - key: gov-identity
                layer: 敢用
                settings:
                  require_gov_cn: yes
              - key: response-time
                layer: 好用
                settings:
                  loads: 2.5
              - key: search
                layer: 好用
                settings:
                  term: ""
            """);
        var lines = Assert.Throws<ManifestException>(() => CatalogueLoader.Load(path, Known)).Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(lines, l => l.Contains(":6:18:") && l.Contains("'80' is not a share between 0 and 1"));
        Assert.Contains(lines, l => l.Contains(":10:23:") && l.Contains("'yes' is not true or false"));
        Assert.Contains(lines, l => l.Contains(":14:14:") && l.Contains("'2.5' is not a whole number"));
        Assert.Contains(lines, l => l.Contains(":18:13:") && l.Contains("must not be empty"));
        Assert.Equal(4, lines.Count);
    }

    [Fact]
    public void An_experimental_probe_is_marked_so_and_a_bad_flag_is_an_error()
    {
        var dir = TestPaths.NewTempDirectory();
        var good = Path.Combine(dir, "good.yaml");
        File.WriteAllText(good, "partial: true\nprobes:\n  - key: search\n    layer: 好用\n    experimental: true\n  - key: gov-identity\n    layer: 敢用\n");
        var catalogue = CatalogueLoader.Load(good, Known);
        Assert.True(catalogue.Find("search")!.Experimental);
        Assert.False(catalogue.Find("gov-identity")!.Experimental);
        var bad = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(bad, "partial: true\nprobes:\n  - key: search\n    layer: 好用\n    experimental: maybe\n");
        Assert.Contains(Assert.Throws<ManifestException>(() => CatalogueLoader.Load(bad, Known)).Problems, p => p.ToString().Contains("experimental 'maybe' must be true or false"));
    }

    [Fact]
    public void Every_registered_probe_declares_names_and_the_catalogue_carries_them()
    {
        var catalogue = CatalogueLoader.Load(TestPaths.CatalogueFile, Known);
        foreach (var (key, d) in Registered)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Names.Zh), key);
            Assert.False(string.IsNullOrWhiteSpace(d.Names.En), key);
            Assert.Equal(d.Names, catalogue.Find(key)!.Names);
        }
        // Only response-time's headline value is a timing (lower is better for alerts and ranking).
        Assert.Equal(["response-time"], catalogue.Entries.Where(e => e.ValueIsTiming).Select(e => e.ProbeKey));
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("3s", 3000)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120000)]
    [InlineData("400", 400)]
    public void Durations_parse(string text, double ms)
    {
        Assert.True(ProbeSettings.TryParseDuration(text, out var t));
        Assert.Equal(ms, t.TotalMilliseconds);
    }
}

[Trait("Category", "Unit")]
public class IndicatorCatalogueMappingTests
{
    [Fact]
    public void Index_indicators_must_be_the_index_own_names()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "catalogue.yaml");
        File.WriteAllText(path, "probes:\n  - key: response-time\n    layer: 好用\n    index_indicators: [办理过程迅捷, 页面很快]\n");
        var ex = Assert.Throws<ManifestException>(() => CatalogueLoader.Load(path, RegisteredProbes.Find));
        Assert.Contains(ex.Problems, p => p.ToString().Contains(":4:32: probe 'response-time': '页面很快' is not an index indicator"));
    }
}
