using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.OnlineShare;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Probes.OnlineShare;

[Trait("Category", "Unit")]
public class OnlineShareRulesTests
{
    [Theory]
    // Tables (innerText separates cells with tabs), definition lists (new lines), inline label: value.
    [InlineData("事项名称\t住房公积金提取\n办理形式\t窗口办理、网上办理\n到办事现场次数\t0次", OnlineDepth.Fully, 0)]
    [InlineData("办理形式：网上办理\n网办深度：四级", OnlineDepth.Fully, null)]
    [InlineData("网上办理深度 Ⅳ级（全程网办）", OnlineDepth.Fully, null)]
    [InlineData("到现场次数：零次", OnlineDepth.Fully, 0)]
    [InlineData("办理形式：窗口办理、网上预审\n到办事现场次数：1次", OnlineDepth.Partly, 1)]
    [InlineData("办理形式\n窗口办理\n到办事现场次数\n2次", OnlineDepth.Offline, 2)]
    [InlineData("是否网办：否", OnlineDepth.Offline, null)]
    [InlineData("办理方式：窗口办理", OnlineDepth.Offline, null)]
    public void Guides_are_read_as_portals_write_them(string text, OnlineDepth depth, int? visits)
    {
        var r = OnlineShareRules.Read(text);
        Assert.Equal(depth, r.Depth);
        Assert.Equal(visits, r.Visits);
    }

    [Fact]
    public void A_menu_link_saying_quanchengwangban_beside_counter_only_fields_does_not_make_a_service_online()
    {
        var r = OnlineShareRules.Read("首页\n全程网办专区\n办事指南\n事项名称\t居民身份证换领\n办理形式\t窗口办理\n到办事现场次数\t1次");
        Assert.Equal(OnlineDepth.Offline, r.Depth);
    }

    [Fact]
    public void A_page_without_the_fields_is_not_a_guide()
    {
        Assert.Equal(OnlineDepth.Unknown, OnlineShareRules.Read("服务列表\n办事指南\n在线办理\n全程网办专区").Depth);
    }

    [Fact]
    public void The_share_decides_and_too_few_guides_is_undecided_not_a_portal_failure()
    {
        GuideReading F() => new(OnlineDepth.Fully, 0, "0次");
        GuideReading P() => new(OnlineDepth.Partly, 1, "1次");
        var (o, r, _, share) = OnlineShareRules.Judge([("a", F(), ""), ("b", F(), ""), ("c", P(), "")], 2, 0.6);
        Assert.Equal((Outcome.Pass, Reason.Ok, 0.667), (o, r, share));
        (o, r, _, share) = OnlineShareRules.Judge([("a", F(), ""), ("b", P(), ""), ("c", P(), "")], 2, 0.6);
        Assert.Equal((Outcome.Fail, Reason.Partial, 0.333), (o, r, share));
        (o, r, var detail, share) = OnlineShareRules.Judge([("a", F(), ""), ("b", null, "no result"), ("c", new(OnlineDepth.Unknown, null, ""), "")], 2, 0.6);
        Assert.Equal((Outcome.Error, Reason.Undecided, (double?)null), (o, r, share));
        Assert.Contains("only 1 of 3", detail);
        Assert.Equal(Outcome.Error, Reason.Undecided.NaturalOutcome());
    }

    [Theory]
    [InlineData("https://zwfw.example.gov.cn/search?q=%E4%BD%8F%E6%88%BF%E5%85%AC%E7%A7%AF%E9%87%91%E6%8F%90%E5%8F%96&page=1", "https://zwfw.example.gov.cn/search?q={term}&page=1")]
    [InlineData("https://zwfw.example.gov.cn/s.do?type=guide&keyword=住房公积金提取", "https://zwfw.example.gov.cn/s.do?type=guide&keyword={term}")]
    [InlineData("https://zwfw.example.gov.cn/search#/result", null)] // a script route: the box is used each time
    [InlineData("https://zwfw.example.gov.cn/search?q=公积金", null)] // not the term typed
    public void A_get_search_is_reused_with_the_next_term(string url, string? template) =>
        Assert.Equal(template, OnlineShareRules.SearchTemplate(url, "住房公积金提取"));

    [Fact]
    public void The_sample_is_read_from_the_catalogue_setting_in_any_separator() =>
        Assert.Equal(["住房公积金提取", "居民身份证换领", "个体工商户设立登记"], OnlineShareRules.Services("住房公积金提取、居民身份证换领, 个体工商户设立登记；"));
}

[Trait("Category", "Browser")]
[Collection("browser")]
public class OnlineShareProbeTests
{
    [Fact]
    public async Task Guides_found_by_search_give_the_share_fully_online_and_no_guides_is_undecided()
    {
        var results = await ProbeScenario.RunAsync(OnlineShareProbe.ProbeKey, [
            ProbeScenario.Site("online"), ProbeScenario.Site("mixed", f => f.Guides = GuideMode.Mixed),
            ProbeScenario.Site("counter", f => f.Guides = GuideMode.Offline), ProbeScenario.Site("noguides", f => f.Guides = GuideMode.NoGuides),
            ProbeScenario.Site("nosearch", f => f.Search = SearchMode.None),
        ]);
        ProbeScenario.AssertOutcome(results, "online", Outcome.Pass, Reason.Ok);
        Assert.Equal(1.0, results["online"].Value);
        Assert.Contains("住房公积金提取: fully online", results["online"].Detail);
        ProbeScenario.AssertOutcome(results, "mixed", Outcome.Fail, Reason.Partial);
        Assert.Equal(0.4, results["mixed"].Value); // 公积金 and 身份证 of the five sampled
        ProbeScenario.AssertOutcome(results, "counter", Outcome.Fail, Reason.Partial); // a 全程网办专区 menu link changes nothing
        Assert.Equal(0.0, results["counter"].Value);
        ProbeScenario.AssertOutcome(results, "noguides", Outcome.Error, Reason.Undecided);
        ProbeScenario.AssertOutcome(results, "nosearch", Outcome.Error, Reason.Undecided);
        Assert.Contains("no site search box", results["nosearch"].Detail);
    }

    [Fact]
    public async Task Guides_listed_in_the_manifest_are_read_without_searching()
    {
        var results = await ProbeScenario.RunAsync(OnlineShareProbe.ProbeKey, [ProbeScenario.Site("listed", f => { f.Guides = GuideMode.Mixed; f.Search = SearchMode.None; })],
            adjust: p => p with
            {
                Hints = new Dictionary<string, IReadOnlyDictionary<string, string>>
                {
                    [OnlineShareProbe.ProbeKey] = new Dictionary<string, string> { ["guides"] = $"{new Uri(p.EntryUrl, "/guide?item=住房公积金提取")} {new Uri(p.EntryUrl, "/guide?item=机动车驾驶证换证")}" },
                },
            });
        ProbeScenario.AssertOutcome(results, "listed", Outcome.Fail, Reason.Partial);
        Assert.Equal(0.5, results["listed"].Value);
    }
}
