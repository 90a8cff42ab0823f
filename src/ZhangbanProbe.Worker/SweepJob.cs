using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Runs;

namespace ZhangbanProbe.Worker;

/// <summary>
/// A scheduled sweep: all portals of the group, from this vantage point, in one window. The cron trigger fires on
/// exactly one worker of the cluster; the run id is derived from the sweep name and scheduled fire time, so a
/// recovered or repeated firing finds the same run instead of starting a second one.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SweepJob(RunPipeline pipeline, RunScheduler scheduler, IOptions<ScheduleOptions> options, ILogger<SweepJob> logger) : IJob
{
    public const string Group = "sweep";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.JobDetail.Key.Name;
        if (!options.Value.Sweeps.TryGetValue(name, out var sweep)) return;
        var fireTime = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var runId = RunIdFor(name, fireTime);

        var plan = await pipeline.PlanAsync(new RunRequest
        {
            RunId = runId,
            IndicatorIds = sweep.Indicators,
            Trigger = RunTriggers.Schedule(name),
            Include = p => sweep.Group == "*" || string.Equals(p.Group, sweep.Group, StringComparison.OrdinalIgnoreCase),
        }, cancellationToken);
        if (!plan.IsValid)
        {
            logger.LogError("Sweep {Sweep} skipped: {Errors}", name, string.Join("; ", plan.Errors));
            return;
        }
        await scheduler.EnqueueAsync(plan.Run!, sweep.Spread, cancellationToken);
        logger.LogInformation("Sweep {Sweep} fired for {Time}: run {Run}, {Portals} portals × {Indicators} indicators", name, fireTime, runId, plan.Run!.PortalIds.Count, plan.Run.IndicatorIds.Count);
    }

    /// <summary>Deterministic run id of one firing of one sweep (name-based UUID, version 5 layout).</summary>
    public static Guid RunIdFor(string sweep, DateTimeOffset scheduledFireTimeUtc)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"zhangban-sweep:{sweep}:{scheduledFireTimeUtc.UtcTicks}"));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
