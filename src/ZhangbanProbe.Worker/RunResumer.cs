using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Worker;

/// <summary>
/// On the single-process (SQLite) setup the scheduler keeps its jobs in memory, so jobs not yet run when the
/// service stopped are gone. At start, runs the service began (API or sweep) that are still incomplete are enqueued
/// again; their portal jobs skip the pairs already stored. With PostgreSQL the jobs themselves are durable and
/// recovered by Quartz, so this does nothing there. Runs started by `zhangban run` are never taken over.
/// </summary>
public sealed class RunResumer(ProbeStore store, ProbeDataLoader data, RunScheduler scheduler,
    IOptions<StorageOptions> storage, ILogger<RunResumer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.Value.UsesPostgres) return;
        foreach (var run in await store.RunningRunsAsync(cancellationToken))
        {
            if (run.Trigger != "api" && !run.Trigger.StartsWith("schedule:", StringComparison.Ordinal)) continue;
            var (selection, errors, _) = data.Select(run.PortalIds, run.IndicatorIds);
            if (selection is null)
            {
                logger.LogWarning("Run {Run} cannot be resumed (portals or indicators no longer in the manifests): {Errors}", run.Id, string.Join("; ", errors));
                continue;
            }
            await scheduler.EnqueueAsync(run.Id, selection, run.Trigger, TimeSpan.Zero, cancellationToken);
            logger.LogWarning("Run {Run} ({Trigger}) was interrupted: resumed", run.Id, run.Trigger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
