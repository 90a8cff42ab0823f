using ZhangbanProbe.Core.Outcomes;

namespace ZhangbanProbe.Core.Alerts;

/// <summary>One stored result as the evaluator sees it: when, which run, what outcome, the headline value.</summary>
public sealed record OutcomePoint(DateTime AtUtc, Guid RunId, Outcome Outcome, Reason Reason, double? Value = null, string? Detail = null);

/// <summary>Rules of the regression state machine. Defaults: 2 failing runs open, 2 passing runs resolve, 3 unobservable runs alert operators.</summary>
public sealed record RegressionRules(int FailuresToOpen = 2, int PassesToResolve = 2, int UnobservedToAlertOperators = 3, bool DegradedCountsAsFailure = false);

public enum PortalStatus { Ok, Failing }

/// <summary>The portal's state for one indicator after replaying its history.</summary>
/// <param name="Since">When the current failing streak began (first failing result), for messages.</param>
/// <param name="LastFailure">The most recent failing result (its detail and run are the evidence).</param>
public sealed record PortalState(PortalStatus Status, DateTime? Since, Guid? SinceRunId, OutcomePoint? LastFailure, int ConsecutiveFailures, int ConsecutivePasses);

/// <summary>Whether the probe could observe the portal lately; persistent blocked/error is the operators' problem.</summary>
public sealed record ObservabilityState(bool Unobservable, DateTime? Since, Reason? Reason, int ConsecutiveUnobserved);

/// <summary>
/// Pure replay of a (portal, indicator) history into its current state. Only observed outcomes move the portal
/// state: blocked and error say nothing about the portal, so they neither count as failures nor break a streak.
/// A portal is failing after <see cref="RegressionRules.FailuresToOpen"/> consecutive failing runs and ok again
/// after <see cref="RegressionRules.PassesToResolve"/> consecutive passing runs, so flapping never alerts.
/// </summary>
public static class RegressionEvaluator
{
    public static PortalState Portal(IEnumerable<OutcomePoint> history, RegressionRules rules)
    {
        var status = PortalStatus.Ok;
        int fails = 0, passes = 0;
        DateTime? streakStart = null, since = null;
        Guid? streakRun = null, sinceRun = null;
        OutcomePoint? lastFailure = null;

        foreach (var p in history.OrderBy(p => p.AtUtc))
        {
            var failing = p.Outcome == Outcome.Fail || (rules.DegradedCountsAsFailure && p.Outcome == Outcome.Degraded);
            var passing = p.Outcome == Outcome.Pass || (!rules.DegradedCountsAsFailure && p.Outcome == Outcome.Degraded);
            if (failing)
            {
                if (fails == 0) { streakStart = p.AtUtc; streakRun = p.RunId; }
                fails++;
                passes = 0;
                lastFailure = p;
                if (status == PortalStatus.Ok && fails >= rules.FailuresToOpen)
                {
                    status = PortalStatus.Failing;
                    since = streakStart;
                    sinceRun = streakRun;
                }
            }
            else if (passing)
            {
                passes++;
                fails = 0;
                if (status == PortalStatus.Failing && passes >= rules.PassesToResolve)
                {
                    status = PortalStatus.Ok;
                    since = null;
                    sinceRun = null;
                }
            }
            // blocked / error: no information about the portal.
        }
        return new PortalState(status, since, sinceRun, lastFailure, fails, passes);
    }

    public static ObservabilityState Observability(IEnumerable<OutcomePoint> history, RegressionRules rules)
    {
        var count = 0;
        DateTime? since = null;
        Reason? reason = null;
        foreach (var p in history.OrderBy(p => p.AtUtc))
        {
            if (p.Outcome is Outcome.Blocked or Outcome.Error)
            {
                if (count == 0) since = p.AtUtc;
                count++;
                reason = p.Reason;
            }
            else { count = 0; since = null; reason = null; }
        }
        return new ObservabilityState(count >= rules.UnobservedToAlertOperators, count > 0 ? since : null, reason, count);
    }
}
