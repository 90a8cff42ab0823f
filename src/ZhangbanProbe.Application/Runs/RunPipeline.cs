using Microsoft.Extensions.Logging;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Application.Definitions;

namespace ZhangbanProbe.Application.Runs;

/// <summary>What a caller asks for: which portals and indicators, and what started the run.</summary>
public sealed record RunRequest
{
    public IReadOnlyCollection<string> PortalIds { get; init; } = [];
    public IReadOnlyCollection<string> IndicatorIds { get; init; } = [];
    public string Trigger { get; init; } = RunTriggers.Cli;
    /// <summary>Portals to use instead of the manifest folder (the replica sweep): they become the run's snapshot with the current catalogue.</summary>
    public IReadOnlyList<PortalManifest>? Portals { get; init; }
    /// <summary>Narrows "all portals" (a sweep's group).</summary>
    public Func<PortalManifest, bool>? Include { get; init; }
    /// <summary>A run id decided by the caller (a sweep's firing); default: a new one.</summary>
    public Guid? RunId { get; init; }
}

/// <summary>A planned run, or why it cannot be planned (manifest or catalogue problems, unknown ids: bad input).</summary>
public sealed record RunPlan(ProbeRun? Run, IReadOnlyList<string> Errors, IReadOnlyList<PortalManifest> Portals)
{
    public bool IsValid => Run is not null;
}

/// <summary>What one execution did: the results it measured, and those the database could not take yet.</summary>
public sealed record RunExecution(IReadOnlyList<ProbeResult> Results, IReadOnlyList<string> NotStored, IReadOnlyList<PortalManifest> Portals, bool Cancelled);

/// <summary>
/// The one run pipeline, for `zhangban run`, scheduled sweeps, API runs and resumed runs alike:
/// <list type="number">
/// <item><b>plan</b>: choose the pairs and record the run (its portal and indicator ids) once;</item>
/// <item><b>execute</b>: probe the run's pairs that have no result yet (all of them, or one portal's — a worker's
/// portal job), storing each result as it arrives (the local outbox when the database is down);</item>
/// <item><b>complete</b>: whoever stores the last result completes the run and evaluates alerts, once
/// (<see cref="RunCompletion"/>).</item>
/// </list>
/// Quartz jobs carry only a run id and a portal id: everything else is read back from the stored plan.
/// </summary>
public sealed class RunPipeline(ProbeDataLoader data, DefinitionsStore definitions, ProbeRunner runner, ProbeStore store, ResultOutbox outbox, RunCompletion completion,
    TimeProvider time, ILogger<RunPipeline> logger)
{
    /// <summary>Chooses the pairs and records the run. Idempotent for a given <see cref="RunRequest.RunId"/>: a
    /// repeated or recovered sweep firing finds its run.</summary>
    public async Task<RunPlan> PlanAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var chosen = Choose(request);
        return chosen.Selection is null ? new(null, chosen.Errors, chosen.Portals) : await RecordAsync(request, chosen, cancellationToken);
    }

    /// <summary>The pairs a request asks for, or why it cannot run (bad input), from the current definitions (with the
    /// request's own portals instead of the folder's when it brings them): the snapshot the run will keep.</summary>
    public ProbeDataLoader.SelectionResult Choose(RunRequest request)
    {
        var chosen = definitions.Select(request.PortalIds, request.IndicatorIds, request.Portals, request.Include);
        return chosen.Selection is { Portals.Count: 0 }
            ? chosen with { Selection = null, Errors = ["no portal to probe (the selection or the sweep's group is empty)"] }
            : chosen;
    }

    /// <summary>Records the chosen pairs as a run, once, with the definitions snapshot they were chosen from.</summary>
    public async Task<RunPlan> RecordAsync(RunRequest request, ProbeDataLoader.SelectionResult chosen, CancellationToken cancellationToken)
    {
        var selection = chosen.Selection ?? throw new ArgumentException("nothing was chosen", nameof(chosen));
        var run = new ProbeRun
        {
            Id = request.RunId ?? Guid.CreateVersion7(),
            StartedAtUtc = time.UtcNowMicroseconds(),
            Trigger = request.Trigger,
            PortalIds = selection.Portals.Select(p => p.Id).ToList(),
            IndicatorIds = selection.Indicators.Select(i => i.ProbeKey).ToList(),
            DefinitionsHash = chosen.Definitions?.Hash,
        };
        await store.BeginRunAsync(run, chosen.Definitions?.Json, cancellationToken);
        // A recovered sweep firing finds the run recorded by its first attempt.
        var stored = request.RunId is null ? null : await store.GetRunHeaderAsync(run.Id, cancellationToken);
        return new(stored ?? run, [], selection.Portals);
    }

    /// <summary>
    /// Probes the pairs of <paramref name="run"/> (only <paramref name="portalId"/>'s when given) that have no result
    /// stored or waiting in this machine's outbox, with the definitions the run was planned with.
    /// </summary>
    public async Task<RunExecution> ExecuteAsync(ProbeRun run, string? portalId, Action<ProbeResult, int, int>? progress, CancellationToken cancellationToken)
    {
        var snapshot = await definitions.ForRunAsync(run, cancellationToken);
        if (snapshot is null)
        {
            logger.LogError("Run {Run}{Portal} cannot be executed: its definitions {Hash} are not in the store", run.Id, portalId is null ? "" : $" portal {portalId}", run.DefinitionsHash);
            return new([], [$"not probed: the run's definitions {run.DefinitionsHash} are not in the store"], [], false);
        }
        var (selection, errors, loaded, _) = data.Select(snapshot, portalId is null ? run.PortalIds : [portalId], run.IndicatorIds);
        if (selection is null)
        {
            logger.LogError("Run {Run}{Portal} cannot be executed: {Errors}", run.Id, portalId is null ? "" : $" portal {portalId}", string.Join("; ", errors));
            return new([], errors.Select(e => "not probed: " + e).ToList(), loaded, false);
        }

        var done = await store.StoredPairsAsync(run.Id, cancellationToken);
        done.UnionWith(outbox.PendingPairs(run.Id));
        var work = selection.Portals.SelectMany(p => selection.Indicators.Select(i => new ProbeWork(p, i)))
            .Where(w => !done.Contains((w.Portal.Id, w.Entry.ProbeKey))).ToList();

        var count = 0;
        var notStored = new List<string>();
        IReadOnlyList<ProbeResult> results = [];
        var cancelled = false;
        try
        {
            results = await runner.RunAsync(run.Id, work, async r =>
            {
                // Never lost: when the database fails, the result waits in the local outbox.
                if (!await outbox.SaveAsync(r, CancellationToken.None))
                    lock (notStored) notStored.Add($"{r.PortalId}/{r.IndicatorId}: database unreachable; queued in the outbox ({outbox.Directory}), written by the next run or by serve");
                progress?.Invoke(r, Interlocked.Increment(ref count), work.Count);
            }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }
        var ordered = results.OrderBy(r => work.FindIndex(w => w.Portal.Id == r.PortalId && w.Entry.ProbeKey == r.IndicatorId)).ToList();
        return new(ordered, notStored, portalId is null ? selection.Portals : loaded, cancelled);
    }

    /// <summary>Ends the run when every pair has a result, or (<paramref name="final"/>: its work has ended) as incomplete
    /// naming the pairs without one — once, whoever gets there first; null when not ended by this call.</summary>
    public Task<RunEnding?> TryCompleteAsync(Guid runId, bool final, CancellationToken cancellationToken) =>
        completion.TryCompleteAsync(runId, final, cancellationToken);

    /// <summary>The planned pairs of a run (or of one portal of it) that have no stored result and none waiting in this machine's outbox.</summary>
    public async Task<IReadOnlyList<(string Portal, string Indicator)>> UnmeasuredPairsAsync(ProbeRun run, string? portalId, CancellationToken cancellationToken)
    {
        var done = await store.StoredPairsAsync(run.Id, cancellationToken);
        done.UnionWith(outbox.PendingPairs(run.Id));
        done.UnionWith(outbox.SetAsidePairs(run.Id).Keys);
        return (portalId is null ? run.PortalIds : [portalId]).SelectMany(p => run.IndicatorIds.Select(i => (p, i))).Where(x => !done.Contains(x)).ToList();
    }

    /// <summary>Marks a run stopped before all its pairs were probed (the operator pressed Ctrl+C).</summary>
    public Task CancelAsync(Guid runId) => store.CompleteRunAsync(runId, time.UtcNowMicroseconds(), RunStatus.Cancelled, CancellationToken.None);
}
