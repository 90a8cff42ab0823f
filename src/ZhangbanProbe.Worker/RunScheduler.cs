using Quartz;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Worker;

/// <summary>Hands a planned run (a sweep's or the API's) to the cluster: one durable portal job per portal, carrying only the run and portal ids.</summary>
public sealed class RunScheduler(ISchedulerFactory schedulers, TimeProvider time) : ZhangbanProbe.Application.Runs.IRunQueue
{
    /// <summary>Enqueues the run's portal jobs, in random order, each at a random offset within <paramref name="spread"/>.</summary>
    public async Task EnqueueAsync(ProbeRun run, TimeSpan spread, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var portalId in run.PortalIds.OrderBy(_ => Random.Shared.Next()))
        {
            var key = PortalJob.KeyFor(run.Id, portalId);
            if (await scheduler.Exists(key, cancellationToken)) continue; // already enqueued by an earlier attempt
            var job = JobBuilder.Create<PortalJob>()
                .WithIdentity(key)
                .UsingJobData(PortalJob.RunKey, run.Id.ToString())
                .UsingJobData(PortalJob.PortalKey, portalId)
                .RequestRecovery() // a worker that dies mid-probe hands the job to another
                .Build();
            var offset = spread > TimeSpan.Zero ? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * spread.TotalMilliseconds) : TimeSpan.Zero;
            var start = TriggerBuilder.Create()
                .WithIdentity(key.Name, PortalJob.Group)
                .StartAt(now + offset)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            try { await scheduler.ScheduleJob(job, start, default!, cancellationToken); }
            catch (ObjectAlreadyExistsException) { /* another worker enqueued it first */ }
        }
    }
}
