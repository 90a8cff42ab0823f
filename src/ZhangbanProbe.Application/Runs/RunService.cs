using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Probing.Browser;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Application.Runs;

/// <summary>What a caller asks for: which portals and indicators, and what started the run.</summary>
public sealed record RunRequest
{
    public IReadOnlyCollection<string> PortalIds { get; init; } = [];
    public IReadOnlyCollection<string> IndicatorIds { get; init; } = [];
    public string Trigger { get; init; } = "cli";
    /// <summary>Portals to use instead of the manifest folder (the replica sweep).</summary>
    public IReadOnlyList<PortalManifest>? Portals { get; init; }
    public Guid? RunId { get; init; }
}

/// <summary>Exit codes: 0 the run completed (whatever the portals did), 1 the run could not happen, 2 bad input.</summary>
public sealed record RunReport(int ExitCode, ProbeRun? Run, IReadOnlyList<string> Messages, IReadOnlyList<PortalManifest> Portals);

/// <summary>
/// The run pipeline: validate input, check the browser and the store, then probe and store each result as it
/// arrives. Shared by `zhangban run` and the service.
/// </summary>
public sealed class RunService(
    ProbeDataLoader data,
    ProbeRunner runner,
    BrowserSession browser,
    ProbeStore store,
    ResultOutbox outbox,
    TimeProvider time,
    RunAlerts alerts)
{
    public async Task<RunReport> RunAsync(RunRequest request, Action<ProbeResult, int, int>? progress, CancellationToken cancellationToken)
    {
        // 1. Input: manifests, catalogue, selection. Any problem: exit 2, nothing runs.
        var (selection, errors, portals) = data.Select(request.PortalIds, request.IndicatorIds, request.Portals);
        if (selection is null) return new(2, null, errors, portals);

        // 2. The run must be able to happen: a browser and a store.
        try { browser.EnsureAvailable(); }
        catch (BrowserNotFoundException ex) { return new(1, null, [ex.Message], portals); }
        try { await store.MigrateAsync(cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new(1, null, [$"the result store ({store.Describe()}) is unreachable: {ex.GetBaseException().Message}"], portals);
        }

        // Results an earlier run could not write (database down) go in first.
        await outbox.FlushAsync(cancellationToken);

        // 3. Probe, storing each result as it arrives.
        var run = new ProbeRun
        {
            Id = request.RunId ?? Guid.CreateVersion7(),
            StartedAtUtc = time.UtcNowMicroseconds(),
            Trigger = request.Trigger,
            PortalIds = selection.Portals.Select(p => p.Id).ToList(),
            IndicatorIds = selection.Indicators.Select(i => i.ProbeKey).ToList(),
        };
        await store.BeginRunAsync(run, cancellationToken);

        var work = selection.Portals.SelectMany(p => selection.Indicators.Select(i => new ProbeWork(p, i))).ToList();
        var done = 0;
        var storeFailures = new List<string>();
        var status = "completed";
        IReadOnlyList<ProbeResult> results = [];
        try
        {
            results = await runner.RunAsync(run.Id, work, async r =>
            {
                // Never lost: when the database fails, the result waits in the local outbox.
                if (!await outbox.SaveAsync(r, CancellationToken.None))
                    lock (storeFailures) storeFailures.Add($"{r.PortalId}/{r.IndicatorId}: database unreachable; queued in the outbox ({outbox.Directory}), written by the next run or by serve");
                progress?.Invoke(r, Interlocked.Increment(ref done), work.Count);
            }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            status = "cancelled";
        }

        var finished = time.UtcNowMicroseconds();
        try { await store.CompleteRunAsync(run.Id, finished, status, CancellationToken.None); }
        catch (Exception ex) { storeFailures.Add($"run {run.Id}: {ex.GetBaseException().Message}"); }

        var ordered = results.OrderBy(r => work.FindIndex(w => w.Portal.Id == r.PortalId && w.Entry.ProbeKey == r.IndicatorId)).ToList();
        var completed = run with { FinishedAtUtc = finished, Status = status, Results = ordered };
        var messages = storeFailures.Select(f => "not stored: " + f).ToList();
        if (status == "completed" && storeFailures.Count == 0)
            messages.AddRange(await alerts.EvaluateAsync(run.Id, selection.Portals, selection.Indicators));
        return new(storeFailures.Count > 0 ? 1 : 0, completed, messages, selection.Portals);
    }
}
