using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.GovIdentity;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Probes;

[Trait("Category", "Browser")]
[Collection("browser")]
public class EntryFallbackTests
{
    [Fact]
    public async Task A_dead_entry_with_a_live_alternate_is_measured_on_the_alternate_and_says_so()
    {
        var dead = new Uri($"http://zhejiang.localhost:{ServeApiTestsPort()}/"); // nothing listens there
        var results = await ProbeScenario.RunAsync(GovIdentityProbe.ProbeKey, [
            new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办" },
            new ReplicaSite { Id = "hubei", Province = "湖北", Platform = "鄂汇办" },
        ], adjust: p => p.Id == "zhejiang" ? p with { EntryUrl = dead, AlternateUrls = [p.EntryUrl] } : p with { EntryUrl = dead, AlternateUrls = [] });

        var measured = results["zhejiang"];
        Assert.True(measured.Outcome != Outcome.Error, $"{measured.Reason.ToCode()}: {measured.Detail}"); // observed on the alternate
        Assert.Contains("measured on the alternate", measured.Detail);
        Assert.Contains(dead.ToString(), measured.Detail);
        Assert.Contains(measured.Measurements, m => m is { Name: "entry_fallback", Value: 1 });
        Assert.DoesNotContain(measured.Urls, u => u.StartsWith(dead.ToString().TrimEnd('/'), StringComparison.Ordinal));

        var noAlternate = results["hubei"];
        Assert.Equal(Outcome.Error, noAlternate.Outcome); // without an alternate the entry's failure stands: not observed
        Assert.DoesNotContain("alternate", noAlternate.Detail ?? "");
    }

    private static int ServeApiTestsPort() => ZhangbanProbe.Tests.Serve.ServeApiTests.FreePortForTests();
}
