using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.FeedbackChannel;
using R = ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.FeedbackChannel;

[Trait("Category", "Browser")]
[Collection("browser")]
public class FeedbackChannelProbeTests
{
    [Fact]
    public async Task All_feedback_entries_pass_a_broken_one_fails_none_is_missing()
    {
        var results = await RunAsync(FeedbackChannelProbe.ProbeKey,
        [
            Site("fb-full"),
            Site("fb-broken", f => f.Feedback = R.FeedbackMode.Broken),
            Site("fb-none", f => f.Feedback = R.FeedbackMode.None),
        ]);
        AssertOutcome(results, "fb-full", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "fb-broken", Outcome.Fail, Reason.DeadLink);
        AssertOutcome(results, "fb-none", Outcome.Fail, Reason.Missing);
        Assert.Equal(4, results["fb-full"].Value);
        Assert.Contains("rating_haochaping", results["fb-broken"].Detail);
        Assert.Contains("HTTP 404", results["fb-broken"].Detail);
    }
}
