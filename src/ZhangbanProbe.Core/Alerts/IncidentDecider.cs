namespace ZhangbanProbe.Core.Alerts;

/// <summary>What an incident is about: the portal regressed, its timing regressed, or the probe cannot observe it.</summary>
public enum IncidentKind { Portal, Timing, Operator }

public enum IncidentAction { None, Open, Remind, Resolve }

/// <summary>The stored incident as the decider needs it.</summary>
public sealed record OpenIncident(long Id, DateTime OpenedAtUtc, DateTime LastNotifiedAtUtc);

/// <summary>
/// Pure reconciliation of "is the condition active now?" with the stored incident: open once, remind at the
/// configured interval while it lasts, resolve once when it ends. Never a second open for an ongoing incident.
/// </summary>
public static class IncidentDecider
{
    public static IncidentAction Decide(bool conditionActive, OpenIncident? incident, DateTime nowUtc, TimeSpan reminderInterval)
    {
        if (conditionActive && incident is null) return IncidentAction.Open;
        if (!conditionActive && incident is not null) return IncidentAction.Resolve;
        if (conditionActive && incident is not null && reminderInterval > TimeSpan.Zero &&
            nowUtc - incident.LastNotifiedAtUtc >= reminderInterval) return IncidentAction.Remind;
        return IncidentAction.None;
    }
}
