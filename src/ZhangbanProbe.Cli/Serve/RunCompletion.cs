using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Alerting;
using ZhangbanProbe.Cli.Runs;
using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Cli.Serve;

/// <summary>Completes a run once all its results are stored (whichever worker stores the last one), then alerts once.</summary>
public sealed class RunCompletion(ProbeStore store, ProbeDataLoader data, AlertService alerts, NotificationDispatcher dispatcher,
    IOptions<AlertOptions> alertOptions, TimeProvider time, ILogger<RunCompletion> logger)
{
    public async Task TryCompleteAsync(Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            if (!await store.TryCompleteRunAsync(runId, time.UtcNowMicroseconds(), cancellationToken)) return;
            logger.LogInformation("Run {Run} completed", runId);
            if (!alertOptions.Value.Enabled) return;
            var portals = data.LoadPortals().Portals;
            var names = data.LoadCatalogue().Entries.ToDictionary(e => e.ProbeKey, e => string.Join("、", e.IndexIndicators));
            await alerts.EvaluateRunAsync(runId, portals, names);
            await dispatcher.DispatchDueAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be down; the outbox flusher tries again when results arrive.
            logger.LogWarning("Run {Run} not completed yet: {Problem}", runId, ex.GetBaseException().Message);
        }
    }
}
