using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.PrivacyPolicy;
using R = ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.PrivacyPolicy;

[Trait("Category", "Browser")]
[Collection("browser")]
public class PrivacyPolicyProbeTests
{
    [Fact]
    public async Task Policies_about_personal_information_pass_missing_or_empty_ones_fail()
    {
        var results = await RunAsync(PrivacyPolicyProbe.ProbeKey,
        [
            Site("pp-full"),
            Site("pp-missing", f => f.Privacy = R.PrivacyMode.Missing),
            Site("pp-vague", f => f.Privacy = R.PrivacyMode.NoPersonalInfo),
        ]);
        AssertOutcome(results, "pp-full", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "pp-missing", Outcome.Fail, Reason.Missing);
        AssertOutcome(results, "pp-vague", Outcome.Fail, Reason.Partial);
        Assert.Contains("never mentions 个人信息", results["pp-vague"].Detail);
        Assert.Equal(2, results["pp-full"].Evidence.Count); // both documents, screenshotted
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Judges_each_document()
    {
        Assert.Equal(Reason.DeadLink, PrivacyPolicyRules.Judge((true, false, false), (true, true, true)).Item2);
        Assert.Equal(Reason.Partial, PrivacyPolicyRules.Judge((true, true, true), (false, false, false)).Item2);
        Assert.Equal(Reason.Ok, PrivacyPolicyRules.Judge((true, true, true), (true, true, false)).Item2);
    }
}
