namespace ZhangbanProbe.Core.Runs;

/// <summary>Why a planned pair of a run has no stored result.</summary>
public enum MissingCause
{
    /// <summary>No result was ever stored for it (its probe gave none, or its worker lost it).</summary>
    NotProbed,
    /// <summary>Measured, but the database refused the row for good; the result is kept beside its error in the outbox.</summary>
    SetAside,
    /// <summary>Measured and waiting in an outbox for the database: the run completes once it is written.</summary>
    Queued,
}

/// <summary>A planned (portal, indicator) pair of a run without a stored result, and why.</summary>
public sealed record MissingPair(string PortalId, string IndicatorId, MissingCause Cause, string? Detail = null)
{
    /// <summary>One line, as stored and printed: <c>portal/indicator: cause (detail)</c>.</summary>
    public override string ToString() => $"{PortalId}/{IndicatorId}: {StateCode.Of(Cause)}{(string.IsNullOrEmpty(Detail) ? "" : $" ({Detail})")}";

    public static MissingPair Parse(string line)
    {
        var slash = line.IndexOf('/');
        var colon = line.IndexOf(": ", slash + 1, StringComparison.Ordinal);
        if (slash <= 0 || colon < 0) return new(line, "", MissingCause.NotProbed);
        var rest = line[(colon + 2)..];
        var paren = rest.IndexOf(" (", StringComparison.Ordinal);
        var code = paren < 0 ? rest : rest[..paren];
        var detail = paren < 0 ? null : rest[(paren + 2)..].TrimEnd(')');
        return new(line[..slash], line[(slash + 1)..colon], StateCode.TryParse<MissingCause>(code, out var c) ? c : MissingCause.NotProbed, detail);
    }
}

/// <summary>What a run's bookkeeping says once a caller knows its own work has ended.</summary>
public enum RunVerdict
{
    /// <summary>Every planned pair has a stored result.</summary>
    Complete,
    /// <summary>Pairs wait in an outbox (the database is down): not decided until they are written.</summary>
    Waiting,
    /// <summary>Pairs have no result and none is coming (<see cref="RunStatus.Incomplete"/>).</summary>
    Incomplete,
}

/// <summary>
/// The plan checked against what was stored: pure, so that every way a run can end is replayed in unit tests.
/// A run is complete only when every planned pair has a stored result; a pair set aside by the store or never probed
/// makes it incomplete, named; a pair still queued in an outbox keeps it waiting.
/// </summary>
public static class RunAccounting
{
    public sealed record Account(RunVerdict Verdict, IReadOnlyList<MissingPair> Missing);

    public static Account Check(IReadOnlyList<string> portalIds, IReadOnlyList<string> indicatorIds,
        IReadOnlySet<(string Portal, string Indicator)> stored,
        IReadOnlySet<(string Portal, string Indicator)> queued,
        IReadOnlyDictionary<(string Portal, string Indicator), string> setAside)
    {
        var missing = new List<MissingPair>();
        foreach (var p in portalIds.Distinct())
            foreach (var i in indicatorIds.Distinct())
            {
                if (stored.Contains((p, i))) continue;
                if (queued.Contains((p, i))) missing.Add(new(p, i, MissingCause.Queued, "waiting in the outbox for the database"));
                else if (setAside.TryGetValue((p, i), out var error)) missing.Add(new(p, i, MissingCause.SetAside, error));
                else missing.Add(new(p, i, MissingCause.NotProbed, "no result was stored"));
            }
        var verdict = missing.Count == 0 ? RunVerdict.Complete
            : missing.Any(m => m.Cause == MissingCause.Queued) ? RunVerdict.Waiting
            : RunVerdict.Incomplete;
        return new(verdict, missing);
    }
}
