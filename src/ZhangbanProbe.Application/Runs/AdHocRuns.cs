using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Application.Runs;

/// <summary>Where planned runs go to be executed portal by portal (the worker's Quartz scheduler).</summary>
public interface IRunQueue
{
    Task EnqueueAsync(ProbeRun run, TimeSpan spread, CancellationToken cancellationToken);
}

/// <summary>What starting an ad-hoc run gave: the run, or why not (bad input, or too many in progress).</summary>
public sealed record AdHocStart(ProbeRun? Run, IReadOnlyList<string> Errors, bool Busy);

/// <summary>An ad-hoc run (the API's and the dashboard's): planned through the one pipeline, then queued to the workers.</summary>
public sealed class AdHocRuns(RunPipeline pipeline, ProbeStore store, IRunQueue queue)
{
    public async Task<AdHocStart> StartAsync(IReadOnlyCollection<string> portalIds, IReadOnlyCollection<string> indicatorIds, int maxInProgress, CancellationToken ct)
    {
        if (await store.CountRunningAsync(RunOrigin.Api, ct) >= maxInProgress) return new(null, [], true);
        var plan = await pipeline.PlanAsync(new RunRequest { PortalIds = portalIds, IndicatorIds = indicatorIds, Trigger = RunTriggers.Api }, ct);
        if (!plan.IsValid) return new(null, plan.Errors, false);
        await queue.EnqueueAsync(plan.Run!, TimeSpan.Zero, ct);
        return new(plan.Run, [], false);
    }
}
