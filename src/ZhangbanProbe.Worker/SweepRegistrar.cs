using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace ZhangbanProbe.Worker;

/// <summary>
/// Puts the configured sweeps into the scheduler before it starts. A stored trigger whose settings did not change
/// is left alone, so a sweep missed while every worker was down is still seen as a misfire (and its policy applies)
/// instead of being re-created with a fresh next fire time; a changed sweep is rescheduled, a removed one deleted.
/// Registered before the Quartz hosted service, so it runs first.
/// </summary>
public sealed class SweepRegistrar(ISchedulerFactory schedulers, IOptions<ScheduleOptions> options, ILogger<SweepRegistrar> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var configured = options.Value.Sweeps;
        foreach (var (name, sweep) in configured)
        {
            var jobKey = new JobKey(name, SweepJob.Group);
            var triggerKey = new TriggerKey(name, SweepJob.Group);
            var signature = $"{sweep.Cron}|{sweep.TimeZone}|{sweep.Misfire}";
            var existing = await scheduler.GetTrigger(triggerKey, cancellationToken);
            if (existing is not null && existing.JobDataMap.GetString("signature") == signature) continue;

            var job = JobBuilder.Create<SweepJob>().WithIdentity(jobKey).StoreDurably().RequestRecovery().Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(jobKey)
                .UsingJobData("signature", signature)
                .WithCronSchedule(sweep.Cron, c => c
                    .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(sweep.TimeZone))
                    .WithMisfireInstruction(sweep.MisfirePolicy == MisfirePolicy.Skip ? CronTriggerMisfireInstruction.DoNothing : CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await PutAsync(scheduler, job, trigger, existing, cancellationToken);
            logger.LogInformation("Sweep {Sweep} scheduled: {Cron} ({TimeZone}), misfire {Misfire}", name, sweep.Cron, sweep.TimeZone, sweep.Misfire);
        }
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(SweepJob.Group), cancellationToken))
        {
            if (configured.ContainsKey(key.Name)) continue;
            await scheduler.UnscheduleJob(key, cancellationToken);
            logger.LogInformation("Sweep {Sweep} is no longer configured: unscheduled", key.Name);
        }
    }

    /// <summary>Stores the job and schedules its trigger, or reschedules the stored one; clustered workers racing to register it are fine.</summary>
    public static async Task PutAsync(IScheduler scheduler, IJobDetail job, ITrigger trigger, ITrigger? existing, CancellationToken cancellationToken)
    {
        await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);
        if (existing is null)
        {
            try { await scheduler.ScheduleJob(trigger, default!, cancellationToken); }
            catch (ObjectAlreadyExistsException) { /* another worker registered it at the same moment */ }
        }
        else await scheduler.RescheduleJob(trigger.Key, trigger, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
