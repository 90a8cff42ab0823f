using ZhangbanProbe.Core.Alerts;

namespace ZhangbanProbe.Tests.Alerts;

[Trait("Category", "Unit")]
public class TimingRegressionTests
{
    [Fact]
    public void Mann_whitney_exact_p_values_match_hand_computation()
    {
        // All of x above all of y: P(U = n·m) = 1 / C(n+m, n).
        Assert.Equal(1.0 / 20, TimingRegression.MannWhitneyGreaterP([4, 5, 6], [1, 2, 3]), 10);
        Assert.Equal(1.0 / 680, TimingRegression.MannWhitneyGreaterP([100, 101, 102], Enumerable.Range(1, 14).Select(i => (double)i).ToList()), 10);
        // x = {2, 4}, y = {1, 3}: U = 3 of 4; arrangements with U ≥ 3: {U=3, U=4} = 2 of C(4,2) = 6.
        Assert.Equal(2.0 / 6, TimingRegression.MannWhitneyGreaterP([2, 4], [1, 3]), 10);
        // Ties count half: identical samples give p = 1 - P(U < n·m/2).
        Assert.InRange(TimingRegression.MannWhitneyGreaterP([5, 5], [5, 5]), 0.5, 1.0);
    }

    [Fact]
    public void A_tripled_latency_over_three_nights_regresses()
    {
        var baseline = new double[] { 800, 820, 790, 805, 830, 780, 810, 795, 815, 800, 790, 820, 805, 810 };
        var v = TimingRegression.Evaluate([.. baseline, 2400, 2450, 2380], new TimingRules());
        Assert.True(v.Regressed, v.Explanation);
        Assert.Equal(805, v.BaselineMedian);
        Assert.Equal(2400, v.RecentMedian);
    }

    [Fact]
    public void Twenty_percent_noise_never_regresses()
    {
        var rng = new Random(42);
        for (var trial = 0; trial < 200; trial++)
        {
            var series = Enumerable.Range(0, 17).Select(_ => 800 * (0.8 + rng.NextDouble() * 0.4)).ToList();
            Assert.False(TimingRegression.Evaluate(series, new TimingRules()).Regressed);
        }
        // Even the worst case: the three noisiest-high nights after the quietest baseline.
        var worst = Enumerable.Repeat(640.0, 14).Concat(Enumerable.Repeat(960.0, 3)).ToList();
        Assert.False(TimingRegression.Evaluate(worst, new TimingRules()).Regressed);
    }

    [Fact]
    public void Too_little_history_says_so()
    {
        var v = TimingRegression.Evaluate([100, 5000], new TimingRules());
        Assert.False(v.Regressed);
        Assert.Contains("not enough history", v.Explanation);
    }

    [Fact]
    public void A_small_absolute_increase_is_not_an_effect()
    {
        // 40 → 90 ms is 2.25× and significant, but under the 200 ms minimum: not worth waking anyone.
        var v = TimingRegression.Evaluate([.. Enumerable.Repeat(40.0, 14), 90, 91, 92], new TimingRules());
        Assert.False(v.Regressed);
        Assert.True(v.PValue < 0.01);
    }

    [Fact]
    public void A_slow_portal_whose_test_loses_certainty_is_still_slow_and_does_not_resolve()
    {
        // Eight baseline nights, one of them a noisy 2.3 s; then three nights at about 2.2 s: not significant any more,
        // but plainly still slow — the open incident must not flap to "recovered".
        double[] nights = [800, 820, 790, 2300, 810, 805, 800, 815, 2200, 2250, 2180];
        var v = TimingRegression.Evaluate(nights, new TimingRules(BaselineRuns: 8, RecentRuns: 3));
        Assert.False(v.Regressed);
        Assert.True(v.StillSlow);
        var back = TimingRegression.Evaluate([800, 820, 790, 810, 805, 800, 815, 810, 830, 790, 805], new TimingRules(BaselineRuns: 8, RecentRuns: 3));
        Assert.False(back.StillSlow); // back to normal: resolves
    }
}
