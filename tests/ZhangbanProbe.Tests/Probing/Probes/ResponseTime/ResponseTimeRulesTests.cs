using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Probing.Probes.ResponseTime;

namespace ZhangbanProbe.Tests.Probes.ResponseTime;

[Trait("Category", "Unit")]
public class ResponseTimeRulesTests
{
    private static readonly ResponseTimeSettings Budget = new() { LoadBudget = TimeSpan.FromSeconds(3), LcpBudget = TimeSpan.FromMilliseconds(2500), Loads = 3 };

    private static LoadTiming T(double load, double? lcp = null) => new(load / 4, load / 2, load, lcp, lcp);

    [Fact]
    public void The_median_decides_so_one_slow_outlier_does_not_degrade()
    {
        var o = ResponseTimeRules.Decide([T(900), T(9000), T(1100)], Budget);
        Assert.Equal(Outcome.Pass, o.Outcome);
        Assert.Equal(Reason.WithinBudget, o.Reason);
        Assert.Equal(1100, o.Value);
        Assert.Equal("ms", o.Unit);
    }

    [Fact]
    public void Over_the_load_budget_is_degraded_with_the_numbers_in_the_detail()
    {
        var o = ResponseTimeRules.Decide([T(3200), T(3400), T(3300)], Budget);
        Assert.Equal(Outcome.Degraded, o.Outcome);
        Assert.Equal(Reason.OverBudget, o.Reason);
        Assert.Contains("median load 3300 ms > budget 3000 ms", o.Detail);
    }

    [Fact]
    public void Exactly_on_budget_passes() =>
        Assert.Equal(Outcome.Pass, ResponseTimeRules.Decide([T(3000)], Budget).Outcome);

    [Fact]
    public void A_slow_largest_paint_degrades_even_when_load_is_fast()
    {
        var o = ResponseTimeRules.Decide([T(1000, 2600), T(1000, 2700), T(1000, 2800)], Budget);
        Assert.Equal(Outcome.Degraded, o.Outcome);
        Assert.Contains("LCP 2700", o.Detail);
    }

    [Fact]
    public void All_named_measurements_are_medians()
    {
        var o = ResponseTimeRules.Decide([T(400, 500), T(800, 900), T(600, 700)], Budget);
        var m = o.Measurements.ToDictionary(x => x.Name, x => x.Value);
        Assert.Equal(150, m["ttfb_ms"]);
        Assert.Equal(300, m["dcl_ms"]);
        Assert.Equal(600, m["load_ms"]);
        Assert.Equal(700, m["lcp_ms"]);
        Assert.Equal(3, m["loads"]);
    }

    [Fact]
    public void Median_of_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, Statistics.Median([4, 1, 3, 2]));
        Assert.Null(Statistics.Median([]));
        Assert.Equal(1, Statistics.MedianAbsoluteDeviation([1, 2, 3, 4, 100]));
    }
}
