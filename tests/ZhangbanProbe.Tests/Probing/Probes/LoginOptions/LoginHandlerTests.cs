using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.LoginOptions;
using ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.LoginOptions;

/// <summary>
/// A 登录 entry written as <c>href="javascript:void(0)"</c> with its handler in a script file, as many portal headers
/// are: when the script does not load, nothing opens, and the entry page's own words (找回密码, 扫码下载APP) must not be
/// read as the login page's.
/// </summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class LoginHandlerTests
{
    private static ReplicaSite Entry(string id, string scripts)
    {
        var site = HtmlSite(id, """
            <header><h1>测试办</h1><a href="javascript:void(0)" onclick="showLogin()">登录</a></header>
            <p>个人服务 法人服务</p><footer>扫码下载APP · 找回密码 · 主办单位：测试办</footer>
            """, head: scripts);
        site.Pages["/js/login-ok.js"] = "function showLogin(){var d=document.createElement('div');d.innerHTML='<h2>用户登录</h2><p>账号密码登录</p><p>短信验证码登录</p>';document.body.appendChild(d);}";
        site.Pages["/js/login-noop.js"] = "function showLogin(){}";
        return site;
    }

    [Fact]
    public async Task A_login_entry_whose_handler_did_not_load_is_undecided_one_that_opens_nothing_is_missing()
    {
        var results = await RunAsync(LoginOptionsProbe.ProbeKey,
        [
            Entry("lh-unloaded", """<script src="/js/login-missing.js"></script>"""),
            Entry("lh-noop", """<script src="/js/login-noop.js"></script>"""),
            Entry("lh-ok", """<script src="/js/login-ok.js"></script>"""),
        ]);

        AssertOutcome(results, "lh-unloaded", Outcome.Error, Reason.Undecided);
        Assert.Contains("login-missing.js", results["lh-unloaded"].Detail);
        AssertOutcome(results, "lh-noop", Outcome.Fail, Reason.Missing);
        Assert.Contains("opens nothing", results["lh-noop"].Detail);
        AssertOutcome(results, "lh-ok", Outcome.Pass, Reason.Ok);
    }
}
