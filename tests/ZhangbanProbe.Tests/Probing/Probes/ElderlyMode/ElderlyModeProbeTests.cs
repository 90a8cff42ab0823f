using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.ElderlyMode;
using R = ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.ElderlyMode;

[Trait("Category", "Browser")]
[Collection("browser")]
public class ElderlyModeProbeTests
{
    [Fact]
    public async Task Switches_that_enlarge_and_stick_pass_and_the_others_fail_with_their_reason()
    {
        var results = await RunAsync(ElderlyModeProbe.ProbeKey,
        [
            Site("el-link"),
            Site("el-guanhuai", f => f.ElderlyLabel = "关怀版"),
            Site("el-shilao", f => { f.ElderlyLabel = "适老化"; f.Elderly = R.ElderlyMode.ScriptToggle; }),
            Site("el-noeffect", f => f.Elderly = R.ElderlyMode.NoEffect),
            Site("el-notsticky", f => f.Elderly = R.ElderlyMode.NotSticky),
            Site("el-none", f => f.Elderly = R.ElderlyMode.None),
        ]);
        AssertOutcome(results, "el-link", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "el-guanhuai", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "el-shilao", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "el-noeffect", Outcome.Fail, Reason.NoEffect);
        AssertOutcome(results, "el-notsticky", Outcome.Fail, Reason.Partial);
        AssertOutcome(results, "el-none", Outcome.Fail, Reason.Missing);
        Assert.Equal(1.5, results["el-link"].Value); // 16 px → 24 px
    }

    [Trait("Category", "Unit")]
    [Theory]
    [InlineData(16, 16, 16, Outcome.Fail, Reason.NoEffect)]
    [InlineData(16, 18, 18, Outcome.Fail, Reason.NoEffect)]     // 1.125× is not measurably larger
    [InlineData(16, 20, 16, Outcome.Fail, Reason.Partial)]      // larger, but gone after a reload
    [InlineData(16, 20, 20, Outcome.Pass, Reason.Ok)]
    public void Judges_size_and_stickiness(double before, double after, double reload, Outcome outcome, Reason reason)
    {
        var (o, r, _) = ElderlyModeRules.Judge(before, after, reload, 1.15);
        Assert.Equal((outcome, reason), (o, r));
    }
}
