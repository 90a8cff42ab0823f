using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.Accessibility;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.Accessibility;

[Trait("Category", "Browser")]
[Collection("browser")]
public class AccessibilityProbeTests
{
    [Fact]
    public async Task Axe_violations_fail_by_impact_and_a_clean_page_passes()
    {
        var results = await RunAsync(AccessibilityProbe.ProbeKey,
        [
            Site("a11y-clean"),
            Site("a11y-faults", f => f.A11yFaults = true),
        ]);
        AssertOutcome(results, "a11y-clean", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "a11y-faults", Outcome.Fail, Reason.A11yViolations);
        var detail = results["a11y-faults"].Detail!;
        Assert.Contains("link-name", detail);   // an image link without alt text
        Assert.Contains("label", detail);       // a field without a label
        var m = results["a11y-faults"].Measurements.ToDictionary(x => x.Name, x => x.Value);
        Assert.True(m["critical"] + m["serious"] >= 2);
        Assert.True(m.ContainsKey("needs_review"));
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Needs_review_items_never_decide()
    {
        Assert.Equal(Outcome.Pass, AccessibilityRules.Judge(new AxeCounts(0, 0, 0, 0, 0, 7, [])).Item1);
        Assert.Equal(Outcome.Degraded, AccessibilityRules.Judge(new AxeCounts(0, 0, 1, 0, 3, 0, ["region (moderate, 3)"])).Item1);
        Assert.Equal(Outcome.Fail, AccessibilityRules.Judge(new AxeCounts(0, 1, 0, 0, 1, 0, ["color-contrast (serious, 1)"])).Item1);
    }
}
