using ZhangbanProbe.Core.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Alerting.Channels;
using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Alerting;

public sealed record DispatchSummary(int Sent, int Failed, int Dead, int StillPending);

/// <summary>
/// Sends pending notifications from the outbox. Each is claimed first (pending → sending, a conditional update),
/// so two workers never send the same one; a failure is recorded with its error and retried later with
/// jittered exponential backoff; after the configured attempts it is marked dead and stays listed.
/// </summary>
public sealed class NotificationDispatcher(
    ProbeStore store,
    IEnumerable<IAlertChannel> channels,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger)
{
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(6);
    private readonly Dictionary<ChannelType, IAlertChannel> _byType = channels.ToDictionary(c => c.Type);

    public async Task<DispatchSummary> DispatchDueAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var now = time.UtcNowMicroseconds();
        await using (var db = store.CreateContext())
        {
            // A worker that died while sending leaves a stale claim: hand it back.
            var stale = now - ClaimTimeout;
            await db.Notifications.Where(n => n.Status == NotificationState.Sending && n.ClaimedAtUtc < stale)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationState.Pending), ct);
        }

        List<long> due;
        await using (var db = store.CreateContext())
            due = await db.Notifications.Where(n => n.Status == NotificationState.Pending && n.NextAttemptAtUtc <= now).OrderBy(n => n.Id).Select(n => n.Id).ToListAsync(ct);

        int sent = 0, failed = 0, dead = 0;
        foreach (var id in due)
        {
            await using var db = store.CreateContext();
            var claimed = await db.Notifications.Where(n => n.Id == id && n.Status == NotificationState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationState.Sending).SetProperty(n => n.ClaimedAtUtc, now), ct);
            if (claimed == 0) continue; // another worker has it
            var n = await db.Notifications.SingleAsync(x => x.Id == id, ct);
            try
            {
                if (!o.Channels.TryGetValue(n.Channel, out var channel)) throw new InvalidOperationException($"channel '{n.Channel}' is not configured");
                if (!channel.HasKnownType || !_byType.TryGetValue(channel.Kind, out var sender)) throw new InvalidOperationException($"channel type '{channel.Type}' is unknown");
                await sender.SendAsync(channel, new OutgoingMessage(n.Subject, n.Body, n.PayloadJson), ct);
                n.Status = NotificationState.Sent;
                n.SentAtUtc = time.UtcNowMicroseconds();
                n.Attempts++;
                n.LastError = null;
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                n.Attempts++;
                n.LastError = $"{ex.GetType().Name}: {ex.Message}";
                if (n.Attempts >= o.MaxAttempts)
                {
                    n.Status = NotificationState.Dead;
                    dead++;
                    logger.LogError("Notification {Id} to {Channel} gave up after {Attempts} attempts: {Error}", n.Id, n.Channel, n.Attempts, n.LastError);
                }
                else
                {
                    n.Status = NotificationState.Pending;
                    n.NextAttemptAtUtc = now + Backoff(o.RetryBaseDelay, n.Attempts);
                    failed++;
                    logger.LogWarning("Notification {Id} to {Channel} failed (attempt {Attempts}), retry at {Next:u}: {Error}", n.Id, n.Channel, n.Attempts, n.NextAttemptAtUtc, n.LastError);
                }
            }
            await db.SaveChangesAsync(CancellationToken.None);
        }

        await using var count = store.CreateContext();
        var pending = await count.Notifications.CountAsync(x => x.Status == NotificationState.Pending || x.Status == NotificationState.Sending, ct);
        return new DispatchSummary(sent, failed, dead, pending);
    }

    /// <summary>Exponential backoff with ±20 % jitter, capped, so many failures never become a retry storm.</summary>
    public static TimeSpan Backoff(TimeSpan baseDelay, int attempts)
    {
        var raw = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        var jittered = raw * (0.8 + Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }

    /// <summary>
    /// Sends one digest per digest channel with everything held for it, oldest first. Held notifications are
    /// claimed before sending and marked sent after, so a digest is never sent twice; on failure they stay held.
    /// </summary>
    public async Task<int> SendDigestsAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var now = time.UtcNowMicroseconds();
        var digests = 0;
        List<string> channelsWithHeld;
        await using (var db = store.CreateContext())
            channelsWithHeld = await db.Notifications.Where(n => n.Status == NotificationState.Held).Select(n => n.Channel).Distinct().ToListAsync(ct);

        foreach (var channelName in channelsWithHeld)
        {
            await using var db = store.CreateContext();
            var claimed = await db.Notifications.Where(n => n.Status == NotificationState.Held && n.Channel == channelName)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationState.Digesting).SetProperty(n => n.ClaimedAtUtc, now), ct);
            if (claimed == 0) continue;
            var items = await db.Notifications.Where(n => n.Status == NotificationState.Digesting && n.Channel == channelName && n.ClaimedAtUtc == now).OrderBy(n => n.Id).ToListAsync(ct);
            var channel = o.Channels.GetValueOrDefault(channelName);
            var language = channel?.Language ?? o.Language;
            var subject = language == "en" ? $"[ZhangbanProbe] daily digest: {items.Count} change(s)" : $"【掌办探针】每日汇总：{items.Count} 项变化";
            var body = string.Join("\n", items.Select((n, i) => $"{i + 1}. {n.Subject}\n{n.Body}"));
            var payload = "{\"schema\":\"zhangban-digest/1\",\"alerts\":[" + string.Join(",", items.Select(n => n.PayloadJson)) + "]}";
            try
            {
                if (channel is null || !channel.HasKnownType || !_byType.TryGetValue(channel.Kind, out var sender)) throw new InvalidOperationException($"channel '{channelName}' is not usable");
                await sender.SendAsync(channel, new OutgoingMessage(subject, body, payload), ct);
                foreach (var n in items) { n.Status = NotificationState.Sent; n.SentAtUtc = time.UtcNowMicroseconds(); n.Attempts++; n.LastError = null; }
                digests++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                foreach (var n in items) { n.Status = NotificationState.Held; n.Attempts++; n.LastError = $"{ex.GetType().Name}: {ex.Message}"; }
                logger.LogWarning("Digest to {Channel} failed; {Count} alerts stay held: {Error}", channelName, items.Count, ex.Message);
            }
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return digests;
    }

    /// <summary>Sends a test message to one named channel right away (not through the outbox).</summary>
    public async Task SendTestAsync(string channelName, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Channels.TryGetValue(channelName, out var channel))
            throw new ArgumentException($"--channel {channelName}: no such channel (configured: {string.Join(", ", o.Channels.Keys)})");
        if (!channel.HasKnownType || !_byType.TryGetValue(channel.Kind, out var sender))
            throw new ArgumentException($"Alerts:Channels:{channelName}:Type '{channel.Type}' is unknown (email, webhook, wecom, dingtalk)");
        var facts = new AlertFacts
        {
            Kind = Core.Alerts.IncidentKind.Portal, Transition = IncidentTransition.Test, PortalId = "test", IndicatorId = "test",
            What = channel.Language == "en" || (channel.Language is null && o.Language == "en") ? "This is a test message from ZhangbanProbe." : "这是一条来自掌办探针的测试消息。",
            SinceUtc = time.UtcNowMicroseconds(), AtUtc = time.UtcNowMicroseconds(),
        };
        var (subject, body) = AlertMessages.Render(facts, channel.Language ?? o.Language, null);
        await sender.SendAsync(channel, new OutgoingMessage(subject, body, AlertMessages.Payload(facts, subject, null)), ct);
    }
}
