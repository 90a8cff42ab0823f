using Microsoft.Extensions.Logging;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Application.Runs;

/// <summary>Completes a run once all its results are stored (whichever worker stores the last one), then alerts once.</summary>
public sealed class RunCompletion(ProbeStore store, ProbeDataLoader data, RunAlerts alerts, TimeProvider time, ILogger<RunCompletion> logger)
{
    public async Task TryCompleteAsync(Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            if (!await store.TryCompleteRunAsync(runId, time.UtcNowMicroseconds(), cancellationToken)) return;
            logger.LogInformation("Run {Run} completed", runId);
            var (selection, _, portals) = data.Select([], []);
            foreach (var message in await alerts.EvaluateAsync(runId, portals, selection?.Indicators ?? []))
                logger.LogInformation("Run {Run}: {Message}", runId, message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be down; the outbox flusher tries again when results arrive.
            logger.LogWarning("Run {Run} not completed yet: {Problem}", runId, ex.GetBaseException().Message);
        }
    }
}
