using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using ZhangbanProbe.Alerting;

namespace ZhangbanProbe.Worker;

/// <summary>
/// Sends due notifications continuously (within <see cref="AlertOptions.DispatchInterval"/>): a send that failed
/// while a channel was down goes out when its backoff is due, not at the next night's run. Claims are atomic in the
/// database, so clustered workers never send one notification twice.
/// </summary>
public sealed class NotificationPump(NotificationDispatcher dispatcher, IOptions<AlertOptions> options, ILogger<NotificationPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var d = await dispatcher.DispatchDueAsync(stoppingToken);
                if (d.Sent + d.Failed + d.Dead > 0)
                    logger.LogInformation("Notifications: {Sent} sent, {Failed} failed (will retry), {Dead} dead, {Pending} pending", d.Sent, d.Failed, d.Dead, d.StillPending);
            }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning(ex, "Notification dispatch failed; trying again"); }
            try { await Task.Delay(options.Value.DispatchInterval, stoppingToken); } catch (OperationCanceledException) { }
        }
    }
}

/// <summary>The scheduled digest: one message per digest channel with everything held for it. Thin: the dispatcher does the work.</summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(NotificationDispatcher dispatcher, ILogger<DigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("digest", "alerts");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var sent = await dispatcher.SendDigestsAsync(cancellationToken);
        logger.LogInformation("Digest: {Count} message(s) sent", sent);
    }
}

/// <summary>Registers (or removes) the digest schedule before the scheduler starts, like the sweeps: once per fire across the cluster.</summary>
public sealed class DigestRegistrar(ISchedulerFactory schedulers, IOptions<AlertOptions> options, ILogger<DigestRegistrar> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var o = options.Value;
        var triggerKey = new TriggerKey("digest", "alerts");
        if (!o.Enabled || string.IsNullOrWhiteSpace(o.DigestCron))
        {
            if (await scheduler.GetTrigger(triggerKey, cancellationToken) is not null) await scheduler.UnscheduleJob(triggerKey, cancellationToken);
            return;
        }
        var signature = $"{o.DigestCron}|{o.DigestTimeZone}";
        var existing = await scheduler.GetTrigger(triggerKey, cancellationToken);
        if (existing is not null && existing.JobDataMap.GetString("signature") == signature) return;
        var job = JobBuilder.Create<DigestJob>().WithIdentity(DigestJob.Key).StoreDurably().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(triggerKey).ForJob(DigestJob.Key).UsingJobData("signature", signature)
            .WithCronSchedule(o.DigestCron, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(o.DigestTimeZone)).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await SweepRegistrar.PutAsync(scheduler, job, trigger, existing, cancellationToken);
        logger.LogInformation("Digest scheduled: {Cron} ({TimeZone})", o.DigestCron, o.DigestTimeZone);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
