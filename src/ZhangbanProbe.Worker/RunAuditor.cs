using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Worker;

/// <summary>
/// Ends the service's runs whose work is over: a sweep or API run still marked running with none of its portal jobs
/// left in the scheduler (on any worker of the cluster) is completed, or stored incomplete naming the pairs without a
/// result — never left "running" for ever with holes. Before that, the pairs without a result are probed once more (their
/// portals' jobs enqueued again; once per run and process). Runs whose results wait in an outbox stay running until written.
/// </summary>
public sealed class RunAuditor(ProbeStore store, RunPipeline pipeline, RunCompletion completion, RunScheduler runs, ISchedulerFactory schedulers,
    IOptions<ScheduleOptions> options, TimeProvider time, ILogger<RunAuditor> logger) : BackgroundService
{
    // Runs whose missing pairs this process already sent back once (a second pass then ends them).
    private readonly HashSet<Guid> _retried = [];

    /// <summary>Portal jobs of a run still in the scheduler, apart from <paramref name="except"/> (the job asking).</summary>
    public static async Task<int> PortalJobsLeftAsync(IScheduler scheduler, Guid runId, JobKey? except, CancellationToken cancellationToken)
    {
        var prefix = $"{runId:N}:";
        var keys = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(PortalJob.Group), cancellationToken);
        return keys.Count(k => k.Name.StartsWith(prefix, StringComparison.Ordinal) && !k.Equals(except));
    }

    /// <summary>One pass: ends every service run that has no work left. Returns how many it ended.</summary>
    public async Task<int> AuditAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var settled = time.GetUtcNow().UtcDateTime - options.Value.RunAuditInterval;
        var ended = 0;
        foreach (var run in await store.RunningRunsAsync(cancellationToken))
        {
            // Runs of `zhangban run` end in their own process; a run just planned may not have its jobs enqueued yet.
            if (run.Origin is not (RunOrigin.Api or RunOrigin.Sweep) || run.StartedAtUtc > settled) continue;
            if (await PortalJobsLeftAsync(scheduler, run.Id, null, cancellationToken) > 0) continue;
            // Pairs without a result are probed once more (their portals' jobs again, skipping what is stored) before
            // the run may be called incomplete.
            var unmeasured = await pipeline.UnmeasuredPairsAsync(run, null, cancellationToken);
            if (unmeasured.Count > 0 && _retried.Add(run.Id))
            {
                var portals = unmeasured.Select(u => u.Portal).Distinct().ToList();
                logger.LogWarning("Run {Run} ({Trigger}) has no work left and {Count} pair(s) without a result: probing {Portals} once more",
                    run.Id, run.Trigger, unmeasured.Count, string.Join(", ", portals));
                await runs.EnqueueAsync(run with { PortalIds = portals }, TimeSpan.Zero, cancellationToken);
                continue;
            }
            if (await completion.TryCompleteAsync(run.Id, final: true, cancellationToken) is { } ending)
            {
                ended++;
                if (ending.Status == RunStatus.Incomplete)
                    logger.LogWarning("Run {Run} ({Trigger}) had no work left and {Count} pair(s) without a result: stored incomplete", run.Id, run.Trigger, ending.Missing.Count);
            }
        }
        return ended;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(options.Value.RunAuditInterval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try { await AuditAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning("Run audit failed: {Problem}", ex.GetBaseException().Message); }
        }
    }
}
