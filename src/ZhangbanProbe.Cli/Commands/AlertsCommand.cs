using ZhangbanProbe.Core;
using ZhangbanProbe.Core.Alerts;
using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using ZhangbanProbe.Alerting;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban alerts`: open incidents, their history and deliveries; `alerts test`, `alerts dispatch`.</summary>
public static class AlertsCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Also list resolved incidents" };
        var command = new Command("alerts", "List open incidents, their transitions and notification deliveries");
        command.Options.Add(all);
        command.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            var store = services.GetRequiredService<ProbeStore>();
            await store.MigrateAsync(ct);
            var alerts = services.GetRequiredService<AlertService>();
            var incidents = await alerts.ListAsync(parse.GetValue(all), ct: ct);
            var table = new Table().AddColumns("id", "portal", "indicator", "kind", "status", "since (UTC)", "opened (UTC)", "summary");
            foreach (var i in incidents)
                table.AddRow(i.Id.ToString(), i.PortalId, i.IndicatorId, StateCode.Of(i.Kind), StateCode.Of(i.Status), i.SinceUtc.ToString("u"), i.OpenedAtUtc.ToString("u"), Markup.Escape(i.Summary));
            Output.Stdout().Write(table);

            var events = new Table().AddColumns("incident", "event", "at (UTC)", "channel", "delivery", "attempts", "last error");
            foreach (var i in incidents)
            foreach (var e in i.Events.OrderBy(e => e.AtUtc))
            {
                if (e.Notifications.Count == 0) events.AddRow(i.Id.ToString(), StateCode.Of(e.Type), e.AtUtc.ToString("u"), "(no channel routed)", "", "", "");
                foreach (var n in e.Notifications)
                    events.AddRow(i.Id.ToString(), StateCode.Of(e.Type), e.AtUtc.ToString("u"), n.Channel, StateCode.Of(n.Status), n.Attempts.ToString(), Markup.Escape(n.LastError ?? ""));
            }
            Output.Stdout().Write(events);
            var dead = await alerts.CountDeadAsync(ct);
            if (dead > 0) AnsiConsole.MarkupLine($"[red]{dead} notification(s) gave up after every attempt; see `zhangban alerts --all`.[/]");
            return 0;
        }, ct));

        var channel = new Option<string>("--channel") { Description = "Channel name under Alerts:Channels", Required = true };
        var test = new Command("test", "Send a test message to one channel now");
        test.Options.Add(channel);
        test.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            try
            {
                await services.GetRequiredService<NotificationDispatcher>().SendTestAsync(parse.GetValue(channel)!, ct);
                Console.WriteLine($"sent a test message to {parse.GetValue(channel)}");
                return 0;
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"sending failed: {ex.GetBaseException().Message}");
                return 1;
            }
        }, ct));
        command.Subcommands.Add(test);

        var dispatch = new Command("dispatch", "Send notifications that are due (retries failed ones whose backoff has passed)");
        dispatch.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            await services.GetRequiredService<ProbeStore>().MigrateAsync(ct);
            var d = await services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(ct);
            Console.WriteLine($"{d.Sent} sent, {d.Failed} failed (will retry), {d.Dead} dead, {d.StillPending} pending");
            return 0;
        }, ct));
        command.Subcommands.Add(dispatch);

        var digest = new Command("digest", "Send one digest per digest channel (Alerts:DigestChannels) with everything held for it; run it nightly");
        digest.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            await services.GetRequiredService<ProbeStore>().MigrateAsync(ct);
            var n = await services.GetRequiredService<NotificationDispatcher>().SendDigestsAsync(ct);
            Console.WriteLine($"{n} digest(s) sent");
            return 0;
        }, ct));
        command.Subcommands.Add(digest);
        command.Subcommands.Add(Review("approve", "Approve an incident: its province notifications (held for review) go out; recorded with who and when"));
        command.Subcommands.Add(Review("reject", "Reject an incident: it is closed with the reason and its province notifications never go out"));
        return command;
    }

    private static Command Review(string verb, string description)
    {
        var id = new Argument<long>("incident") { Description = "The incident id (see `zhangban alerts`)" };
        var by = new Option<string>("--by") { Description = "The researcher who decides", Required = true };
        var text = new Option<string?>(verb == "reject" ? "--reason" : "--note") { Description = verb == "reject" ? "Why the incident is rejected" : "An optional note", Required = verb == "reject" };
        var command = new Command(verb, description);
        command.Arguments.Add(id);
        command.Options.Add(by);
        command.Options.Add(text);
        command.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            await services.GetRequiredService<ProbeStore>().MigrateAsync(ct);
            var alerts = services.GetRequiredService<AlertService>();
            try
            {
                Console.WriteLine(verb == "reject"
                    ? await alerts.RejectAsync(parse.GetValue(id), parse.GetValue(by)!, parse.GetValue(text) ?? "", ct)
                    : await alerts.ApproveAsync(parse.GetValue(id), parse.GetValue(by)!, parse.GetValue(text), ct));
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or InvalidOperationException)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        }, ct));
        return command;
    }
}
