using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Runs;

namespace ZhangbanProbe.Core.Results;

/// <summary>A named number a probe measured (e.g. ttfb_ms), kept beside the headline value.</summary>
public sealed record Measurement(string Name, double Value, string Unit);

/// <summary>
/// A piece of evidence a reviewer can be shown: a screenshot file, a URL, observed text. <paramref name="Sha256"/>: the
/// file's hash taken when the probe finished, so anyone can check later that the file shown is the one taken.
/// </summary>
public sealed record EvidenceItem(string Kind, string? Path, string? Url, string? Note = null, string? Sha256 = null);

/// <summary>What one probe observed of one portal. Produced by probes; timing and ids are added by the runner.</summary>
public sealed record ProbeObservation
{
    public required Outcome Outcome { get; init; }
    public required Reason Reason { get; init; }
    public double? Value { get; init; }
    public string? Unit { get; init; }
    /// <summary>Why, in words a province can check (observed text, status, what was missing).</summary>
    public string? Detail { get; init; }
    public IReadOnlyList<Measurement> Measurements { get; init; } = [];
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    /// <summary>The URL chain the probe followed (entry, redirects, final).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    public static ProbeObservation Of(Outcome outcome, Reason reason, string? detail = null) =>
        new() { Outcome = outcome, Reason = reason, Detail = detail };
}

/// <summary>One stored result: a (portal, indicator) pair in a run.</summary>
public sealed record ProbeResult
{
    public required Guid RunId { get; init; }
    public required string PortalId { get; init; }
    public required string IndicatorId { get; init; }
    public required Outcome Outcome { get; init; }
    public required Reason Reason { get; init; }
    public double? Value { get; init; }
    public string? Unit { get; init; }
    public string? Detail { get; init; }
    public required DateTime StartedAtUtc { get; init; }
    public required TimeSpan Duration { get; init; }
    public int Attempts { get; init; } = 1;
    public IReadOnlyList<Measurement> Measurements { get; init; } = [];
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    public IReadOnlyList<string> Urls { get; init; } = [];
    /// <summary>The browser profile the result was taken in: histories are per profile.</summary>
    public BrowserProfile Profile { get; init; } = BrowserProfile.Mobile;
    /// <summary>Who measured it: the worker's machine and process (<c>machine/pid</c>), so a cluster's operator sees how a sweep was shared.</summary>
    public string Worker { get; init; } = "";

    public static ProbeResult From(Guid runId, string portalId, string indicatorId, ProbeObservation o, DateTime startedAtUtc, TimeSpan duration, int attempts = 1) => new()
    {
        RunId = runId,
        PortalId = portalId,
        IndicatorId = indicatorId,
        Outcome = o.Outcome,
        Reason = o.Reason,
        Value = o.Value,
        Unit = o.Unit,
        Detail = o.Detail,
        StartedAtUtc = startedAtUtc,
        Duration = duration,
        Attempts = attempts,
        Measurements = o.Measurements,
        Evidence = o.Evidence,
        Urls = o.Urls,
    };
}

/// <summary>A run: a set of (portal, indicator) probes started together.</summary>
public sealed record ProbeRun
{
    public required Guid Id { get; init; }
    public required DateTime StartedAtUtc { get; init; }
    public DateTime? FinishedAtUtc { get; init; }
    public RunStatus Status { get; init; } = RunStatus.Running;
    /// <summary>The trigger as written (cli, api, replicas, schedule:NAME); read through <see cref="Origin"/>, <see cref="Target"/>, <see cref="Series"/>.</summary>
    public string Trigger { get; init; } = RunTriggers.Cli;
    /// <summary>What started the run.</summary>
    public RunOrigin Origin => RunTriggers.Origin(Trigger);
    /// <summary>Real portals or replicas.</summary>
    public RunTarget Target => RunTriggers.Target(Trigger);
    /// <summary>The sweep whose series the run belongs to (null: ad hoc).</summary>
    public string? Series => RunTriggers.Series(Trigger);
    public IReadOnlyList<string> PortalIds { get; init; } = [];
    public IReadOnlyList<string> IndicatorIds { get; init; } = [];
    public string Machine { get; init; } = Environment.MachineName;
    public IReadOnlyList<ProbeResult> Results { get; init; } = [];
    /// <summary>An incomplete run's planned pairs without a stored result, and why (empty otherwise).</summary>
    public IReadOnlyList<MissingPair> Missing { get; init; } = [];
    /// <summary>The hash of the definitions snapshot the run was planned with (null: a run from before snapshots).</summary>
    public string? DefinitionsHash { get; init; }
}

/// <summary>The identity a worker stamps on what it measures: machine and process.</summary>
public static class WorkerIdentity
{
    public static string Current { get; } = $"{Environment.MachineName}/{Environment.ProcessId}";
}
