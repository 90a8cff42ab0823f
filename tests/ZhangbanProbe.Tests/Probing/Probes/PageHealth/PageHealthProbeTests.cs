using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.PageHealth;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.PageHealth;

[Trait("Category", "Browser")]
[Collection("browser")]
public class PageHealthProbeTests
{
    [Fact]
    public async Task Broken_pieces_fail_script_errors_alone_degrade_a_clean_page_passes()
    {
        var results = await RunAsync(PageHealthProbe.ProbeKey,
        [
            Site("ph-clean"),
            Site("ph-image", f => f.BrokenImage = true),
            Site("ph-console", f => f.ConsoleError = true),
            Site("ph-link", f => f.DeadLink = true),
        ]);
        AssertOutcome(results, "ph-clean", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "ph-image", Outcome.Fail, Reason.DeadLink);
        AssertOutcome(results, "ph-console", Outcome.Degraded, Reason.ConsoleErrors);
        AssertOutcome(results, "ph-link", Outcome.Fail, Reason.DeadLink);
        Assert.Contains("banner-missing.png", results["ph-image"].Detail);
        Assert.Contains("removed-article.html (HTTP 404)", results["ph-link"].Detail);
        Assert.Contains("undefinedPortalWidget", results["ph-console"].Detail);
        Assert.True(results["ph-clean"].Measurements.Single(m => m.Name == "links_checked").Value >= 10);
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Links_that_could_not_be_checked_are_not_broken()
    {
        var (o, _, _) = PageHealthRules.Judge(new HealthFindings([], [], [], [], 0));
        Assert.Equal(Outcome.Pass, o);
    }
}
