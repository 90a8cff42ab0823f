using Microsoft.Extensions.Logging;
using Quartz;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Worker;

/// <summary>
/// Probes one portal for one run: every indicator of the run this portal does not have a result for yet. Durable
/// and "requests recovery": if its worker dies, another worker of the cluster runs it again, and the pairs already
/// stored (or waiting in this machine's outbox) are skipped, so nothing is probed or stored twice.
/// </summary>
public sealed class PortalJob(ProbeDataLoader data, ProbeRunner runner, ProbeStore store, ResultOutbox outbox, RunCompletion completion,
    ILogger<PortalJob> logger) : IJob
{
    public const string Group = "portal";

    public static JobKey KeyFor(Guid runId, string portalId) => new($"{runId:N}:{portalId}", Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var map = context.MergedJobDataMap;
        var runId = Guid.Parse(map.GetString("run")!);
        var portalId = map.GetString("portal")!;
        var indicators = (map.GetString("indicators") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["run"] = runId, ["portal"] = portalId });

        var (selection, errors, _) = data.Select([portalId], indicators);
        if (selection is null)
        {
            logger.LogError("Portal job {Portal} of run {Run} cannot run: {Errors}", portalId, runId, string.Join("; ", errors));
            return;
        }

        var done = await store.StoredPairsAsync(runId, cancellationToken);
        done.UnionWith(outbox.PendingPairs(runId));
        var work = selection.Indicators.Where(i => !done.Contains((portalId, i.ProbeKey)))
            .Select(i => new ProbeWork(selection.Portals[0], i)).ToList();
        if (context.Recovering) logger.LogWarning("Recovering portal {Portal} of run {Run}: {Count} probe(s) left", portalId, runId, work.Count);

        await runner.RunAsync(runId, work, r => outbox.SaveAsync(r, CancellationToken.None), cancellationToken);
        await completion.TryCompleteAsync(runId, cancellationToken);
    }
}
