namespace ZhangbanProbe.Core.Alerts;

/// <summary>
/// Timing regression rules. Defaults: the last 3 nights against the 14 before them; a one-sided Mann–Whitney U
/// p &lt; 0.01 and at least 1.75× the baseline median and +200 ms, so noise never alerts.
/// </summary>
public sealed record TimingRules(int BaselineRuns = 14, int RecentRuns = 3, double Alpha = 0.01, double MinRatio = 1.75, double MinIncreaseMs = 200);

/// <param name="Regressed">Significantly and substantially slower: opens an incident.</param>
/// <param name="StillSlow">The recent median is still at least the alert level (MinRatio × baseline and + MinIncreaseMs),
/// significant or not: an open incident stays open (it resolves when the slowness is gone, not when one noisy baseline
/// night makes the test less certain — no flapping).</param>
public sealed record TimingVerdict(bool Regressed, double? BaselineMedian, double? RecentMedian, double? PValue, string Explanation, bool StillSlow = false);

/// <summary>Pure statistical test of a timing series against the portal's own baseline.</summary>
public static class TimingRegression
{
    public static TimingVerdict Evaluate(IReadOnlyList<double> valuesOldestFirst, TimingRules rules)
    {
        if (valuesOldestFirst.Count < rules.RecentRuns + Math.Max(3, rules.BaselineRuns / 2))
            return new(false, null, null, null, $"not enough history ({valuesOldestFirst.Count} values)");
        var recent = valuesOldestFirst.TakeLast(rules.RecentRuns).ToArray();
        var baseline = valuesOldestFirst.SkipLast(rules.RecentRuns).TakeLast(rules.BaselineRuns).ToArray();
        var bMed = Timing.Statistics.Median(baseline)!.Value;
        var rMed = Timing.Statistics.Median(recent)!.Value;
        var p = MannWhitneyGreaterP(recent, baseline);
        var ratio = bMed > 0 ? rMed / bMed : double.PositiveInfinity;
        var large = ratio >= rules.MinRatio && rMed - bMed >= rules.MinIncreaseMs;
        var regressed = p < rules.Alpha && large;
        return new(regressed, bMed, rMed, p,
            $"median of last {recent.Length}: {rMed:0} ms vs baseline {bMed:0} ms over {baseline.Length} runs ({ratio:0.00}×, Mann–Whitney p={p:0.0000})", large);
    }

    /// <summary>
    /// Exact one-sided p-value that sample <paramref name="x"/> tends to be larger than <paramref name="y"/>:
    /// P(U ≥ u_observed) under H0, ties counted as half.
    /// </summary>
    public static double MannWhitneyGreaterP(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count, m = y.Count;
        // U counts pairs with x > y (ties 1/2); doubled to stay integral.
        var u2 = 0;
        foreach (var a in x) foreach (var b in y) u2 += a > b ? 2 : a == b ? 1 : 0;
        // Distribution of U for n, m without ties by dynamic programming over counts.
        var maxU = n * m;
        var counts = CountU(n, m);
        double total = counts.Sum(), tail = 0;
        for (var u = 0; u <= maxU; u++)
            if (2 * u >= u2) tail += counts[u];
        return tail / total;
    }

    private static double[] CountU(int n, int m)
    {
        // f[i][j][u]: number of arrangements of i x's and j y's with U = u.
        var f = new double[n + 1, m + 1][];
        for (var i = 0; i <= n; i++)
        for (var j = 0; j <= m; j++)
        {
            var arr = new double[i * j + 1];
            if (i == 0 || j == 0) arr[0] = 1;
            else
            {
                // The largest element is an x (beats all j y's) or a y.
                var withX = f[i - 1, j];
                for (var u = 0; u < withX.Length; u++) arr[u + j] += withX[u];
                var withY = f[i, j - 1];
                for (var u = 0; u < withY.Length; u++) arr[u] += withY[u];
            }
            f[i, j] = arr;
        }
        return f[n, m];
    }
}
