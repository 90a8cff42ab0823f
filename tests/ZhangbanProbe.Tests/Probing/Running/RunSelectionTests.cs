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

[Trait("Category", "Unit")]
public class FairSchedulingTests
{
    private static ZhangbanProbe.Probing.Running.ProbeWork W(string host, string probe) =>
        new(new ZhangbanProbe.Core.Portals.PortalManifest { Id = host, Province = "浙江", Platform = "", EntryUrl = new Uri($"https://{host}.gov.cn/") },
            new ZhangbanProbe.Core.Catalogue.CatalogueEntry { ProbeKey = probe, Layer = "可用" });

    private static ProbeRunner.HostQueue Q(string host, int pairs, long lastServed) =>
        new(host, new Queue<ZhangbanProbe.Probing.Running.ProbeWork>(Enumerable.Range(1, pairs).Select(i => W(host, i.ToString()))), lastServed);

    [Fact]
    public void A_slot_goes_only_to_a_host_that_can_start_now()
    {
        var a = Q("a", 5, 0);
        a.Busy = 1; // its page is open: politeness keeps it waiting, and the slot goes elsewhere
        var b = Q("b", 1, 1);
        Assert.Same(b, ProbeRunner.NextHost([a, b], perHostLimit: 1));
        b.Busy = 1;
        Assert.Null(ProbeRunner.NextHost([a, b], perHostLimit: 1)); // nothing can start: no slot is taken
    }

    [Fact]
    public void The_host_with_most_work_left_goes_first_and_ties_go_round_robin()
    {
        Assert.Equal("b", ProbeRunner.NextHost([Q("a", 2, 0), Q("b", 3, 5)], 1)!.Host);
        Assert.Equal("c", ProbeRunner.NextHost([Q("a", 2, 7), Q("b", 2, 5), Q("c", 2, 3)], 1)!.Host);
    }

    [Fact]
    public void Replayed_a_slow_host_is_served_whenever_it_is_free_so_it_does_not_run_alone_at_the_end()
    {
        // Three hosts of three pairs, two slots; host s takes three time units per pair, the others one.
        var hosts = new List<ProbeRunner.HostQueue> { Q("s", 3, 0), Q("a", 3, 1), Q("b", 3, 2) };
        var running = new List<(ProbeRunner.HostQueue Host, int Ends)>();
        var starts = new List<string>();
        long served = 3;
        var now = 0;
        while (true)
        {
            while (running.Count < 2 && ProbeRunner.NextHost(hosts, 1) is { } h)
            {
                h.Pending.Dequeue(); h.Busy++; h.LastServed = ++served;
                running.Add((h, now + (h.Host == "s" ? 3 : 1)));
                starts.Add($"{h.Host}@{now}");
            }
            if (running.Count == 0) break;
            var next = running.MinBy(r => r.Ends);
            running.Remove(next);
            next.Host.Busy--;
            now = next.Ends;
        }
        Assert.Equal(["s@0", "a@0", "b@1", "a@2", "s@3", "b@3", "a@4", "b@5", "s@6"], starts);
        Assert.Equal(9, now); // the slow host's three pairs back to back: the shortest a sweep with it can be
    }
}
