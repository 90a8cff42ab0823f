using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.MobileFriendly;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.MobileFriendly;

[Trait("Category", "Browser")]
[Collection("browser")]
public class MobileFriendlyProbeTests
{
    [Fact]
    public async Task Each_mobile_fault_is_named()
    {
        var results = await RunAsync(MobileFriendlyProbe.ProbeKey,
        [
            Site("mf-good"),
            Site("mf-noviewport", f => f.NoViewport = true),
            Site("mf-wide", f => f.WideContent = true),
            Site("mf-tiny", f => f.TinyFont = true),
        ]);
        AssertOutcome(results, "mf-good", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "mf-noviewport", Outcome.Fail, Reason.NoViewport);
        AssertOutcome(results, "mf-wide", Outcome.Fail, Reason.HorizontalOverflow);
        AssertOutcome(results, "mf-tiny", Outcome.Fail, Reason.SmallText);
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Small_tap_targets_are_judged_by_share()
    {
        Assert.Equal(Reason.SmallTapTargets, MobileFriendlyRules.Judge(new MobileFindings(true, 412, 412, 16, 20, 10), 12, 0.25).Item2);
        Assert.Equal(Reason.Ok, MobileFriendlyRules.Judge(new MobileFindings(true, 412, 412, 16, 20, 5), 12, 0.25).Item2);
    }
}
