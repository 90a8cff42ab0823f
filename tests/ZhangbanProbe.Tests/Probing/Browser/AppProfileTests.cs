using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Probing.Probes.GovIdentity;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Probes;

[Trait("Category", "Browser")]
[Collection("browser")]
public class AppProfileTests
{
    [Fact]
    public async Task The_app_profile_sends_the_apps_user_agent_token_and_without_one_says_so()
    {
        var withApp = new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办" };
        var withoutApp = new ReplicaSite { Id = "hubei", Province = "湖北", Platform = "鄂汇办" };
        var results = await ProbeScenario.RunAsync(GovIdentityProbe.ProbeKey, [withApp, withoutApp],
            adjust: p => p.Id == "zhejiang" ? p with { AccessChannels = new AccessChannels { App = new AppChannel(null, null, "ZLBApp/7.0") } } : p,
            settings: new() { ["Browser:Profile"] = "app" });

        Assert.Contains(withApp.UserAgents, ua => ua.EndsWith(" ZLBApp/7.0", StringComparison.Ordinal) && ua.Contains("Mobile"));
        Assert.Equal(BrowserProfile.App, results["zhejiang"].Profile);
        Assert.NotEqual(Outcome.Error, results["zhejiang"].Outcome);
        Assert.Equal((Outcome.Error, Reason.NotConfigured), (results["hubei"].Outcome, results["hubei"].Reason));
        Assert.Empty(withoutApp.UserAgents); // nothing is probed as an app we cannot play
    }
}
