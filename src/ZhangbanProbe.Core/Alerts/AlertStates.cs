namespace ZhangbanProbe.Core.Alerts;

// The states of incidents and notifications. Stored as their StateCode (open, awaiting-review, ...); code compares enums.

/// <summary>Where an incident stands.</summary>
public enum IncidentStatus
{
    /// <summary>The condition holds (at most one open incident per portal, indicator and kind).</summary>
    Open,
    /// <summary>The condition ended (recovered, observable again, timing back to normal).</summary>
    Resolved,
    /// <summary>A researcher closed it with a reason; the same streak is never reopened.</summary>
    Rejected,
}

/// <summary>What happened to an incident: one event each, with who (for review decisions) and when.</summary>
public enum IncidentTransition
{
    Opened,
    Reminded,
    Resolved,
    /// <summary>A researcher released its province notifications.</summary>
    Approved,
    /// <summary>A researcher closed it; its province notifications never go out.</summary>
    Rejected,
    /// <summary>Not an incident: `zhangban alerts test` (a message to check a channel).</summary>
    Test,
    /// <summary>The province's team saw it (with an optional comment).</summary>
    Acknowledged,
    /// <summary>The province's team contests it, with its comment: a researcher re-reviews the evidence.</summary>
    Disputed,
}

/// <summary>The delivery state of one message to one channel.</summary>
public enum NotificationState
{
    /// <summary>Due at its next attempt time.</summary>
    Pending,
    /// <summary>Claimed by one dispatcher (no double send); back to pending if that dispatcher dies.</summary>
    Sending,
    Sent,
    /// <summary>Gave up after the configured attempts: listed, never silently dropped.</summary>
    Dead,
    /// <summary>Waiting for its channel's digest (Alerts:DigestChannels).</summary>
    Held,
    /// <summary>Claimed by one digest sender.</summary>
    Digesting,
    /// <summary>A province's message waiting for a researcher's approval of the incident.</summary>
    AwaitingReview,
    /// <summary>A province's message withheld because a researcher rejected the incident.</summary>
    Rejected,
}

/// <summary>How a channel delivers.</summary>
public enum ChannelType { Email, Webhook, Wecom, Dingtalk }
