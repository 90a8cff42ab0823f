using Microsoft.Extensions.Logging;
using Quartz;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Worker;

/// <summary>
/// Probes one portal for one run: a thin adapter over <see cref="RunPipeline"/>. Durable and "requests recovery": if its
/// worker dies, another worker of the cluster runs it again, and the pairs already stored (or waiting in this machine's
/// outbox) are skipped, so nothing is probed or stored twice. It carries the run and portal ids only; what to probe is
/// read back from the stored run.
/// </summary>
public sealed class PortalJob(RunPipeline pipeline, ProbeStore store, ILogger<PortalJob> logger) : IJob
{
    public const string Group = "portal";
    public const string RunKey = "run";
    public const string PortalKey = "portal";

    public static JobKey KeyFor(Guid runId, string portalId) => new($"{runId:N}:{portalId}", Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var map = context.MergedJobDataMap;
        var runId = Guid.Parse(map.GetString(RunKey)!);
        var portalId = map.GetString(PortalKey)!;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["run"] = runId, ["portal"] = portalId });

        var run = await store.GetRunHeaderAsync(runId, cancellationToken);
        if (run is null)
        {
            logger.LogError("Portal job {Portal}: run {Run} is not in the store", portalId, runId);
            return;
        }
        if (context.Recovering) logger.LogWarning("Recovering portal {Portal} of run {Run}", portalId, runId);
        var execution = await pipeline.ExecuteAsync(run, portalId, null, cancellationToken);
        if (execution.Cancelled) throw new OperationCanceledException(cancellationToken); // shutting down: recovered later
        // A pair that got no result is probed once more before the run may be called incomplete.
        if (await pipeline.UnmeasuredPairsAsync(run, portalId, cancellationToken) is { Count: > 0 } unmeasured)
        {
            logger.LogWarning("Portal {Portal} of run {Run}: {Count} pair(s) without a result ({Pairs}); probing them once more",
                portalId, runId, unmeasured.Count, string.Join(", ", unmeasured.Select(u => u.Indicator)));
            execution = await pipeline.ExecuteAsync(run, portalId, null, cancellationToken);
            if (execution.Cancelled) throw new OperationCanceledException(cancellationToken);
        }
        // The last portal job of the run ends it (incomplete if pairs still lack a result); when two finish at once
        // and each sees the other, the run auditor ends it.
        var othersLeft = await RunAuditor.PortalJobsLeftAsync(context.Scheduler, runId, context.JobDetail.Key, cancellationToken);
        await pipeline.TryCompleteAsync(runId, final: othersLeft == 0, cancellationToken);
    }
}
