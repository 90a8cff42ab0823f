using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Probing.Browser;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Application.Runs;

/// <summary>Exit codes: 0 the run completed (whatever the portals did), 1 the run could not happen or could not do all it
/// planned (incomplete, or results waiting in the outbox), 2 bad input.</summary>
public sealed record RunReport(int ExitCode, ProbeRun? Run, IReadOnlyList<string> Messages, IReadOnlyList<PortalManifest> Portals);

/// <summary>
/// A run in this process, now (`zhangban run`): checks that a browser and the store are there, then plans, executes
/// and completes through the one <see cref="RunPipeline"/> sweeps and API runs use.
/// </summary>
public sealed class RunService(RunPipeline pipeline, BrowserSession browser, ProbeStore store, ResultOutbox outbox)
{
    public async Task<RunReport> RunAsync(RunRequest request, Action<ProbeResult, int, int>? progress, CancellationToken cancellationToken)
    {
        // Input first: manifest, catalogue or selection problems are exit 2, and nothing runs or is stored.
        var chosen = pipeline.Choose(request);
        if (chosen.Selection is null) return new(2, null, chosen.Errors, chosen.Portals);
        // Then the run must be able to happen: a browser and a store (exit 1).
        try { browser.EnsureAvailable(); }
        catch (BrowserNotFoundException ex) { return new(1, null, [ex.Message], chosen.Portals); }
        try { await store.MigrateAsync(cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new(1, null, [$"the result store ({store.Describe()}) is unreachable: {ex.GetBaseException().Message}"], chosen.Portals);
        }
        var plan = await pipeline.RecordAsync(request, chosen, cancellationToken);

        // Results an earlier run could not write (database down) go in first, and complete their runs.
        foreach (var earlier in await outbox.FlushAsync(cancellationToken))
            await pipeline.TryCompleteAsync(earlier, final: false, cancellationToken);

        var execution = await pipeline.ExecuteAsync(plan.Run!, null, progress, cancellationToken);
        var messages = execution.NotStored.Select(f => "not stored: " + f).ToList();
        if (execution.Cancelled)
        {
            try { await pipeline.CancelAsync(plan.Run!.Id); }
            catch (Exception ex) { messages.Add($"run {plan.Run!.Id}: {ex.GetBaseException().Message}"); }
        }
        // This process was the run's only worker: whatever has no result now never will (final).
        else if (await pipeline.TryCompleteAsync(plan.Run!.Id, final: true, CancellationToken.None) is { } ending) messages.AddRange(ending.Messages);

        var finished = await TryGetAsync(plan.Run!.Id);
        var run = finished ?? plan.Run!;
        // What is reported is what is stored: a result the database set aside is named among the missing pairs, not shown as a result.
        var aside = run.Missing.Select(m => (m.PortalId, m.IndicatorId)).ToHashSet();
        run = run with { Results = execution.Results.Where(r => !aside.Contains((r.PortalId, r.IndicatorId))).ToList() };
        if (run.Status == RunStatus.Incomplete)
        {
            messages.Add($"run {run.Id} is incomplete: {run.Missing.Count} planned pair(s) without a stored result:");
            messages.AddRange(run.Missing.Select(m => "  missing: " + m));
        }
        // 0 only when the run did all it planned: holes (incomplete) or results not yet stored are exit 1.
        var exit = execution.NotStored.Count > 0 || run.Status == RunStatus.Incomplete ? 1 : 0;
        return new(exit, run, messages, plan.Portals);
    }

    private async Task<ProbeRun?> TryGetAsync(Guid runId)
    {
        try { return await store.GetRunAsync(runId, CancellationToken.None); }
        catch (Exception) { return null; } // the database went away: report what was measured
    }
}
