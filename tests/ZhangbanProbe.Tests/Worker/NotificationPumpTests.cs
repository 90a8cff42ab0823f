using ZhangbanProbe.Core.Alerts;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Serve;

/// <summary>`serve` delivers without waiting for a run: SMTP down, then up, and the held message arrives once.</summary>
[Trait("Category", "Integration")]
[Collection("browser")]
public class NotificationPumpTests
{
    [Fact]
    public async Task A_message_that_failed_while_smtp_was_down_is_delivered_once_when_it_returns_without_a_new_run()
    {
        var dir = TestPaths.NewTempDirectory();
        var store = new ProbeStore(Options.Create(new StorageOptions { SqlitePath = Path.Combine(dir, "zhangban.db") }));
        await store.MigrateAsync();
        await using (var db = store.CreateContext())
        {
            var now = DateTime.UtcNow;
            db.Incidents.Add(new IncidentRow
            {
                PortalId = "zhejiang", IndicatorId = "search", Kind = IncidentKind.Portal, OpenedAtUtc = now, SinceUtc = now, LastNotifiedAtUtc = now, Summary = "test",
                Events = [new IncidentEventRow { Type = IncidentTransition.Opened, AtUtc = now, Notifications = [new NotificationRow { Channel = "lab-mail", CreatedAtUtc = now, NextAttemptAtUtc = now, Subject = "【掌办探针】指标退化", Body = "变化：连续 2 次例行检测未通过" }] }],
            });
            await db.SaveChangesAsync();
        }

        var smtpPort = SmtpTestServer.FreePort(); // nothing listens yet: SMTP is down
        var port = ServeApiTests.FreePort();
        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        using var serve = ServeApiTests.StartServe(dir, portals, TestPaths.FastCatalogue(dir), port, new Dictionary<string, string>
        {
            ["ZHANGBAN_Alerts__Enabled"] = "true",
            ["ZHANGBAN_Alerts__DispatchInterval"] = "00:00:01",
            ["ZHANGBAN_Alerts__RetryBaseDelay"] = "00:00:01",
            ["ZHANGBAN_Alerts__Smtp__Host"] = "127.0.0.1",
            ["ZHANGBAN_Alerts__Smtp__Port"] = smtpPort.ToString(),
            ["ZHANGBAN_Alerts__Smtp__Security"] = "none",
            ["ZHANGBAN_Alerts__Smtp__From"] = "zhangban@lab.example.cn",
            ["ZHANGBAN_Alerts__Smtp__Timeout"] = "00:00:02",
            ["ZHANGBAN_Alerts__Channels__lab-mail__Type"] = "email",
            ["ZHANGBAN_Alerts__Channels__lab-mail__To__0"] = "lab@fudan.example.edu.cn",
            ["ZHANGBAN_Schedule__Sweeps__nightly__Cron"] = "0 0 2 1 1 ? 2099", // no sweep during the test
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await ServeApiTests.WaitHealthyAsync(http, serve);
            // Let at least one attempt fail while SMTP is down.
            var failedDeadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < failedDeadline)
            {
                await using var db = store.CreateContext();
                if (db.Notifications.Single().Attempts > 0) break;
                await Task.Delay(300);
            }
            await using (var db = store.CreateContext()) Assert.True(db.Notifications.Single().Attempts > 0, "no attempt while SMTP was down");

            await using var smtp = await SmtpTestServer.StartAsync(smtpPort);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline && smtp.Messages.IsEmpty) await Task.Delay(500);
            Assert.Single(smtp.Messages);
            await Task.Delay(3000);
            Assert.Single(smtp.Messages); // once
            await using (var db = store.CreateContext()) Assert.Equal(NotificationState.Sent, db.Notifications.Single().Status);
            await using (var db = store.CreateContext()) Assert.Empty(db.Runs); // no run was needed
        }
        finally
        {
            if (!serve.HasExited) serve.Kill(entireProcessTree: true);
        }
    }
}
