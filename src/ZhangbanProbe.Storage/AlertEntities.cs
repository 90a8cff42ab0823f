using ZhangbanProbe.Core.Alerts;
namespace ZhangbanProbe.Storage;

// Incidents and their transitions are history too: an incident row is opened and later resolved, never deleted;
// every transition is an event; every message to every channel is a notification row (the durable outbox).

public sealed class IncidentRow
{
    public long Id { get; set; }
    public string PortalId { get; set; } = "";
    public string IndicatorId { get; set; } = "";
    public IncidentKind Kind { get; set; }
    public IncidentStatus Status { get; set; } = IncidentStatus.Open;
    public DateTime OpenedAtUtc { get; set; }
    public DateTime? ResolvedAtUtc { get; set; }
    /// <summary>When the condition began (first failing run), which can precede the opening.</summary>
    public DateTime SinceUtc { get; set; }
    public Guid? OpenedByRunId { get; set; }
    public string Summary { get; set; } = "";
    public DateTime LastNotifiedAtUtc { get; set; }
    public int Reminders { get; set; }
    public List<IncidentEventRow> Events { get; set; } = [];
}

public sealed class IncidentEventRow
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public IncidentTransition Type { get; set; }
    public DateTime AtUtc { get; set; }
    public Guid? RunId { get; set; }
    public string Detail { get; set; } = "";
    public List<NotificationRow> Notifications { get; set; } = [];
}

public sealed class NotificationRow
{
    public long Id { get; set; }
    public long IncidentEventId { get; set; }
    public string Channel { get; set; } = "";
    public NotificationState Status { get; set; } = NotificationState.Pending;
    public int Attempts { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public DateTime? ClaimedAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public string? LastError { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The structured alert (generic webhook payload).</summary>
    public string PayloadJson { get; set; } = "";
}

/// <summary>A dashboard/API token: only its SHA-256 is kept; revoked tokens stay listed with when.</summary>
public sealed class AccessTokenRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public ZhangbanProbe.Core.AccessRole Role { get; set; }
    public string? Province { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
}

/// <summary>
/// A signed-in dashboard session, kept on the server: a cookie is only its id, so signing out, revoking the token or
/// rotating <c>Api:Token</c> ends it at once, copied cookies included.
/// </summary>
public sealed class SessionRow
{
    public string Id { get; set; } = "";
    public long TokenId { get; set; }
    /// <summary>For the bootstrap token (id 0): a fingerprint of the <c>Api:Token</c> it was made with (rotating it ends the session).</summary>
    public string? BootstrapFingerprint { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }
}
