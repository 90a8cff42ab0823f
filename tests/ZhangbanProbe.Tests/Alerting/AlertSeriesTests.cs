using ZhangbanProbe.Core.Alerts;
using Microsoft.EntityFrameworkCore;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Probing.Probes.ResponseTime;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Alerts;

/// <summary>
/// One series: alerts, streaks and baselines read the scheduled sweeps of real portals. Replica runs never reach an
/// incident or a notification, and an ad-hoc run neither opens nor breaks a streak. On SQLite and on PostgreSQL.
/// </summary>
[Trait("Category", "Integration")]
[Collection("browser")]
public class AlertSeriesTests
{
    private static async Task<Dictionary<string, string?>> SettingsAsync(string hookBase, bool postgres)
    {
        var s = new Dictionary<string, string?>
        {
            ["Alerts:Enabled"] = "true",
            ["Alerts:Channels:hook:Type"] = "webhook",
            ["Alerts:Channels:hook:Url"] = $"{hookBase}/hook",
            ["Alerts:ResearchChannels:0"] = "hook",
            ["Alerts:OperatorChannels:0"] = "hook",
            // Every province and every id routed: a replica alert would have somewhere to go.
            ["Alerts:Provinces:浙江:0"] = "hook",
            ["Alerts:Provinces:zhejiang:0"] = "hook",
            ["Alerts:Provinces:replica-zhejiang:0"] = "hook",
        };
        if (postgres) s["Storage:PostgresConnectionString"] = (await PostgresServer.GetAsync()).NewDatabase();
        return s;
    }

    private static Task<RunReport> RunAsync(ProbeHost host, IReadOnlyList<ZhangbanProbe.Core.Portals.PortalManifest> portals, string trigger) =>
        host.Get<RunService>().RunAsync(new RunRequest { Portals = portals, IndicatorIds = [ResponseTimeProbe.ProbeKey], Trigger = trigger }, null, CancellationToken.None);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Replica_runs_never_notify_and_never_enter_a_history(bool postgres)
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var host = new ProbeHost(await SettingsAsync(hooks.BaseUrl, postgres));
        await using var replicas = await ReplicaServer.StartAsync([new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办", Status = 500 }]);

        for (var i = 0; i < 3; i++)
        {
            var report = await RunAsync(host, ReplicaPortals.Manifests(replicas), RunTriggers.Replicas);
            Assert.Equal(0, report.ExitCode);
            Assert.Equal("replica-zhejiang", Assert.Single(report.Run!.Results).PortalId); // an id of its own
        }

        Assert.Empty(hooks.Requests);
        var store = host.Get<ProbeStore>();
        await using (var db = store.CreateContext())
        {
            Assert.Equal(0, await db.Incidents.CountAsync());
            Assert.Equal(0, await db.Notifications.CountAsync());
            Assert.Equal(3, await db.Runs.CountAsync(r => r.Target == RunTarget.Replicas));
        }
        Assert.Empty(await store.HistoryAsync("zhejiang", ResponseTimeProbe.ProbeKey));
        Assert.Empty(await store.HistoryAsync("replica-zhejiang", ResponseTimeProbe.ProbeKey));
        Assert.Empty(await store.EditionResultsAsync(DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1), includeReplicas: false));
        Assert.Single(await store.EditionResultsAsync(DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1), includeReplicas: true));
    }

    [Fact]
    public async Task An_experimental_probe_is_stored_and_shown_but_never_opens_an_incident()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        var settings = await SettingsAsync(hooks.BaseUrl, postgres: false);
        var dir = TestPaths.NewTempDirectory();
        var catalogue = Path.Combine(dir, "catalogue.yaml");
        TestCatalogue.Fast().Set(ZhangbanProbe.Probing.Probes.ResponseTime.ResponseTimeProbe.ProbeKey, "experimental", "true").Save(catalogue);
        Assert.Contains("experimental: true", File.ReadAllText(catalogue));
        settings["Run:CatalogueFile"] = catalogue;
        await using var host = new ProbeHost(settings);
        await using var replicas = await ReplicaServer.StartAsync([new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办", Status = 500 }]);
        var portals = ProbeScenario.AsRealPortals(replicas);
        for (var night = 0; night < 3; night++) await RunAsync(host, portals, RunTriggers.Schedule("nightly"));

        var store = host.Get<ProbeStore>();
        Assert.Equal(3, (await store.HistoryAsync("zhejiang", ResponseTimeProbe.ProbeKey)).Count(r => r.Outcome == ZhangbanProbe.Core.Outcomes.Outcome.Fail));
        await using var db = store.CreateContext();
        Assert.Equal(0, await db.Incidents.CountAsync());
        Assert.Empty(hooks.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_ad_hoc_pass_between_two_failing_sweeps_is_shown_not_counted(bool postgres)
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var host = new ProbeHost(await SettingsAsync(hooks.BaseUrl, postgres));
        var site = new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办", Status = 500 };
        await using var replicas = await ReplicaServer.StartAsync([site]);
        var portals = ProbeScenario.AsRealPortals(replicas);

        await RunAsync(host, portals, RunTriggers.Schedule("nightly"));
        site.Status = 200;
        var adHoc = await RunAsync(host, portals, RunTriggers.Cli);
        Assert.Equal(ZhangbanProbe.Core.Outcomes.Outcome.Pass, Assert.Single(adHoc.Run!.Results).Outcome);
        site.Status = 500;
        await RunAsync(host, portals, RunTriggers.Schedule("nightly"));

        var store = host.Get<ProbeStore>();
        await using (var db = store.CreateContext())
        {
            var incident = Assert.Single(await db.Incidents.ToListAsync());
            Assert.Equal(IncidentStatus.Open, incident.Status);
        }
        Assert.NotEmpty(hooks.Requests);
        // The series holds the two sweeps; the ad-hoc pass is stored beside it.
        Assert.Equal(2, (await store.HistoryAsync("zhejiang", ResponseTimeProbe.ProbeKey)).Count);
        Assert.Equal(3, (await store.HistoryAsync("zhejiang", ResponseTimeProbe.ProbeKey, series: new SeriesFilter(SweepsOnly: false))).Count);
    }

    [Fact]
    public async Task With_review_on_the_research_channel_hears_at_once_the_province_only_after_approval_and_never_after_rejection()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var host = new ProbeHost(new Dictionary<string, string?>
        {
            ["Alerts:Enabled"] = "true",
            ["Alerts:Channels:lab:Type"] = "webhook", ["Alerts:Channels:lab:Url"] = $"{hooks.BaseUrl}/lab",
            ["Alerts:Channels:zj:Type"] = "webhook", ["Alerts:Channels:zj:Url"] = $"{hooks.BaseUrl}/zj",
            ["Alerts:Channels:gd:Type"] = "webhook", ["Alerts:Channels:gd:Url"] = $"{hooks.BaseUrl}/gd",
            ["Alerts:ResearchChannels:0"] = "lab",
            ["Alerts:Provinces:浙江:0"] = "zj",
            ["Alerts:Provinces:广东:0"] = "gd",
        });
        await using var replicas = await ReplicaServer.StartAsync(
        [
            new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办", Status = 500 },
            new ReplicaSite { Id = "guangdong", Province = "广东", Platform = "粤省事", Status = 500 },
        ]);
        var portals = ProbeScenario.AsRealPortals(replicas);
        int Count(string path) => hooks.Requests.Count(r => r.Path == path);

        await RunAsync(host, portals, RunTriggers.Schedule("nightly"));
        await RunAsync(host, portals, RunTriggers.Schedule("nightly"));
        Assert.Equal(2, Count("/lab"));     // the research team hears at once (both portals)
        Assert.Equal(0, Count("/zj"));
        Assert.Equal(0, Count("/gd"));

        var alerts = host.Get<ZhangbanProbe.Alerting.AlertService>();
        var dispatcher = host.Get<ZhangbanProbe.Alerting.NotificationDispatcher>();
        long zj, gd;
        await using (var db = host.Get<ProbeStore>().CreateContext())
        {
            zj = (await db.Incidents.SingleAsync(i => i.PortalId == "zhejiang")).Id;
            gd = (await db.Incidents.SingleAsync(i => i.PortalId == "guangdong")).Id;
        }
        await alerts.ApproveAsync(zj, "张研究员", "checked the screenshot");
        await alerts.RejectAsync(gd, "李研究员", "the replica's 500 was our test setup");
        await dispatcher.DispatchDueAsync();
        Assert.Equal(1, Count("/zj"));
        Assert.Equal(0, Count("/gd"));

        // Still failing: the rejected streak stays closed; nothing new for anyone about guangdong.
        await RunAsync(host, portals, RunTriggers.Schedule("nightly"));
        await dispatcher.DispatchDueAsync();
        Assert.Equal(0, Count("/gd"));
        await using (var db = host.Get<ProbeStore>().CreateContext())
        {
            var events = await db.IncidentEvents.Where(e => e.Type == IncidentTransition.Approved || e.Type == IncidentTransition.Rejected).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal([IncidentTransition.Approved, IncidentTransition.Rejected], events.Select(e => e.Type).ToArray());
            Assert.StartsWith("by 张研究员", events[0].Detail);
            Assert.Equal("by 李研究员: the replica's 500 was our test setup", events[1].Detail);
            Assert.Equal(IncidentStatus.Rejected, (await db.Incidents.SingleAsync(i => i.Id == gd)).Status);
            Assert.Single(await db.Incidents.Where(i => i.PortalId == "guangdong").ToListAsync());
        }
    }

    [Fact]
    public async Task Page_text_with_markdown_arrives_escaped_at_a_WeCom_and_a_DingTalk_robot()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var host = new ProbeHost(new Dictionary<string, string?>
        {
            ["Alerts:Enabled"] = "true",
            ["Alerts:Language"] = "en", // English messages carry the probe's record, which quotes the page
            ["Run:CatalogueFile"] = ProbeScenario.TestCatalogue(TestPaths.NewTempDirectory()),
            ["Alerts:Channels:wecom:Type"] = "wecom", ["Alerts:Channels:wecom:Url"] = $"{hooks.BaseUrl}/cgi-bin/webhook/send?key=k",
            ["Alerts:Channels:ding:Type"] = "dingtalk", ["Alerts:Channels:ding:Url"] = $"{hooks.BaseUrl}/robot/send?access_token=t",
            ["Alerts:ResearchChannels:0"] = "wecom", ["Alerts:ResearchChannels:1"] = "ding",
        });
        var site = new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办" };
        // A footer whose 主办 text is markdown: bold, a link and an image a robot would render.
        site.Pages["/"] = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>首页</p><footer>主办单位：**某市**[政府](http://evil.example/x)![](http://evil.example/z)</footer></body></html>";
        await using var replicas = await ReplicaServer.StartAsync([site]);
        var portals = ProbeScenario.AsRealPortals(replicas);
        for (var i = 0; i < 2; i++)
        {
            var report = await host.Get<RunService>().RunAsync(new RunRequest { Portals = portals, IndicatorIds = ["gov-identity"], Trigger = RunTriggers.Schedule("nightly") }, null, CancellationToken.None);
            Assert.True(report.ExitCode == 0, string.Join("\n", report.Messages));
            var only = Assert.Single(report.Run!.Results);
            Assert.True(only.Outcome == ZhangbanProbe.Core.Outcomes.Outcome.Fail, only.Detail);
        }
        Assert.True(hooks.Requests.Count == 2, string.Join(" | ", hooks.Requests.Select(r => r.Path)));

        var wecom = System.Text.Json.JsonDocument.Parse(hooks.Requests.Single(r => r.Path == "/cgi-bin/webhook/send").Body).RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        var ding = System.Text.Json.JsonDocument.Parse(hooks.Requests.Single(r => r.Path == "/robot/send").Body).RootElement.GetProperty("markdown").GetProperty("text").GetString()!;
        foreach (var text in new[] { wecom, ding })
        {
            Assert.Contains("\\*\\*某市\\*\\*\\[政府\\]\\(http://evil\\.example/x\\)\\!\\[\\]\\(http://evil\\.example/z\\)", text);
            Assert.DoesNotContain("**某市**", text);
            Assert.DoesNotContain("[政府](", text);
        }
    }
}
