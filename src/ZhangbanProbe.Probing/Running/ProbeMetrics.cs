using System.Diagnostics;
using System.Diagnostics.Metrics;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Probing.Running;

/// <summary>The probe metrics (meter <c>ZhangbanProbe</c>), exported by `serve` on /metrics (Prometheus).</summary>
public static class ProbeMetrics
{
    public const string MeterName = "ZhangbanProbe";
    public static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Probes = Meter.CreateCounter<long>("zhangban.probes", "{probe}", "Probes run, by indicator, outcome and reason");
    private static readonly Histogram<double> Durations = Meter.CreateHistogram<double>("zhangban.probe.duration", "s", "Time to probe one (portal, indicator), retries included");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("zhangban.probe.retries", "{attempt}", "Extra attempts after transient failures");

    private static readonly Counter<long> RunsEnded = Meter.CreateCounter<long>("zhangban.runs.ended", "{run}", "Runs this process ended, by status (completed, incomplete)");
    private static readonly Counter<long> Incomplete = Meter.CreateCounter<long>("zhangban.runs.incomplete", "{run}", "Runs this process ended incomplete: planned pairs without a stored result");

    /// <summary>A run this process ended (completed or incomplete).</summary>
    public static void RecordRunEnded(ZhangbanProbe.Core.Runs.RunStatus status)
    {
        RunsEnded.Add(1, new TagList { { "status", ZhangbanProbe.Core.StateCode.Of(status) } });
        if (status == ZhangbanProbe.Core.Runs.RunStatus.Incomplete) Incomplete.Add(1);
    }

    public static void Record(ProbeResult result)
    {
        var tags = new TagList { { "indicator", result.IndicatorId }, { "outcome", result.Outcome.ToCode() }, { "reason", result.Reason.ToCode() } };
        Probes.Add(1, tags);
        Durations.Record(result.Duration.TotalSeconds, new TagList { { "indicator", result.IndicatorId }, { "outcome", result.Outcome.ToCode() } });
        if (result.Attempts > 1) Retries.Add(result.Attempts - 1, new TagList { { "indicator", result.IndicatorId } });
    }
}
