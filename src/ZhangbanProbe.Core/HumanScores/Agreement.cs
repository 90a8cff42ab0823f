namespace ZhangbanProbe.Core.HumanScores;

/// <summary>Rank agreement between human and machine across platforms.</summary>
public sealed record AgreementResult(int N, double? Rho, string Warning)
{
    /// <summary>95 % bootstrap interval of ρ (percentile method), with the resample count and seed it was drawn with.</summary>
    public (double Low, double High)? Interval { get; init; }
    public int Resamples { get; init; }
    public int Seed { get; init; }

    public string IntervalText => Interval is { } ci
        ? $"95% CI [{ci.Low.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}, {ci.High.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}] ({Resamples} bootstrap resamples, seed {Seed})"
        : "";
}

public static class Agreement
{
    /// <summary>Below this many platforms a rank correlation means nothing; it is shown with a warning.</summary>
    public const int MinimumN = 5;

    /// <summary>Spearman's rank correlation: Pearson correlation of average ranks (ties get the mean rank).</summary>
    public static AgreementResult Spearman(IReadOnlyList<(double Human, double Machine)> pairs)
    {
        var n = pairs.Count;
        if (n < 2) return new(n, null, $"n = {n}: no correlation can be computed");
        var rx = Ranks(pairs.Select(p => p.Human).ToArray());
        var ry = Ranks(pairs.Select(p => p.Machine).ToArray());
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        if (sxx == 0 || syy == 0) return new(n, null, "all values tie on one side: no correlation can be computed");
        var rho = sxy / Math.Sqrt(sxx * syy);
        var warning = n < MinimumN ? $"n = {n} is too small for the correlation to mean anything (at least {MinimumN} platforms are needed)" : "";
        return new(n, Math.Round(rho, 4), warning);
    }

    /// <summary>The resample count and seed every bootstrap interval uses (stated in the output, so anyone can redo it).</summary>
    public const int BootstrapResamples = 1000;
    public const int BootstrapSeed = 20251129;

    /// <summary>Spearman's ρ with a 95 % percentile bootstrap interval (resampling platforms with replacement; fixed seed).</summary>
    public static AgreementResult SpearmanWithInterval(IReadOnlyList<(double Human, double Machine)> pairs, int resamples = BootstrapResamples, int seed = BootstrapSeed)
    {
        var result = Spearman(pairs);
        if (result.Rho is null || pairs.Count < 3) return result;
        var random = new Random(seed);
        var rhos = new List<double>(resamples);
        var sample = new (double, double)[pairs.Count];
        for (var b = 0; b < resamples; b++)
        {
            for (var i = 0; i < sample.Length; i++) sample[i] = pairs[random.Next(pairs.Count)];
            if (Spearman(sample).Rho is { } r) rhos.Add(r);
        }
        if (rhos.Count < resamples / 2) return result;
        rhos.Sort();
        double At(double q) => rhos[Math.Clamp((int)Math.Floor(q * (rhos.Count - 1)), 0, rhos.Count - 1)];
        return result with { Interval = (Math.Round(At(0.025), 4), Math.Round(At(0.975), 4)), Resamples = resamples, Seed = seed };
    }

    /// <summary>1-based ranks, ascending, ties averaged.</summary>
    public static double[] Ranks(double[] values)
    {
        var order = values.Select((v, i) => (v, i)).OrderBy(t => t.v).ToArray();
        var ranks = new double[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && order[j + 1].v == order[i].v) j++;
            var avg = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++) ranks[order[k].i] = avg;
            i = j + 1;
        }
        return ranks;
    }
}
