namespace ZhangbanProbe.Core.Timing;

/// <summary>Robust statistics for timing samples. Single runs are noise; medians of several loads are not.</summary>
public static class Statistics
{
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return null;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /// <summary>Median absolute deviation (unscaled).</summary>
    public static double? MedianAbsoluteDeviation(IEnumerable<double> values)
    {
        var list = values.ToList();
        var median = Median(list);
        return median is null ? null : Median(list.Select(v => Math.Abs(v - median.Value)));
    }
}
