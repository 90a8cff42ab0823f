using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Worker;

/// <summary>
/// On the single-process (SQLite) setup the scheduler keeps its jobs in memory, so jobs not yet run when the
/// service stopped are gone. At start, runs the service began (API or sweep) that are still incomplete are enqueued
/// again; their portal jobs skip the pairs already stored. With PostgreSQL the jobs themselves are durable and
/// recovered by Quartz, so this does nothing there. Runs started by `zhangban run` are never taken over.
/// </summary>
public sealed class RunResumer(ProbeStore store, RunScheduler scheduler,
    IOptions<StorageOptions> storage, ILogger<RunResumer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.Value.UsesPostgres) return;
        foreach (var run in await store.RunningRunsAsync(cancellationToken))
        {
            if (run.Origin is not (RunOrigin.Api or RunOrigin.Sweep)) continue;
            await scheduler.EnqueueAsync(run, TimeSpan.Zero, cancellationToken);
            logger.LogWarning("Run {Run} ({Trigger}) was interrupted: resumed", run.Id, run.Trigger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
