using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Probes.ConvenienceServices;
using ZhangbanProbe.Probing.Probes.ELicence;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Probes.ConvenienceServices;

[Trait("Category", "Unit")]
public class ServiceEntryLabelTests
{
    [Theory]
    [InlineData("社保查询", "social_security")]
    [InlineData("医保服务", "social_security")]
    [InlineData("养老保险", "social_security")]
    [InlineData("住房公积金", "housing_fund")]
    [InlineData("生活缴费", "payments")]
    [InlineData("水电燃气缴费", "payments")]
    [InlineData("个人服务", null)]
    public void Convenience_labels_as_portals_write_them(string label, string? kind) =>
        Assert.Equal(kind, ConvenienceServicesProbe.Kinds.FirstOrDefault(k => k.Label.IsMatch(label))?.Name);

    [Theory]
    [InlineData("电子证照", "e_licence")]
    [InlineData("我的证照", "e_licence")]
    [InlineData("亮证", "e_licence")]
    [InlineData("电子社保卡", "e_licence")]
    [InlineData("卡包", "e_licence")]
    [InlineData("社保查询", "data_query")]
    [InlineData("公积金余额查询", "data_query")]
    [InlineData("不动产登记查询", "data_query")]
    [InlineData("办件查询", null)] // the case-progress query is progress-query's
    [InlineData("进度查询", null)]
    [InlineData("证照办理指南", null)]
    public void Licence_and_data_query_labels_as_portals_write_them(string label, string? kind) =>
        Assert.Equal(kind, ELicenceProbe.Kinds.FirstOrDefault(k => k.Label.IsMatch(label))?.Name);
}

[Trait("Category", "Unit")]
public class ServiceEntryRulesTests
{
    private const string Entry = "浙里办\n浙江政务服务网\n登录\n个人服务\n社保查询\n公积金\n主办单位：浙江省人民政府办公厅\n政府网站标识码：3300000001";

    [Fact]
    public void A_page_with_only_the_site_chrome_is_an_empty_shell()
    {
        var own = ServiceEntryRules.OwnText("浙里办\n登录\n主办单位：浙江省人民政府办公厅\n政府网站标识码：3300000001", Entry);
        Assert.Equal(ServiceTarget.EmptyShell, ServiceEntryRules.JudgeTarget(own).Target);
    }

    [Theory]
    [InlineData("公积金\n栏目建设中，敬请期待！")]
    [InlineData("电子证照\n即将上线")]
    [InlineData("该服务系统升级维护中，给您带来不便敬请谅解。请稍后访问本页面或拨打12345咨询。")]
    public void A_page_that_says_it_is_not_there_yet_is_an_empty_shell(string text) =>
        Assert.Equal(ServiceTarget.EmptyShell, ServiceEntryRules.JudgeTarget(ServiceEntryRules.OwnText(text, Entry)).Target);

    [Fact]
    public void A_service_page_with_its_own_items_works_even_when_it_mentions_upgrades_in_passing()
    {
        var text = "住房公积金服务\n公积金账户余额查询\n住房公积金提取\n公积金贷款进度查询\n本服务由省住房公积金管理中心提供。\n" +
                   string.Concat(Enumerable.Repeat("温馨提示：每月1日凌晨系统升级维护期间暂停提取业务办理，其余时间可正常办理，感谢您的理解与支持。", 4));
        Assert.Equal(ServiceTarget.Works, ServiceEntryRules.JudgeTarget(ServiceEntryRules.OwnText(text, Entry)).Target);
    }

    [Theory]
    [InlineData("请下载APP办理")]
    [InlineData("该功能请在手机端使用")]
    [InlineData("请使用微信扫码办理")]
    [InlineData("请打开支付宝小程序")]
    public void A_notice_sending_the_user_to_the_app_is_not_judged(string notice)
    {
        var (target, note) = ServiceEntryRules.JudgeTarget(notice);
        Assert.Equal(ServiceTarget.NotChecked, target);
        Assert.Contains("app", note);
    }

    [Fact]
    public void The_verdict_over_kinds()
    {
        ServiceFinding W(string n) => new(n, "x", ServiceTarget.Works);
        Assert.Equal((Outcome.Pass, Reason.Ok), Verdict([W("a"), new("b", "y", ServiceTarget.SignIn), new("c", null, null)], 2));
        Assert.Equal((Outcome.Fail, Reason.DeadLink), Verdict([W("a"), W("b"), new("c", "z", ServiceTarget.Dead)], 2));
        Assert.Equal((Outcome.Fail, Reason.EmptyPage), Verdict([W("a"), new("b", "y", ServiceTarget.EmptyShell)], 1));
        Assert.Equal((Outcome.Fail, Reason.Missing), Verdict([new("a", null, null), new("b", null, null)], 1));
        Assert.Equal((Outcome.Fail, Reason.Partial), Verdict([W("a"), new("b", null, null)], 2));
        // Enough entries, but one could not be followed past a wall: blocked, never a portal failure.
        Assert.Equal((Outcome.Blocked, Reason.Captcha), Verdict([W("a"), new("b", "y", ServiceTarget.NotChecked)], 2, Reason.Captcha));
        Assert.Equal((Outcome.Error, Reason.Network), Verdict([W("a"), new("b", "y", ServiceTarget.NotChecked)], 2));
    }

    private static (Outcome, Reason) Verdict(IReadOnlyList<ServiceFinding> f, int min, Reason? wall = null)
    {
        var (o, r, _) = ServiceEntryRules.Judge(f, min, wall);
        return (o, r);
    }
}

[Trait("Category", "Browser")]
[Collection("browser")]
public class ServiceEntriesProbeTests
{
    [Fact]
    public async Task Convenience_services_that_work_pass_a_dead_or_empty_one_fails_an_app_notice_is_not_judged()
    {
        var results = await ProbeScenario.RunAsync(ConvenienceServicesProbe.ProbeKey, [
            Site("works", f => { }), Site("dead", f => f.Services = ServicesMode.DeadLink), Site("shell", f => f.Services = ServicesMode.EmptyShell),
            Site("app", f => f.Services = ServicesMode.AppOnly), Site("none", f => f.Services = ServicesMode.None),
        ]);
        ProbeScenario.AssertOutcome(results, "works", Outcome.Pass, Reason.Ok);
        Assert.Equal(3, results["works"].Value);
        ProbeScenario.AssertOutcome(results, "dead", Outcome.Fail, Reason.DeadLink);
        Assert.Contains("payments: '生活缴费'", results["dead"].Detail);
        ProbeScenario.AssertOutcome(results, "shell", Outcome.Fail, Reason.EmptyPage);
        Assert.Contains("建设中", results["shell"].Detail);
        Assert.True(results["shell"].Evidence.Count >= 2, "the empty shell is shown beside the entry page");
        ProbeScenario.AssertOutcome(results, "app", Outcome.Pass, Reason.Ok); // two of three work; the app notice is no failure
        Assert.Contains("points to the app", results["app"].Detail);
        ProbeScenario.AssertOutcome(results, "none", Outcome.Fail, Reason.Missing);
    }

    [Fact]
    public async Task E_licences_behind_a_sign_in_work_a_dead_or_empty_entry_fails_and_a_missing_kind_is_partial()
    {
        var results = await ProbeScenario.RunAsync(ELicenceProbe.ProbeKey, [
            Site("works", f => { }), Site("account", f => f.Licence = LicenceMode.SignIn), Site("dead", f => f.Licence = LicenceMode.DeadLink),
            Site("shell", f => f.Licence = LicenceMode.EmptyShell), Site("none", f => f.Licence = LicenceMode.None),
        ]);
        ProbeScenario.AssertOutcome(results, "works", Outcome.Pass, Reason.Ok);
        ProbeScenario.AssertOutcome(results, "account", Outcome.Pass, Reason.Ok);
        Assert.Contains("asks to sign in", results["account"].Detail);
        ProbeScenario.AssertOutcome(results, "dead", Outcome.Fail, Reason.DeadLink);
        Assert.Contains("502", results["dead"].Detail);
        ProbeScenario.AssertOutcome(results, "shell", Outcome.Fail, Reason.EmptyPage);
        Assert.Contains("即将上线", results["shell"].Detail);
        ProbeScenario.AssertOutcome(results, "none", Outcome.Fail, Reason.Partial);
        Assert.Contains("e_licence: not found", results["none"].Detail);
    }

    private static ReplicaSite Site(string id, Action<ReplicaFeatures> features) => ProbeScenario.Site(id, features);
}

/// <summary>Service tiles as H5 home pages write them (a link around an icon, a div with an onclick, a modal sending users to the app).</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class ServiceTileFixtureTests
{
    [Fact]
    public async Task Tiles_written_as_links_divs_and_modals_are_followed_and_a_shell_behind_an_onclick_div_fails()
    {
        var results = await ProbeScenario.RunAsync(ConvenienceServicesProbe.ProbeKey, [
            Fixtures.Page("tiles-shell", "service-tiles.html", ("/shebao/index.html", "service-shebao.html"), ("/gjj/", "service-gjj-shell.html")),
            Fixtures.Page("tiles-ok", "service-tiles.html", ("/shebao/index.html", "service-shebao.html"), ("/gjj/", "service-gjj-page.html")),
        ]);
        ProbeScenario.AssertOutcome(results, "tiles-shell", Outcome.Fail, Reason.EmptyPage);
        Assert.Contains("暂未开通", results["tiles-shell"].Detail);
        ProbeScenario.AssertOutcome(results, "tiles-ok", Outcome.Pass, Reason.Ok); // 社保 and 公积金 work; the app modal is not judged
        Assert.Contains("points to the app", results["tiles-ok"].Detail);
        Assert.Equal(2, results["tiles-ok"].Value);
    }
}

/// <summary>
/// Tiles a framework (Vue, React) made tappable at run time: divs with a click listener and a pointer cursor, no link,
/// no onclick in the markup. A probe that reads only links and onclick attributes calls such a platform's entries
/// missing — a false accusation.
/// </summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class ScriptTileFixtureTests
{
    [Fact]
    public async Task Script_tiles_are_entries_and_are_followed_by_tapping_them()
    {
        var results = await ProbeScenario.RunAsync(ConvenienceServicesProbe.ProbeKey, [
            Fixtures.Page("spa-ok", "spa-tiles.html", ("/shebao/index.html", "service-shebao.html"), ("/gjj/", "service-gjj-page.html")),
            Fixtures.Page("spa-shell", "spa-tiles.html", ("/shebao/index.html", "service-shebao.html"), ("/gjj/", "service-gjj-shell.html")),
        ]);
        ProbeScenario.AssertOutcome(results, "spa-ok", Outcome.Pass, Reason.Ok);
        Assert.Equal(2, results["spa-ok"].Value);
        // The tap led somewhere, and what it led to is judged: an empty shell behind a script tile fails.
        ProbeScenario.AssertOutcome(results, "spa-shell", Outcome.Fail, Reason.EmptyPage);
        Assert.Contains("暂未开通", results["spa-shell"].Detail);
    }

    [Fact]
    public async Task Feedback_entries_written_as_script_tiles_are_found()
    {
        var results = await ProbeScenario.RunAsync(ZhangbanProbe.Probing.Probes.FeedbackChannel.FeedbackChannelProbe.ProbeKey, [Fixtures.Page("spa", "spa-tiles.html")]);
        ProbeScenario.AssertOutcome(results, "spa", Outcome.Pass, Reason.Ok);
        Assert.Contains("好差评", results["spa"].Detail);
        Assert.Contains("12345", results["spa"].Detail);
        // An ARIA link (a span with role=link, no pointer cursor) is a control too.
        Assert.Contains("'投诉建议' (span)", results["spa"].Detail);
        Assert.Equal(3, results["spa"].Value);
    }
}

/// <summary>The licence wallet and data queries as H5 apps write them (a script-tappable 卡包 row, query links).</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class LicenceWalletFixtureTests
{
    [Fact]
    public async Task A_wallet_asking_to_sign_in_works_and_one_under_construction_fails()
    {
        var results = await ProbeScenario.RunAsync(ELicenceProbe.ProbeKey, [
            Fixtures.Page("wallet-sign-in", "licence-my.html", ("/dzzz/", "login-entry.html"), ("/sbcx/index.html", "service-shebao.html")),
            Fixtures.Page("wallet-shell", "licence-my.html", ("/dzzz/", "service-gjj-shell.html"), ("/sbcx/index.html", "service-shebao.html")),
        ]);
        ProbeScenario.AssertOutcome(results, "wallet-sign-in", Outcome.Pass, Reason.Ok);
        Assert.Contains("asks to sign in", results["wallet-sign-in"].Detail);
        Assert.Equal(2, results["wallet-sign-in"].Value);
        ProbeScenario.AssertOutcome(results, "wallet-shell", Outcome.Fail, Reason.EmptyPage);
        Assert.Contains("暂未开通", results["wallet-shell"].Detail);
    }
}
