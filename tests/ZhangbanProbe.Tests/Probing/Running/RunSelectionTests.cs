using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Probing.Browser;

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
        var none = Assert.Throws<BrowserNotFoundException>(() => BrowserLocator.Locate(null, _ => false, "/nonexistent"));
        Assert.Contains("apt-get install -y chromium", none.Message);
    }
}

[Trait("Category", "Unit")]
public class FairSchedulingTests
{
    private static ZhangbanProbe.Probing.Running.ProbeWork W(string host, string probe) =>
        new(new ZhangbanProbe.Core.Portals.PortalManifest { Id = host, Province = "浙江", Platform = "", EntryUrl = new Uri($"https://{host}.gov.cn/") },
            new ZhangbanProbe.Core.Catalogue.CatalogueEntry { ProbeKey = probe, Layer = "可用" });

    [Fact]
    public void Work_is_interleaved_by_host_so_every_portal_progresses()
    {
        var work = new[] { W("a", "1"), W("a", "2"), W("a", "3"), W("b", "1"), W("b", "2"), W("c", "1") };
        var ordered = ZhangbanProbe.Probing.Running.ProbeRunner.RoundRobinByHost(work);
        Assert.Equal(["a1", "b1", "c1", "a2", "b2", "a3"], ordered.Select(w => w.Portal.Id + w.Entry.ProbeKey));
    }
}
