using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Probing.Browser;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Running;

/// <summary>The whole loop with real Chromium against replica portals, stored in SQLite or a real PostgreSQL.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class RunPipelineTests
{
    private static List<ReplicaSite> Sites() =>
    [
        new() { Id = "healthy", Province = "浙江", Platform = "浙里办", Latency = TimeSpan.FromMilliseconds(30) },
        new() { Id = "redirected", Province = "上海", Platform = "随申办", Redirects = 2 },
        new() { Id = "slow", Province = "江西", Platform = "赣服通", Latency = TimeSpan.FromMilliseconds(5500) },
        new() { Id = "hang", Province = "山东", Platform = "爱山东", Hang = true },
        new() { Id = "broken", Province = "海南", Platform = "海易办", Status = 500 },
        new() { Id = "gone", Province = "湖北", Platform = "鄂汇办", Status = 404 },
        new() { Id = "slider", Province = "河南", Platform = "豫事办", Wall = ReplicaWall.SliderCaptcha },
        new() { Id = "waf", Province = "四川", Platform = "天府通办", Wall = ReplicaWall.Waf },
    ];

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_outcome_is_honest_and_stored_with_evidence(string provider)
    {
        // Budgets far from what a busy machine stretches a healthy load to (a 4 s budget; the slow replica answers after 5.5 s).
        var settings = new Dictionary<string, string?> { ["Browser:NavigationTimeout"] = "00:00:09", ["Run:Concurrency"] = "4" };
        if (provider == "postgres") settings["Storage:PostgresConnectionString"] = (await PostgresServer.GetAsync()).NewDatabase();
        await using var host = new ProbeHost(settings);
        TestPaths.FastCatalogue(host.Directory, s => s with { LoadBudget = TimeSpan.FromSeconds(4) });
        await using var replicas = await ReplicaServer.StartAsync(Sites());

        var report = await host.Get<RunService>().RunAsync(
            new RunRequest { Portals = ReplicaPortals.Manifests(replicas), Trigger = "test" }, null, CancellationToken.None);

        Assert.Equal(0, report.ExitCode);
        var run = report.Run!;
        var byPortal = run.Results.ToDictionary(r => ZhangbanProbe.Core.Runs.ReplicaIds.RealIdOf(r.PortalId));
        Assert.Equal(8, byPortal.Count);
        Assert.Equal((Outcome.Pass, Reason.WithinBudget), (byPortal["healthy"].Outcome, byPortal["healthy"].Reason));
        Assert.Equal((Outcome.Pass, Reason.WithinBudget), (byPortal["redirected"].Outcome, byPortal["redirected"].Reason));
        Assert.Equal((Outcome.Degraded, Reason.OverBudget), (byPortal["slow"].Outcome, byPortal["slow"].Reason));
        Assert.Equal((Outcome.Error, Reason.Timeout), (byPortal["hang"].Outcome, byPortal["hang"].Reason));
        Assert.Equal((Outcome.Fail, Reason.HttpServerError), (byPortal["broken"].Outcome, byPortal["broken"].Reason));
        Assert.Equal((Outcome.Fail, Reason.HttpNotFound), (byPortal["gone"].Outcome, byPortal["gone"].Reason));
        Assert.Equal((Outcome.Blocked, Reason.Captcha), (byPortal["slider"].Outcome, byPortal["slider"].Reason));
        Assert.Equal((Outcome.Blocked, Reason.Waf), (byPortal["waf"].Outcome, byPortal["waf"].Reason));

        // The hanging portal ends within the configured bound (9 s navigation timeout, plus start-up slack).
        Assert.InRange(byPortal["hang"].Duration, TimeSpan.FromSeconds(8.5), TimeSpan.FromSeconds(20));
        // The redirect chain is kept as evidence of where the probe went.
        Assert.Equal(4, byPortal["redirected"].Urls.Count);
        Assert.EndsWith("/portal/index.html", byPortal["redirected"].Urls[^1]);
        // Failures carry the observed text a province can check; evidence screenshots exist on disk.
        Assert.Contains("系统繁忙", byPortal["broken"].Detail);
        Assert.All(new[] { "healthy", "broken", "slider" }, id =>
            Assert.True(File.Exists(Assert.Single(byPortal[id].Evidence, e => e.Kind == "screenshot").Path)));
        Assert.Contains(byPortal["healthy"].Measurements, m => m.Name == "ttfb_ms");

        // What was stored is what was reported.
        var stored = (await host.Get<ProbeStore>().GetRunAsync(run.Id))!;
        Assert.Equal(RunStatus.Completed, stored.Status);
        Assert.Equal("test", stored.Trigger);
        Assert.NotNull(stored.FinishedAtUtc);
        Assert.Equal(Canon(run.Results), Canon(stored.Results));
    }

    [Theory]
    [InlineData(0)] // no retries: the affected probe is error/browser-crash, never a portal failure
    [InlineData(2)] // retries: the affected probe runs again on a fresh browser and passes
    public async Task Killing_the_browser_mid_run_touches_only_the_affected_probe_and_the_run_finishes(int retries)
    {
        await using var host = new ProbeHost(new() { ["Run:Concurrency"] = "1", ["Resilience:Retries"] = retries.ToString() });
        var sites = new List<ReplicaSite>
        {
            new() { Id = "a-before", Province = "北京" },
            new() { Id = "b-victim", Province = "天津", Latency = TimeSpan.FromMilliseconds(800) },
            new() { Id = "c-after", Province = "河北" },
        };
        var killed = 0;
        sites[1].OnEntryRequest = _ => { if (Interlocked.Exchange(ref killed, 1) == 0) BrowserProcesses.KillOwnBrowsers(); };
        await using var replicas = await ReplicaServer.StartAsync(sites);
        var portals = ReplicaPortals.Manifests(replicas).OrderBy(p => p.Id).ToList();

        var report = await host.Get<RunService>().RunAsync(new RunRequest { Portals = portals }, null, CancellationToken.None);

        Assert.Equal(0, report.ExitCode);
        var byPortal = report.Run!.Results.ToDictionary(r => ZhangbanProbe.Core.Runs.ReplicaIds.RealIdOf(r.PortalId));
        if (retries == 0) Assert.Equal((Outcome.Error, Reason.BrowserCrash), (byPortal["b-victim"].Outcome, byPortal["b-victim"].Reason));
        else Assert.Equal((Outcome.Pass, 2), (byPortal["b-victim"].Outcome, byPortal["b-victim"].Attempts));
        Assert.Equal(Outcome.Pass, byPortal["a-before"].Outcome);
        Assert.Equal(Outcome.Pass, byPortal["c-after"].Outcome); // a new browser was launched for the rest
        Assert.Equal(2, host.Get<BrowserSession>().Launches);
        var stored = (await host.Get<ProbeStore>().GetRunAsync(report.Run.Id))!;
        Assert.Equal(3, stored.Results.Count);
        Assert.Equal(RunStatus.Completed, stored.Status);
    }

    [Fact]
    public async Task A_recycled_browser_hands_over_without_cutting_a_probe_short_and_closes_when_idle()
    {
        await using var host = new ProbeHost(new() { ["Run:Concurrency"] = "2", ["Browser:RecycleAfterContexts"] = "3" });
        await using var replicas = await ReplicaServer.StartAsync([new ReplicaSite { Id = "a", Province = "北京" }, new ReplicaSite { Id = "b", Province = "天津" }, new ReplicaSite { Id = "c", Province = "河北" }]);

        var report = await host.Get<RunService>().RunAsync(new RunRequest { Portals = ReplicaPortals.Manifests(replicas) }, null, CancellationToken.None);

        Assert.Equal(0, report.ExitCode);
        Assert.All(report.Run!.Results, r => Assert.True(r.Outcome == Outcome.Pass, $"{r.PortalId}: {r.Outcome} {r.Reason} {r.Detail}"));
        var browser = host.Get<BrowserSession>();
        Assert.True(browser.Recycles >= 2, $"recycled {browser.Recycles} times");
        Assert.InRange(browser.Launches, Math.Max(2, browser.Recycles), browser.Recycles + 1); // the last retirement may need no successor
        Assert.Equal(0, browser.RetiredStillOpen); // each old browser closed with its last context
    }

    [Fact]
    public async Task One_host_never_sees_more_pages_at_once_than_the_per_host_limit()
    {
        await using var host = new ProbeHost(new() { ["Run:Concurrency"] = "4", ["Run:PerHostConcurrency"] = "1" });
        var site = new ReplicaSite { Id = "shared", Province = "广东", Latency = TimeSpan.FromMilliseconds(150) };
        await using var replicas = await ReplicaServer.StartAsync([site]);
        // Four portals whose entries are on one host (e.g. a province's channels sharing a server).
        var portals = Enumerable.Range(1, 4).Select(i => new PortalManifest
        {
            Id = $"channel-{i}", Province = "广东", EntryUrl = new Uri(replicas.EntryUrl("shared"), $"?channel={i}"),
        }).ToList();

        var report = await host.Get<RunService>().RunAsync(new RunRequest { Portals = portals }, null, CancellationToken.None);

        Assert.All(report.Run!.Results, r => Assert.Equal(Outcome.Pass, r.Outcome));
        Assert.Equal(8, site.EntryRequests); // 4 portals × (1 timing load + 1 evidence load)
        Assert.Equal(1, site.MaxConcurrentPages);
    }

    [Fact]
    public async Task Response_time_sees_injected_latency_against_a_baseline_measured_in_the_same_run()
    {
        // Absolute accuracy depends on an idle machine (the benchmark's business); a test compares against a
        // same-run baseline: the latency replica's TTFB exceeds the plain one's by about the injected delay.
        await using var host = new ProbeHost(new() { ["Run:Concurrency"] = "1" });
        TestPaths.FastCatalogue(host.Directory, s => s with { Loads = 3 });
        const double latency = 600;
        await using var replicas = await ReplicaServer.StartAsync(
        [
            new ReplicaSite { Id = "timed", Province = "福建", Latency = TimeSpan.FromMilliseconds(latency) },
            new ReplicaSite { Id = "untimed", Province = "福建" },
        ]);

        var report = await host.Get<RunService>().RunAsync(new RunRequest { Portals = ReplicaPortals.Manifests(replicas), IndicatorIds = [ZhangbanProbe.Probing.Probes.ResponseTime.ResponseTimeProbe.ProbeKey] }, null, CancellationToken.None);

        var timed = report.Run!.Results.Single(r => r.PortalId == "replica-timed");
        var baseline = report.Run!.Results.Single(r => r.PortalId == "replica-untimed");
        double Ttfb(ZhangbanProbe.Core.Results.ProbeResult r) => r.Measurements.Single(m => m.Name == "ttfb_ms").Value;
        var added = Ttfb(timed) - Ttfb(baseline);
        Assert.InRange(added, latency * 0.95 - 20, latency * 1.5);
        Assert.Equal(3, timed.Measurements.Single(m => m.Name == "loads").Value);
        Assert.True(timed.Value >= Ttfb(timed), "load comes after the first byte");
    }

    private static List<string> Canon(IEnumerable<ZhangbanProbe.Core.Results.ProbeResult> results) =>
        results.OrderBy(r => r.PortalId).Select(r =>
            $"{r.PortalId}|{r.IndicatorId}|{r.Outcome}|{r.Reason}|{r.Value}|{r.Unit}|{r.Detail}|{string.Join(",", r.Urls)}|" +
            string.Join(",", r.Measurements.Select(m => $"{m.Name}={m.Value}{m.Unit}")) + "|" +
            string.Join(",", r.Evidence.Select(e => $"{e.Kind}:{e.Path}"))).ToList();
}
