using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Probes.EnglishMode;
using ZhangbanProbe.Replicas;
using R = ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.EnglishMode;

[Trait("Category", "Browser")]
[Collection("browser")]
public class EnglishModeProbeTests
{
    [Fact]
    public async Task Every_kind_of_english_switch_and_every_broken_one_gets_its_exact_verdict()
    {
        var results = await RunAsync(EnglishModeProbe.ProbeKey,
        [
            Site("en-link"),
            Site("en-label-en", f => f.EnglishLabel = "EN"),
            Site("en-label-cn", f => f.EnglishLabel = "英文版"),
            Site("en-version", f => f.EnglishLabel = "English Version"),
            Site("en-script", f => f.English = R.EnglishMode.ScriptToggle),
            Site("en-otherhost", f => f.English = R.EnglishMode.OtherHost),
            Site("en-hreflang", f => f.English = R.EnglishMode.HreflangOnly),
            Site("en-select", f => f.English = R.EnglishMode.Select),
            Site("en-dead", f => f.English = R.EnglishMode.DeadLink),
            Site("en-noeffect", f => f.English = R.EnglishMode.NoEffect),
            Site("en-none", f => f.English = R.EnglishMode.None),
            new ReplicaSite { Id = "en-captcha", Province = "浙江", Wall = ReplicaWall.SliderCaptcha },
            Site("en-hint-stale"),
            Site("en-hinted", f => f.EnglishLabel = "Foreign Visitors"),   // no heuristic finds this label; the manifest hint does
        ], adjust: p => p.Id switch
        {
            "en-hint-stale" => p with { Hints = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["english-mode"] = new Dictionary<string, string> { ["selector"] = "#language-switch" } } },
            "en-hinted" => p with { Hints = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["english-mode"] = new Dictionary<string, string> { ["url"] = new Uri(p.EntryUrl, "/en/").ToString() } } },
            _ => p,
        });

        foreach (var pass in new[] { "en-link", "en-label-en", "en-label-cn", "en-version", "en-script", "en-otherhost", "en-hreflang", "en-select" })
            AssertOutcome(results, pass, Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "en-dead", Outcome.Fail, Reason.DeadLink);
        AssertOutcome(results, "en-noeffect", Outcome.Fail, Reason.NoEffect);
        AssertOutcome(results, "en-none", Outcome.Fail, Reason.Missing);
        AssertOutcome(results, "en-captcha", Outcome.Blocked, Reason.Captcha);
        AssertOutcome(results, "en-hint-stale", Outcome.Error, Reason.HintStale);
        AssertOutcome(results, "en-hinted", Outcome.Pass, Reason.Ok);
        Assert.Contains("manifest hint url", results["en-hinted"].Detail);

        // The English page on another host is followed, and the URL chain shows it.
        Assert.Contains(results["en-otherhost"].Urls, u => u.StartsWith("http://en-en-otherhost.localhost:"));
        Assert.True(results["en-link"].Value > 0.9);
        Assert.Contains(results["en-link"].Evidence, e => e.Kind == "screenshot" && File.Exists(e.Path));
        Assert.Contains("HTTP 404", results["en-dead"].Detail);
    }
}

[Trait("Category", "Unit")]
public class EnglishModeRulesTests
{
    private static Clickable C(int i, string tag, string text, string href = "", string hreflang = "", string aria = "") =>
        new(i, tag, text, href, hreflang, "", aria, "", "", true);

    [Trait("Category", "Unit")]
    [Theory]
    [InlineData("English")]
    [InlineData("EN")]
    [InlineData("ENGLISH")]
    [InlineData("英文")]
    [InlineData("English Version")]
    [InlineData("英文版")]
    public void Finds_the_usual_labels(string label)
    {
        var found = EnglishModeRules.FindSwitch([C(0, "a", "首页", "/"), C(1, "a", "登录", "/login"), C(2, "a", label, "/en/")]);
        Assert.Equal(2, found!.Index);
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Does_not_mistake_words_that_merely_contain_en()
    {
        Assert.Null(EnglishModeRules.FindSwitch([C(0, "a", "Enterprise services", "/biz"), C(1, "a", "OPEN", "/open"), C(2, "a", "政务公开", "/gk")]));
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Falls_back_to_hreflang_alternates_and_language_selects()
    {
        Assert.Equal("link", EnglishModeRules.FindSwitch([C(0, "a", "首页"), C(1, "link", "", "https://x.gov.cn/en/", "en")])!.Tag);
        Assert.Equal("select", EnglishModeRules.FindSwitch([C(0, "select", "简体中文 | 繁體中文 | English")])!.Tag);
        Assert.Equal(2, EnglishModeRules.FindSwitch([C(0, "a", "首页"), C(1, "a", ""), C(2, "button", "", aria: "English")])!.Index);
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Judges_latin_share_and_unchanged_pages()
    {
        Assert.Equal(Outcome.Pass, EnglishModeRules.Judge("en", 0.95, "中文页面", "English page", 0.6).Item1);
        Assert.Equal(Reason.NoEffect, EnglishModeRules.Judge("zh-CN", 0.05, "办事服务 首页", "办事服务 首页", 0.6).Item2);
        Assert.Equal(Reason.NotTranslated, EnglishModeRules.Judge("en", 0.3, "办事服务 首页", "Home 办事服务 个人服务 法人服务 社保查询", 0.6).Item2);
    }
}
