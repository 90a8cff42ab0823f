using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.GovIdentity;
using ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Running;

/// <summary>
/// Script challenges in front of provincial sites (a 412 or 202 whose script sets a cookie and reloads): a real
/// browser passes them by itself, so the page that follows is judged; one that never clears is blocked, never bypassed.
/// </summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class ScriptChallengeTests
{
    [Fact]
    public async Task A_challenge_the_browser_clears_is_judged_on_the_page_after_it_one_that_stays_is_blocked()
    {
        var results = await RunAsync(GovIdentityProbe.ProbeKey,
        [
            Site("ch-plain"),
            new ReplicaSite { Id = "ch-412", Province = "浙江", Platform = "测试办", Wall = ReplicaWall.CookieChallenge },
            new ReplicaSite { Id = "ch-202", Province = "浙江", Platform = "测试办", Wall = ReplicaWall.CookieChallenge, ChallengeStatus = 202 },
            new ReplicaSite { Id = "ch-stuck", Province = "浙江", Platform = "测试办", Wall = ReplicaWall.JsChallenge },
        ]);

        var plain = results["ch-plain"];
        Assert.Equal((plain.Outcome, plain.Reason), (results["ch-412"].Outcome, results["ch-412"].Reason));
        Assert.Equal((plain.Outcome, plain.Reason), (results["ch-202"].Outcome, results["ch-202"].Reason));
        Assert.NotEqual(Outcome.Blocked, results["ch-412"].Outcome);
        AssertOutcome(results, "ch-stuck", Outcome.Blocked, Reason.JsChallenge);
    }
}
