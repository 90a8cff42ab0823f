using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Probing.Browser;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Tests.Running;

[Trait("Category", "Unit")]
public class RunSelectionTests
{
    private static readonly PortalManifest[] Portals =
    [
        new() { Id = "beijing", Province = "北京", EntryUrl = new("https://a.gov.cn/") },
        new() { Id = "shanghai", Province = "上海", EntryUrl = new("https://b.gov.cn/") },
    ];

    private static readonly IndicatorCatalogue Catalogue = new(
        [new CatalogueEntry { ProbeKey = "response-time", Layer = "好用" }, new CatalogueEntry { ProbeKey = "english-mode", Layer = "可用" }], "x");

    [Fact]
    public void Defaults_to_every_portal_and_every_available_indicator()
    {
        var (s, errors) = RunSelection.Select(Portals, Catalogue, [], [], ["response-time"]);
        Assert.Empty(errors);
        Assert.Equal(2, s!.Portals.Count);
        Assert.Equal("response-time", Assert.Single(s.Indicators).ProbeKey); // english-mode has no registered probe
    }

    [Fact]
    public void Unknown_ids_are_all_reported_and_nothing_is_selected()
    {
        var (s, errors) = RunSelection.Select(Portals, Catalogue, ["beijing", "atlantis"], ["teleport"], ["response-time"]);
        Assert.Null(s);
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("--portal atlantis"));
        Assert.Contains(errors, e => e.StartsWith("--indicator teleport"));
    }

    [Fact]
    public void Browser_discovery_prefers_the_configured_path_and_explains_a_missing_one()
    {
        Assert.Equal("/opt/chrome", BrowserLocator.Locate("/opt/chrome", p => p == "/opt/chrome", "/nonexistent"));
        var ex = Assert.Throws<BrowserNotFoundException>(() => BrowserLocator.Locate("/nope/chrome", _ => false, "/nonexistent"));
        Assert.Contains("Browser:ExecutablePath", ex.Message);
        Assert.Equal("/usr/bin/chromium", BrowserLocator.Locate(null, p => p == "/usr/bin/chromium", "/nonexistent"));
        // Headless, the headless shell comes first; with a window, only a full browser will do.
        string[] both = ["/usr/bin/chromium", "/usr/lib/chromium/chromium-headless-shell"];
        Assert.Equal("/usr/lib/chromium/chromium-headless-shell", BrowserLocator.Locate(null, both.Contains, "/nonexistent"));
        Assert.Equal("/usr/bin/chromium", BrowserLocator.Locate(null, both.Contains, "/nonexistent", headless: false));
        Assert.Equal("/usr/bin/chromium", BrowserLocator.Locate(null, p => p == "/usr/bin/chromium", "/nonexistent", headless: false));
        var none = Assert.Throws<BrowserNotFoundException>(() => BrowserLocator.Locate(null, _ => false, "/nonexistent"));
        Assert.Contains("apt-get install -y chromium", none.Message);
    }
}
