using ZhangbanProbe.Core.Outcomes;

namespace ZhangbanProbe.Tests.Core;

[Trait("Category", "Unit")]
public class ReasonCodeTests
{
    [Fact]
    public void Every_reason_round_trips_through_its_kebab_code()
    {
        foreach (var r in Enum.GetValues<Reason>())
        {
            var code = r.ToCode();
            Assert.Matches("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", code);
            Assert.Equal(r, ReasonCodes.Parse(code));
        }
    }

    [Fact]
    public void Codes_read_as_documented()
    {
        Assert.Equal("within-budget", Reason.WithinBudget.ToCode());
        Assert.Equal("browser-crash", Reason.BrowserCrash.ToCode());
        Assert.Equal("http-server-error", Reason.HttpServerError.ToCode());
    }

    [Fact]
    public void Blocked_and_error_reasons_never_count_against_the_portal()
    {
        foreach (var r in Enum.GetValues<Reason>())
        {
            var natural = r.NaturalOutcome();
            if (r is Reason.Captcha or Reason.LoginWall or Reason.Waf or Reason.JsChallenge) Assert.Equal(Outcome.Blocked, natural);
            if (natural is Outcome.Blocked or Outcome.Error) Assert.False(natural.CountsAgainstPortal());
        }
        Assert.Equal(Outcome.Error, Reason.Timeout.NaturalOutcome());
        Assert.Equal(Outcome.Error, Reason.HintStale.NaturalOutcome());
    }

    [Fact]
    public void Unknown_codes_are_rejected()
    {
        Assert.False(ReasonCodes.TryParse("flaky", out _));
        Assert.False(OutcomeNames.TryParse("maybe", out _));
        Assert.True(OutcomeNames.TryParse("degraded", out var o) && o == Outcome.Degraded);
    }
}
