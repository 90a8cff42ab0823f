using ZhangbanProbe.Core.Alerts;
using ZhangbanProbe.Core.Outcomes;

namespace ZhangbanProbe.Tests.Alerts;

/// <summary>Table-driven replays of nightly outcome sequences through the pure decisions.</summary>
[Trait("Category", "Unit")]
public class RegressionReplayTests
{
    private static readonly RegressionRules Rules = new();

    private static Outcome O(char c) => c switch
    {
        'P' => Outcome.Pass, 'F' => Outcome.Fail, 'D' => Outcome.Degraded, 'B' => Outcome.Blocked, 'E' => Outcome.Error,
        _ => throw new ArgumentException(c.ToString()),
    };

    /// <summary>Replays night by night, as the service does after each run; returns the messages sent.</summary>
    private static List<string> Replay(string nights, TimeSpan? reminder = null)
    {
        var start = new DateTime(2026, 11, 1, 18, 0, 0, DateTimeKind.Utc);
        var history = new List<OutcomePoint>();
        var open = new Dictionary<IncidentKind, OpenIncident?> { [IncidentKind.Portal] = null, [IncidentKind.Operator] = null };
        var sent = new List<string>();
        for (var i = 0; i < nights.Length; i++)
        {
            var now = start.AddDays(i);
            var o = O(nights[i]);
            history.Add(new OutcomePoint(now, Guid.NewGuid(), o, o switch { Outcome.Blocked => Reason.Captcha, Outcome.Error => Reason.Timeout, Outcome.Fail => Reason.HttpServerError, _ => Reason.Ok }));
            var active = new Dictionary<IncidentKind, bool>
            {
                [IncidentKind.Portal] = RegressionEvaluator.Portal(history, Rules).Status == PortalStatus.Failing,
                [IncidentKind.Operator] = RegressionEvaluator.Observability(history, Rules).Unobservable,
            };
            foreach (var kind in active.Keys)
            {
                var action = IncidentDecider.Decide(active[kind], open[kind], now, reminder ?? TimeSpan.Zero);
                switch (action)
                {
                    case IncidentAction.Open: open[kind] = new OpenIncident(i, now, now); break;
                    case IncidentAction.Remind: open[kind] = open[kind]! with { LastNotifiedAtUtc = now }; break;
                    case IncidentAction.Resolve: open[kind] = null; break;
                }
                if (action != IncidentAction.None) sent.Add($"{kind.ToString().ToLowerInvariant()}:{action.ToString().ToLowerInvariant()}");
            }
        }
        return sent;
    }

    [Theory]
    [InlineData("PFPFPFPFPF", "")]                                  // flapping: never two failures in a row
    [InlineData("FF", "portal:open")]                                // two failing nights: one alert
    [InlineData("FFFFFF", "portal:open")]                            // ongoing: no duplicate
    [InlineData("BBBBB", "operator:open")]                           // blocked is not the portal's fault
    [InlineData("EEEEE", "operator:open")]                           // nor is our network
    [InlineData("FFPP", "portal:open portal:resolve")]               // recovery after two passes
    [InlineData("FFPFPP", "portal:open portal:resolve")]             // one pass is not a recovery
    [InlineData("FEF", "portal:open")]                               // an error in between neither counts nor resets
    [InlineData("FBBBF", "operator:open portal:open operator:resolve")]
    [InlineData("PPDDDD", "")]                                       // degraded is judged by the timing test, not here
    [InlineData("BBPBB", "")]                                        // an observed night resets the operator count
    public void Replays(string nights, string expected)
    {
        Assert.Equal(expected, string.Join(" ", Replay(nights)));
    }

    [Fact]
    public void Reminders_follow_the_interval_and_one_recovery_closes()
    {
        var sent = Replay("FFFFFFFPP", reminder: TimeSpan.FromDays(2));
        Assert.Equal("portal:open portal:remind portal:remind portal:remind portal:resolve", string.Join(" ", sent));
    }

    [Fact]
    public void The_failing_streak_start_is_the_since_time()
    {
        var t0 = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var h = new[] { 'P', 'F', 'F', 'F' }.Select((c, i) => new OutcomePoint(t0.AddDays(i), Guid.NewGuid(), O(c), Reason.Ok)).ToList();
        var state = RegressionEvaluator.Portal(h, Rules);
        Assert.Equal(PortalStatus.Failing, state.Status);
        Assert.Equal(t0.AddDays(1), state.Since);
        Assert.Equal(3, state.ConsecutiveFailures);
    }

    [Fact]
    public void Degraded_can_be_configured_to_count()
    {
        var t0 = DateTime.UnixEpoch;
        var h = "DD".Select((c, i) => new OutcomePoint(t0.AddDays(i), Guid.NewGuid(), O(c), Reason.OverBudget)).ToList();
        Assert.Equal(PortalStatus.Failing, RegressionEvaluator.Portal(h, Rules with { DegradedCountsAsFailure = true }).Status);
    }
}
