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

    [Trait("Category", "Unit")]
    [Theory]
    [InlineData(17, 1, 1, Outcome.Error, Reason.Undecided)]   // a 17-entry list is not decided on the one link that answered
    [InlineData(17, 0, 2, Outcome.Error, Reason.Undecided)]
    [InlineData(17, 3, 3, Outcome.Pass, Reason.Ok)]
    [InlineData(17, 1, 3, Outcome.Fail, Reason.DeadLink)]
    [InlineData(2, 2, 2, Outcome.Pass, Reason.Ok)]            // a short list: every entry answering is enough
    [InlineData(2, 1, 1, Outcome.Error, Reason.Undecided)]
    public void A_list_is_judged_only_on_enough_answering_entries(int found, int working, int checkedCount, Outcome outcome, Reason reason)
    {
        var (o, r, detail) = CityEntriesRules.Judge(found, working, checkedCount, minShare: 0.8, minChecked: 3);
        Assert.Equal((outcome, reason), (o, r));
        Assert.Contains($"{found} city entries", detail);
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void A_long_list_is_checked_spread_over_its_length()
    {
        var list = Enumerable.Range(0, 100).Select(i => $"https://x.gov.cn/{i}").ToList();
        var spread = CityEntriesRules.SpreadOver(list, 40);
        Assert.Equal(40, spread.Count);
        Assert.Equal(list[0], spread[0]);
        Assert.Equal(list[^1], spread[^1]);
        Assert.Equal(list.Take(10), CityEntriesRules.SpreadOver(list.Take(10).ToList(), 40));
    }
}
