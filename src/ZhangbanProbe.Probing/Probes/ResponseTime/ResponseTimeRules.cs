using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Core.Timing;

namespace ZhangbanProbe.Probing.Probes.ResponseTime;

/// <summary>One cold load's timings from Navigation Timing and paint entries, in ms from navigation start.</summary>
public sealed record LoadTiming(double Ttfb, double DomContentLoaded, double Load, double? FirstContentfulPaint, double? LargestContentfulPaint);

/// <summary>Pure decision over timing samples: medians, then pass within budget or degraded over it.</summary>
public static class ResponseTimeRules
{
    public static ProbeObservation Decide(IReadOnlyList<LoadTiming> samples, ResponseTimeSettings budget)
    {
        if (samples.Count == 0) throw new ArgumentException("at least one sample is needed", nameof(samples));
        var ttfb = Statistics.Median(samples.Select(s => s.Ttfb))!.Value;
        var dcl = Statistics.Median(samples.Select(s => s.DomContentLoaded))!.Value;
        var load = Statistics.Median(samples.Select(s => s.Load))!.Value;
        var fcp = Statistics.Median(samples.Where(s => s.FirstContentfulPaint is not null).Select(s => s.FirstContentfulPaint!.Value));
        var lcp = Statistics.Median(samples.Where(s => s.LargestContentfulPaint is not null).Select(s => s.LargestContentfulPaint!.Value));

        var measurements = new List<Measurement>
        {
            new("ttfb_ms", Math.Round(ttfb, 1), "ms"),
            new("dcl_ms", Math.Round(dcl, 1), "ms"),
            new("load_ms", Math.Round(load, 1), "ms"),
            new("loads", samples.Count, "count"),
        };
        if (fcp is not null) measurements.Add(new("fcp_ms", Math.Round(fcp.Value, 1), "ms"));
        if (lcp is not null) measurements.Add(new("lcp_ms", Math.Round(lcp.Value, 1), "ms"));

        var over = new List<string>();
        if (load > budget.LoadBudget.TotalMilliseconds) over.Add($"median load {load:0} ms > budget {budget.LoadBudget.TotalMilliseconds:0} ms");
        if (lcp is not null && lcp > budget.LcpBudget.TotalMilliseconds) over.Add($"median LCP {lcp:0} ms > budget {budget.LcpBudget.TotalMilliseconds:0} ms");

        var summary = $"median of {samples.Count} cold loads: TTFB {ttfb:0} ms, DOMContentLoaded {dcl:0} ms, load {load:0} ms" +
                      (lcp is null ? "" : $", LCP {lcp:0} ms");
        return new ProbeObservation
        {
            Outcome = over.Count == 0 ? Outcome.Pass : Outcome.Degraded,
            Reason = over.Count == 0 ? Reason.WithinBudget : Reason.OverBudget,
            Value = Math.Round(load, 1),
            Unit = "ms",
            Detail = over.Count == 0 ? summary : string.Join("; ", over) + " (" + summary + ")",
            Measurements = measurements,
        };
    }
}
