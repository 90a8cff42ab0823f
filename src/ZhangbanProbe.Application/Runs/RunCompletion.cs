using Microsoft.Extensions.Logging;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Application.Definitions;

namespace ZhangbanProbe.Application.Runs;

/// <summary>How a run ended: its status, the planned pairs without a result, and what alerting said.</summary>
public sealed record RunEnding(RunStatus Status, IReadOnlyList<MissingPair> Missing, IReadOnlyList<string> Messages);

/// <summary>
/// Ends a run once (whichever worker stores the last result, or finds that no work for it is left), then alerts once:
/// completed when every planned pair has a stored result; incomplete, naming the missing pairs, when the caller says
/// the run's work has ended (<c>final</c>) and pairs have none — an incomplete run alerts on the pairs it has.
/// </summary>
public sealed class RunCompletion(ProbeStore store, ResultOutbox outbox, ProbeDataLoader data, DefinitionsStore definitions, RunAlerts alerts, TimeProvider time, ILogger<RunCompletion> logger)
{
    /// <summary>The ending when this call ended the run; null when it is not ended yet (or another caller ended it).</summary>
    /// <param name="final">No more work for the run is under way anywhere: missing pairs make it incomplete now.</param>
    public async Task<RunEnding?> TryCompleteAsync(Guid runId, bool final, CancellationToken cancellationToken)
    {
        try
        {
            var ended = await store.TryFinishRunAsync(runId, time.UtcNowMicroseconds(), final, outbox.PendingPairs(runId), outbox.SetAsidePairs(runId), cancellationToken);
            if (ended is not { } e) return null;
            ProbeMetrics.RecordRunEnded(e.Status);
            if (e.Status == RunStatus.Incomplete)
                logger.LogError("Run {Run} incomplete: {Count} planned pair(s) without a result: {Missing}", runId, e.Missing.Count, string.Join("; ", e.Missing.Take(20)));
            else logger.LogInformation("Run {Run} completed", runId);
            // Alerts judge the run by the definitions it was planned with (its portals, its catalogue).
            var run = await store.GetRunHeaderAsync(runId, cancellationToken);
            var snapshot = run is null ? null : await definitions.ForRunAsync(run, cancellationToken);
            var (selection, _, loaded, _) = snapshot is null ? new ProbeDataLoader.SelectionResult(null, [], [], null) : data.Select(snapshot, [], []);
            var messages = await alerts.EvaluateAsync(runId, loaded, selection?.Indicators ?? []);
            foreach (var message in messages) logger.LogInformation("Run {Run}: {Message}", runId, message);
            return new(e.Status, e.Missing, messages);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be down; the outbox flusher (or the next `zhangban run`) tries again when results arrive.
            logger.LogWarning("Run {Run} not completed yet: {Problem}", runId, ex.GetBaseException().Message);
            return null;
        }
    }
}
