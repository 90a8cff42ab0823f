using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Probes.CityEntries;
using R = ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.CityEntries;

[Trait("Category", "Browser")]
[Collection("browser")]
public class CityEntriesProbeTests
{
    [Fact]
    public async Task Working_city_channels_pass_half_broken_fail_with_the_share()
    {
        var results = await RunAsync(CityEntriesProbe.ProbeKey,
        [
            Site("ce-works"),
            Site("ce-half", f => f.Cities = R.CityMode.HalfBroken),
            Site("ce-none", f => f.Cities = R.CityMode.None),
        ]);
        AssertOutcome(results, "ce-works", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "ce-half", Outcome.Fail, Reason.DeadLink);
        AssertOutcome(results, "ce-none", Outcome.Fail, Reason.Missing);
        Assert.Equal(1.0, results["ce-works"].Value);
        Assert.Equal(0.5, results["ce-half"].Value);
        Assert.Contains("HTTP 502", results["ce-half"].Detail);
    }

    [Trait("Category", "Unit")]
    [Theory]
    [InlineData("杭州市", true)]
    [InlineData("延边朝鲜族自治州", true)]
    [InlineData("阿拉善盟", true)]
    [InlineData("市场监管", false)]
    [InlineData("个人服务", false)]
    public void Recognises_prefecture_names(string text, bool city) =>
        Assert.Equal(city, CityEntriesRules.IsCity(new Clickable(0, "a", text, "https://x.gov.cn/c", "", "", "", "", "", true)));
}
