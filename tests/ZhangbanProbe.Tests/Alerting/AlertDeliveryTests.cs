using ZhangbanProbe.Core.Alerts;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZhangbanProbe.Alerting;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Alerts;

/// <summary>Alerts end to end: replica runs → incidents → real SMTP server and local webhook receivers.</summary>
[Trait("Category", "Integration")]
[Collection("browser")]
public class AlertDeliveryTests
{
    private const string DingSecret = "SEC0123456789abcdef";

    private static Dictionary<string, string?> AlertSettings(int smtpPort, string? hookBase)
    {
        var s = new Dictionary<string, string?>
        {
            ["Alerts:Enabled"] = "true",
            ["Alerts:ProvinceReview"] = "false", // these tests are about delivery; review has its own tests
            ["Alerts:RetryBaseDelay"] = "00:00:00.200",
            ["Alerts:Smtp:Host"] = "127.0.0.1",
            ["Alerts:Smtp:Port"] = smtpPort.ToString(),
            ["Alerts:Smtp:Security"] = "none",
            ["Alerts:Smtp:From"] = "zhangban@lab.example.cn",
            ["Alerts:Smtp:Timeout"] = "00:00:05",
            ["Alerts:Channels:zj-mail:Type"] = "email",
            ["Alerts:Channels:zj-mail:To:0"] = "platform-team@zj.example.gov.cn",
            ["Alerts:Channels:research-mail:Type"] = "email",
            ["Alerts:Channels:research-mail:To:0"] = "lab@fudan.example.edu.cn",
            ["Alerts:Channels:research-mail:To:1"] = "pi@fudan.example.edu.cn",
            ["Alerts:Provinces:浙江:0"] = "zj-mail",
            ["Alerts:ResearchChannels:0"] = "research-mail",
        };
        if (hookBase is not null)
        {
            s["Alerts:Channels:hook:Type"] = "webhook";
            s["Alerts:Channels:hook:Url"] = $"{hookBase}/hook";
            s["Alerts:Channels:zj-wecom:Type"] = "wecom";
            s["Alerts:Channels:zj-wecom:Url"] = $"{hookBase}/cgi-bin/webhook/send?key=k1";
            s["Alerts:Channels:zj-ding:Type"] = "dingtalk";
            s["Alerts:Channels:zj-ding:Url"] = $"{hookBase}/robot/send?access_token=t1";
            s["Alerts:Channels:zj-ding:Secret"] = DingSecret;
            s["Alerts:ResearchChannels:1"] = "hook";
            s["Alerts:Provinces:zhejiang:0"] = "zj-wecom";
            s["Alerts:Provinces:zhejiang:1"] = "zj-ding";
            s["Alerts:OperatorChannels:0"] = "hook";
        }
        return s;
    }

    private static async Task RunAsync(ProbeHost host, ReplicaServer replicas) =>
        Assert.Equal(0, (await host.Get<RunService>().RunAsync(new RunRequest { Portals = ProbeScenario.AsRealPortals(replicas), Trigger = ZhangbanProbe.Core.Runs.RunTriggers.Schedule("nightly") }, null, CancellationToken.None)).ExitCode);

    [Fact]
    public async Task A_regression_is_announced_once_to_every_routed_channel_and_its_recovery_once()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var host = new ProbeHost(AlertSettings(smtp.Port, hooks.BaseUrl));
        var site = new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办", Status = 500 };
        await using var replicas = await ReplicaServer.StartAsync([site]);

        await RunAsync(host, replicas);
        Assert.Empty(smtp.Messages); // one failing night is not a regression

        await RunAsync(host, replicas);
        Assert.Equal(2, smtp.Messages.Count);
        Assert.Equal(3, hooks.Requests.Count);

        var toProvince = smtp.Messages.Single(m => m.To.Mailboxes.Any(a => a.Address == "platform-team@zj.example.gov.cn"));
        Assert.Equal("【掌办探针】指标退化：浙江 浙里办 · 办理过程迅捷（响应速度）", toProvince.Subject);
        Assert.Contains("平台：浙江 浙里办（zhejiang）", toProvince.TextBody);
        Assert.Contains("变化：连续 2 次例行检测未通过；最近一次：未通过，服务器错误（5xx）", toProvince.TextBody);
        Assert.Contains("复现：zhangban run --portal zhejiang --indicator response-time", toProvince.TextBody);
        Assert.DoesNotContain(".png", toProvince.TextBody); // never a path on the worker
        Assert.Contains("证据：截图与检测记录保存在探针服务器上", toProvince.TextBody);
        var toLab = smtp.Messages.Single(m => m.To.Mailboxes.Any(a => a.Address == "lab@fudan.example.edu.cn"));
        Assert.Equal(["lab@fudan.example.edu.cn", "pi@fudan.example.edu.cn"], toLab.To.Mailboxes.Select(a => a.Address).ToArray());

        var generic = JsonDocument.Parse(hooks.Requests.Single(r => r.Path == "/hook").Body).RootElement;
        Assert.Equal("zhangban-alert/1", generic.GetProperty("schema").GetString());
        Assert.Equal("opened", generic.GetProperty("transition").GetString());
        Assert.Equal("portal", generic.GetProperty("kind").GetString());
        Assert.Equal("浙江", generic.GetProperty("province").GetString());

        var wecom = JsonDocument.Parse(hooks.Requests.Single(r => r.Path == "/cgi-bin/webhook/send").Body).RootElement;
        Assert.Equal("markdown", wecom.GetProperty("msgtype").GetString());
        Assert.Contains("指标退化", wecom.GetProperty("markdown").GetProperty("content").GetString());

        var ding = hooks.Requests.Single(r => r.Path == "/robot/send");
        Assert.Equal("t1", ding.Query["access_token"]);
        var timestamp = ding.Query["timestamp"].ToString();
        var expectedSign = Convert.ToBase64String(new HMACSHA256(Encoding.UTF8.GetBytes(DingSecret)).ComputeHash(Encoding.UTF8.GetBytes($"{timestamp}\n{DingSecret}")));
        Assert.Equal(expectedSign, ding.Query["sign"].ToString()); // ASP.NET has already URL-decoded it
        Assert.InRange(long.Parse(timestamp), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Contains("指标退化", JsonDocument.Parse(ding.Body).RootElement.GetProperty("markdown").GetProperty("title").GetString());

        await RunAsync(host, replicas); // still failing: no duplicate
        Assert.Equal(2, smtp.Messages.Count);
        Assert.Equal(3, hooks.Requests.Count);

        site.Status = 200;
        await RunAsync(host, replicas);
        Assert.Equal(2, smtp.Messages.Count); // one pass is not a recovery
        await RunAsync(host, replicas);
        Assert.Equal(4, smtp.Messages.Count);
        Assert.Equal(6, hooks.Requests.Count);
        Assert.Contains(smtp.Messages, m => m.Subject == "【掌办探针】已恢复：浙江 浙里办 · 办理过程迅捷（响应速度）");

        await using var db = host.Get<ProbeStore>().CreateContext();
        var incident = await db.Incidents.Include(i => i.Events).ThenInclude(e => e.Notifications).SingleAsync();
        Assert.Equal((IncidentKind.Portal, IncidentStatus.Resolved), (incident.Kind, incident.Status));
        Assert.Equal([IncidentTransition.Opened, IncidentTransition.Resolved], incident.Events.OrderBy(e => e.AtUtc).Select(e => e.Type).ToArray());
        Assert.All(incident.Events.SelectMany(e => e.Notifications), n => Assert.Equal((NotificationState.Sent, 1), (n.Status, n.Attempts)));
    }

    [Fact]
    public async Task Persistently_blocked_portals_alert_operators_not_the_province()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        var settings = AlertSettings(SmtpTestServer.FreePort(), hooks.BaseUrl);
        settings["Alerts:UnobservedToAlertOperators"] = "3";
        await using var host = new ProbeHost(settings);
        await using var replicas = await ReplicaServer.StartAsync([new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办", Wall = ReplicaWall.SliderCaptcha }]);

        for (var i = 0; i < 5; i++) await RunAsync(host, replicas);

        var received = hooks.Requests.ToList();
        var only = Assert.Single(received); // the operators' hook, once; nothing to the province's robots or mail
        Assert.Equal("/hook", only.Path);
        var payload = JsonDocument.Parse(only.Body).RootElement;
        Assert.Equal("operator", payload.GetProperty("kind").GetString());
        Assert.Contains("captcha", payload.GetProperty("what").GetString());
    }

    [Fact]
    public async Task An_smtp_server_down_at_send_time_gets_the_alert_when_back_and_only_once()
    {
        var port = SmtpTestServer.FreePort();
        var settings = AlertSettings(port, null);
        settings["Storage:PostgresConnectionString"] = (await PostgresServer.GetAsync()).NewDatabase();
        settings.Remove("Alerts:ResearchChannels:0"); // one channel keeps the count plain
        await using var host = new ProbeHost(settings);
        await using var replicas = await ReplicaServer.StartAsync([new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办", Status = 500 }]);

        await RunAsync(host, replicas);
        await RunAsync(host, replicas); // opens the incident; the send fails: nobody listens on the port

        await using (var db = host.Get<ProbeStore>().CreateContext())
        {
            var n = await db.Notifications.SingleAsync();
            Assert.Equal(NotificationState.Pending, n.Status);
            Assert.Equal(1, n.Attempts);
            Assert.NotNull(n.LastError);
        }

        await using var smtp = await SmtpTestServer.StartAsync(port);
        await Task.Delay(TimeSpan.FromMilliseconds(600)); // past the first backoff
        var dispatcher = host.Get<NotificationDispatcher>();
        var first = await dispatcher.DispatchDueAsync();
        var second = await dispatcher.DispatchDueAsync();

        Assert.Equal(1, first.Sent);
        Assert.Equal(0, second.Sent);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("platform-team@zj.example.gov.cn", mail.To.Mailboxes.Single().Address);
        Assert.StartsWith("【掌办探针】指标退化：浙江 浙里办", mail.Subject);
        await using (var db = host.Get<ProbeStore>().CreateContext())
        {
            var n = await db.Notifications.SingleAsync();
            Assert.Equal((NotificationState.Sent, 2), (n.Status, n.Attempts));
        }
    }

    [Fact]
    public async Task A_test_message_reaches_the_named_channel()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var host = new ProbeHost(AlertSettings(smtp.Port, null));
        await host.Get<NotificationDispatcher>().SendTestAsync("zj-mail", CancellationToken.None);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("【掌办探针】测试消息", mail.Subject);
        await Assert.ThrowsAsync<ArgumentException>(() => host.Get<NotificationDispatcher>().SendTestAsync("nope", CancellationToken.None));
    }
}

[Trait("Category", "Integration")]
[Collection("browser")]
public class AlertDigestTests
{
    [Fact]
    public async Task A_digest_channel_gets_one_message_per_night_with_every_change()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var host = new ProbeHost(new()
        {
            ["Alerts:Enabled"] = "true",
            ["Alerts:ProvinceReview"] = "false", // delivery mechanics; review has its own test
            ["Alerts:Smtp:Host"] = "127.0.0.1",
            ["Alerts:Smtp:Port"] = smtp.Port.ToString(),
            ["Alerts:Smtp:Security"] = "none",
            ["Alerts:Channels:gd-mail:Type"] = "email",
            ["Alerts:Channels:gd-mail:To:0"] = "team@gd.example.gov.cn",
            ["Alerts:Provinces:广东:0"] = "gd-mail",
            ["Alerts:DigestChannels:0"] = "gd-mail",
        });
        await using var replicas = await ReplicaServer.StartAsync([
            new ReplicaSite { Id = "guangdong", Province = "广东", Platform = "粤省事", Status = 500 },
            new ReplicaSite { Id = "guangdong-biz", Province = "广东", Platform = "粤商通", Status = 503 },
        ]);
        for (var i = 0; i < 2; i++)
            await host.Get<RunService>().RunAsync(new RunRequest { Portals = ProbeScenario.AsRealPortals(replicas), Trigger = ZhangbanProbe.Core.Runs.RunTriggers.Schedule("nightly") }, null, CancellationToken.None);
        Assert.Empty(smtp.Messages); // held for the digest

        Assert.Equal(1, await host.Get<NotificationDispatcher>().SendDigestsAsync());
        Assert.Equal(0, await host.Get<NotificationDispatcher>().SendDigestsAsync()); // nothing twice

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("【掌办探针】每日汇总：2 项变化", mail.Subject);
        Assert.Contains("粤省事", mail.TextBody);
        Assert.Contains("粤商通", mail.TextBody);
    }
}
