using ZhangbanProbe.Core.Runs;
namespace ZhangbanProbe.Storage;

// Rows are history: a run and its results are appended, never overwritten.

public sealed class RunRow
{
    public Guid Id { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public RunStatus Status { get; set; } = RunStatus.Running;
    public string Trigger { get; set; } = "cli";
    /// <summary>Typed copies of the trigger, for the series queries (stored as text through value converters).</summary>
    public ZhangbanProbe.Core.Runs.RunOrigin Origin { get; set; }
    public ZhangbanProbe.Core.Runs.RunTarget Target { get; set; }
    public string? Series { get; set; }
    public string PortalIds { get; set; } = "";
    public string IndicatorIds { get; set; } = "";
    public string Machine { get; set; } = "";
    /// <summary>An incomplete run's planned pairs without a stored result, one <see cref="MissingPair"/> line each.</summary>
    public string? Missing { get; set; }
    /// <summary>The definitions (manifests and catalogue) the run was planned with: a <see cref="DefinitionsRow"/>'s hash.</summary>
    public string? DefinitionsHash { get; set; }
    public List<ResultRow> Results { get; set; } = [];
}

/// <summary>One definitions snapshot (the manifests and catalogue a run was planned with), stored once per hash.</summary>
public sealed class DefinitionsRow
{
    public string Hash { get; set; } = "";
    public string Json { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

public sealed class ResultRow
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public RunRow? Run { get; set; }
    public string PortalId { get; set; } = "";
    public string IndicatorId { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string Reason { get; set; } = "";
    public double? Value { get; set; }
    public string? Unit { get; set; }
    public string? Detail { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public double DurationMs { get; set; }
    public int Attempts { get; set; } = 1;
    /// <summary>The URL chain, one per line.</summary>
    public string Urls { get; set; } = "";
    public ZhangbanProbe.Core.Runs.BrowserProfile Profile { get; set; }
    /// <summary>The worker that measured it (machine/pid); empty for rows stored before it was recorded.</summary>
    public string Worker { get; set; } = "";
    public List<MeasurementRow> Measurements { get; set; } = [];
    public List<EvidenceRow> Evidence { get; set; } = [];
}

public sealed class MeasurementRow
{
    public long Id { get; set; }
    public long ResultId { get; set; }
    public string Name { get; set; } = "";
    public double Value { get; set; }
    public string Unit { get; set; } = "";
}

public sealed class EvidenceRow
{
    public long Id { get; set; }
    public long ResultId { get; set; }
    public string Kind { get; set; } = "";
    public string? Path { get; set; }
    public string? Url { get; set; }
    public string? Note { get; set; }
    /// <summary>SHA-256 (hex) of the file when the probe finished; null for evidence without a file, and for rows stored before it was recorded.</summary>
    public string? Sha256 { get; set; }
}
