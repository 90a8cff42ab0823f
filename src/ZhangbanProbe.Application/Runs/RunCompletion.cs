using Microsoft.Extensions.Logging;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Application.Runs;

/// <summary>Completes a run once all its results are stored (whichever worker stores the last one), then alerts once.</summary>
public sealed class RunCompletion(ProbeStore store, ProbeDataLoader data, RunAlerts alerts, TimeProvider time, ILogger<RunCompletion> logger)
{
    /// <summary>Alert messages when this call completed the run; null when the run is not complete (or another caller completed it).</summary>
    public async Task<IReadOnlyList<string>?> TryCompleteAsync(Guid runId, IReadOnlyList<PortalManifest>? portals, CancellationToken cancellationToken)
    {
        try
        {
            if (!await store.TryCompleteRunAsync(runId, time.UtcNowMicroseconds(), cancellationToken)) return null;
            logger.LogInformation("Run {Run} completed", runId);
            var (selection, _, loaded) = data.Select([], [], portals);
            var messages = await alerts.EvaluateAsync(runId, loaded, selection?.Indicators ?? []);
            foreach (var message in messages) logger.LogInformation("Run {Run}: {Message}", runId, message);
            return messages;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be down; the outbox flusher (or the next `zhangban run`) tries again when results arrive.
            logger.LogWarning("Run {Run} not completed yet: {Problem}", runId, ex.GetBaseException().Message);
            return null;
        }
    }
}
