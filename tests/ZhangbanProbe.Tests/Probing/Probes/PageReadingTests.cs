using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Probes.CityEntries;
using ZhangbanProbe.Probing.Probes.ElderlyMode;
using ZhangbanProbe.Probing.Probes.EnglishMode;
using ZhangbanProbe.Probing.Probes.FeedbackChannel;
using ZhangbanProbe.Probing.Probes.LoginOptions;
using ZhangbanProbe.Probing.Probes.OfflineChannels;
using ZhangbanProbe.Probing.Probes.PrivacyPolicy;
using ZhangbanProbe.Probing.Probes.ProgressQuery;
using ZhangbanProbe.Probing.Probes.Search;

namespace ZhangbanProbe.Tests.Probes;

/// <summary>
/// The pure reading of every probe that reads page text, on the labels and answers real pages use
/// (real-markup.md, docs/real-markup-notes.md): clickables and text in, findings out, no browser.
/// </summary>
[Trait("Category", "Unit")]
public class PageReadingTests
{
    private static Clickable Link(string text, string href = "https://x.gov.cn/p", bool visible = true, string alt = "") =>
        new(0, "a", text, href, "", "", "", alt, "", visible);

    [Theory]
    [InlineData("English")]
    [InlineData("EN")]
    [InlineData("ENGLISH")]
    [InlineData("English Version")]
    [InlineData("英文版")]
    [InlineData("中文 | English")]
    public void English_switch_labels(string label) =>
        Assert.NotNull(EnglishModeRules.FindSwitch([Link("简体"), Link("繁體"), Link(label, "http://en.xa.gov.cn/")]));

    [Theory]
    [InlineData("简体")]
    [InlineData("繁體")]
    [InlineData("繁体中文")]
    public void Chinese_script_switches_are_not_English(string label) => Assert.Null(EnglishModeRules.FindSwitch([Link(label)]));

    [Fact]
    public void A_hidden_switch_is_never_found_but_is_named()
    {
        var all = new[] { Link("English", visible: false) };
        Assert.Null(EnglishModeRules.FindSwitch(all));
        Assert.Contains("hidden", ClickableMatcher.HiddenNote(all, EnglishModeRules.LabelPatterns));
    }

    [Theory]
    [InlineData("长者版")]
    [InlineData("长者专版")]
    [InlineData("长者专区")]
    [InlineData("长者模式")]
    [InlineData("长者助手")]
    [InlineData("关怀版")]
    [InlineData("老年版")]
    [InlineData("适老化")]
    [InlineData("适老化无障碍服务")]
    [InlineData("长辈版")]
    public void Elderly_switch_labels(string label) => Assert.NotNull(ClickableMatcher.Find([Link(label)], ElderlyModeRules.LabelPatterns));

    [Fact]
    public void An_elderly_switch_that_is_only_an_image_is_found_by_its_alt() =>
        Assert.NotNull(ClickableMatcher.Find([Link("", alt: "适老化无障碍服务")], ElderlyModeRules.LabelPatterns));

    [Theory]
    [InlineData("无障碍")]
    [InlineData("无障碍浏览")]
    public void An_accessibility_toolbar_is_not_an_elderly_mode(string label) =>
        Assert.Null(ClickableMatcher.Find([Link(label)], ElderlyModeRules.LabelPatterns));

    [Fact]
    public void Login_tabs_as_real_login_pages_write_them()
    {
        var found = LoginOptionsRules.Read("个人登录 单位登录 扫码登录 电子社保卡登录 省统一身份认证 数字证书 请输入密码");
        Assert.Contains("app_scan", found);
        Assert.Contains("eid_or_face", found);
        Assert.Contains("password", found);
        Assert.Equal((Outcome.Pass, Reason.Ok), Pair(LoginOptionsRules.Judge(found, 2)));
        Assert.Equal((Outcome.Fail, Reason.Missing), Pair(LoginOptionsRules.Judge(LoginOptionsRules.Read("个人登录 单位登录"), 2)));
    }

    [Theory]
    [InlineData("隐私政策")]
    [InlineData("《隐私政策》")]
    [InlineData("隐私声明")]
    [InlineData("个人信息保护政策")]
    [InlineData("隐私条款")]
    public void Privacy_policy_labels(string label) => Assert.NotNull(ClickableMatcher.Find([Link(label)], PrivacyPolicyRules.PolicyLabels));

    [Theory]
    [InlineData("《用户服务协议》")]
    [InlineData("用户协议")]
    [InlineData("服务条款")]
    [InlineData("平台服务协议")]
    public void Agreement_labels(string label) => Assert.NotNull(ClickableMatcher.Find([Link(label)], PrivacyPolicyRules.AgreementLabels));

    [Theory]
    [InlineData("好差评", "rating_haochaping")]
    [InlineData("我要投诉", "complaint")]
    [InlineData("市长信箱", "enquiry")]
    [InlineData("12345热线", "hotline_12345")]
    [InlineData("智能客服", "enquiry")]
    public void Feedback_entries(string label, string kind) =>
        Assert.Matches(FeedbackChannelProbe.Kinds.Single(k => k.Name == kind).Label, label);

    [Theory]
    [InlineData("预约办事", "appointment")]
    [InlineData("网上取号", "appointment")]
    [InlineData("办事地图", "service_hall")]
    [InlineData("政务服务中心", "service_hall")]
    [InlineData("就近办", "service_hall")]
    public void Offline_entries(string label, string kind) =>
        Assert.Matches(OfflineChannelsProbe.Kinds.Single(k => k.Name == kind).Label, label);

    [Theory]
    [InlineData("杭州市", "浙江", true)]
    [InlineData("广州", "广东", true)]
    [InlineData("深圳", "广东", true)]
    [InlineData("黔东南州", "贵州", true)]
    [InlineData("黔东南苗族侗族自治州", "贵州", true)]
    [InlineData("锡林郭勒盟", "内蒙古", true)]
    [InlineData("阿克苏地区", "新疆", true)]
    [InlineData("第八师", "新疆生产建设兵团", true)]
    [InlineData("成都站", "四川", true)]
    [InlineData("浦东新区", "上海", true)]
    [InlineData("浦东新区", "江苏", false)]
    [InlineData("社保查询", "浙江", false)]
    [InlineData("省本级", "浙江", false)]
    [InlineData("杭州亚运会专题", "浙江", false)]
    public void City_channel_names_with_and_without_suffix(string text, string province, bool isCity) =>
        Assert.Equal(isCity, CityEntriesRules.IsCity(Link(text, "https://x.gov.cn/city"), province));

    [Fact]
    public void Every_index_prefecture_name_is_recognised_as_written_with_市()
    {
        foreach (var name in CityEntriesRules.Prefectures) Assert.True(CityEntriesRules.IsCity(Link(name + "市"), ""), name);
    }

    [Theory]
    [InlineData("抱歉，没有找到与“社保”相关的结果")]
    [InlineData("共找到 0 条结果")]
    [InlineData("检索到0条")]
    [InlineData("未搜索到相关内容")]
    public void Search_no_results_answers(string answer) =>
        Assert.Equal((Outcome.Fail, Reason.NotFound), Pair(SearchRules.Read("社保", "首页 搜索", "首页 搜索 " + answer)!.Value));

    [Fact]
    public void Search_results_mentioning_the_term_pass() =>
        Assert.Equal((Outcome.Pass, Reason.Ok), Pair(SearchRules.Read("社保", "首页", "共找到 25 条 社保卡申领 社保缴费查询")!.Value));

    [Theory]
    [InlineData("办件查询")]
    [InlineData("查进度")]
    [InlineData("办件进度查询")]
    [InlineData("查件")]
    public void Progress_query_entries(string label) => Assert.NotNull(ClickableMatcher.Find([Link(label)], ProgressQueryRules.LabelPatterns));

    [Theory]
    [InlineData("未查询到相关办件信息", Reason.AnsweredNotFound)]
    [InlineData("暂无办件", Reason.AnsweredNotFound)]
    [InlineData("受理号 201633542448 状态 已受理", Reason.Ok)]
    public void Progress_answers(string answer, Reason reason) =>
        Assert.Equal((Outcome.Pass, reason), Pair(ProgressQueryRules.ReadAnswer("请输入受理编号 查询 " + answer, "请输入受理编号 查询")!.Value));

    private static (Outcome, Reason) Pair((Outcome, Reason, string) t) => (t.Item1, t.Item2);
}

/// <summary>Which answers on a followed link are the portal's broken link, and which are a wall or our own network.</summary>
[Trait("Category", "Unit")]
public class LinkAnswerTests
{
    [Theory]
    [InlineData(404, true)]
    [InlineData(410, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(403, false)]
    [InlineData(412, false)]
    [InlineData(429, false)]
    [InlineData(503, false)]
    [InlineData(200, false)]
    public void Dead_link_statuses(int status, bool dead) => Assert.Equal(dead, FailureClassifier.IsDeadLinkStatus(status));

    [Fact]
    public void A_refused_target_is_a_wall_a_missing_one_a_dead_link()
    {
        var page = new PageSnapshot("https://en.x.gov.cn/", 403, "", new string('x', 500), "<html></html>");
        Assert.Equal(Outcome.Blocked, PageTools.TargetProblem(page, 403, "the English page")!.Value.Outcome);
        Assert.Equal((Outcome.Fail, Reason.DeadLink), Pair(PageTools.TargetProblem(page with { Status = 404 }, 404, "the English page")!.Value));
        Assert.Null(PageTools.TargetProblem(page with { Status = 200 }, 200, "the English page"));
    }

    [Theory]
    [InlineData("net::ERR_NAME_NOT_RESOLVED", true)]
    [InlineData("net::ERR_CONNECTION_REFUSED", true)]
    [InlineData("net::ERR_ABORTED", true)]
    [InlineData("net::ERR_TUNNEL_CONNECTION_FAILED", true)] // the egress proxy refused it: ours, not the portal's
    [InlineData("net::ERR_NETWORK_ACCESS_DENIED", true)]
    [InlineData("net::ERR_CERT_DATE_INVALID", false)]
    public void Our_network_failures_are_not_the_portals(string failure, bool ours) => Assert.Equal(ours, FailureClassifier.IsOurNetworkFailure(failure));

    private static (Outcome, Reason) Pair((Outcome, Reason, string) t) => (t.Item1, t.Item2);
}
