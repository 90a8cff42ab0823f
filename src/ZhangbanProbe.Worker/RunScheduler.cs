using Quartz;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Worker;

/// <summary>Turns a run (scheduled sweep or API request) into one durable portal job per portal.</summary>
public sealed class RunScheduler(ISchedulerFactory schedulers, ProbeStore store, TimeProvider time)
{
    /// <summary>Records the run and enqueues its portal jobs, in random order, each at a random offset within <paramref name="spread"/>.</summary>
    public async Task<ProbeRun> EnqueueAsync(Guid runId, RunSelection selection, string trigger, TimeSpan spread, CancellationToken cancellationToken)
    {
        var run = new ProbeRun
        {
            Id = runId,
            StartedAtUtc = time.UtcNowMicroseconds(),
            Trigger = trigger,
            PortalIds = selection.Portals.Select(p => p.Id).ToList(),
            IndicatorIds = selection.Indicators.Select(i => i.ProbeKey).ToList(),
        };
        await store.BeginRunAsync(run, cancellationToken); // idempotent: a recovered sweep finds its run

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var now = time.GetUtcNow();
        var indicators = string.Join(',', run.IndicatorIds);
        foreach (var portal in selection.Portals.OrderBy(_ => Random.Shared.Next()))
        {
            var key = PortalJob.KeyFor(runId, portal.Id);
            if (await scheduler.Exists(key, cancellationToken)) continue; // already enqueued by an earlier attempt
            var job = JobBuilder.Create<PortalJob>()
                .WithIdentity(key)
                .UsingJobData("run", runId.ToString())
                .UsingJobData("portal", portal.Id)
                .UsingJobData("indicators", indicators)
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
        return run;
    }
}
