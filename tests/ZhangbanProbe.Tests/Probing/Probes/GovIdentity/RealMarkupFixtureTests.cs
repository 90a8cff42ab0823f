using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.GovIdentity;
using ZhangbanProbe.Probing.Probes.LoginOptions;
using ZhangbanProbe.Probing.Probes.PrivacyPolicy;
using ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.Fixtures;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.GovIdentity;

/// <summary>
/// gov-identity (and the probes that read login pages) on fixtures written after real-markup.md, rendered by real
/// Chromium in the mobile profile: exact outcome, reason and the text found.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public class RealMarkupFixtureTests
{
    [Fact]
    public async Task Footers_as_real_pages_write_them()
    {
        var redirect = Page("gi-redirect", "device-redirect-pc.html");
        redirect.Pages["m:/"] = RealMarkup("device-redirect-mobile.html");
        var results = await RunAsync(GovIdentityProbe.ProbeKey,
        [
            Page("gi-sichuan", "sichuan-registry-prefix.html"),
            Page("gi-xian", "xian-label-less.html"),
            Page("gi-two-footers", "two-footers.html"),
            Page("gi-hidden-mark", "hidden-mark-link.html"),
            Page("gi-script-footer", "script-footer.html"),
            Page("gi-meta-only", "meta-only-code.html"),
            Page("gi-empty-mark", "empty-mark-container.html"),
            Page("gi-login", "login-entry.html"),
            Page("gi-slider", "slider-page.html"),
            Page("gi-no-links", "footer-without-links.html"),
            redirect,
        ]);

        AssertOutcome(results, "gi-sichuan", Outcome.Pass, Reason.Ok);
        Assert.Contains("icp: 蜀ICP备 13001288号", results["gi-sichuan"].Detail);
        Assert.Contains("public_security: 川公网安备 51010402000507号", results["gi-sichuan"].Detail);
        Assert.Contains("site_code: 5100000062", results["gi-sichuan"].Detail);

        AssertOutcome(results, "gi-xian", Outcome.Pass, Reason.Ok);
        Assert.Contains("sponsor: 西安市人民政府办公厅", results["gi-xian"].Detail);
        Assert.Contains("site_code: 6101000035 [written 识别码]", results["gi-xian"].Detail);
        Assert.Contains("icp: 陕ICP备05000079", results["gi-xian"].Detail);

        // The mobile footer is the one a phone shows; its ICP number is the one reported, the hidden PC one is not a conflict.
        AssertOutcome(results, "gi-two-footers", Outcome.Pass, Reason.Ok);
        Assert.Contains("icp: 粤ICP备12345678号-2", results["gi-two-footers"].Detail);
        Assert.DoesNotContain("conflict", results["gi-two-footers"].Detail);

        AssertOutcome(results, "gi-hidden-mark", Outcome.Fail, Reason.Partial);
        Assert.Contains("party_gov_mark (a hidden link to conac.cn only", results["gi-hidden-mark"].Detail);

        AssertOutcome(results, "gi-script-footer", Outcome.Pass, Reason.Ok);
        Assert.Contains("sponsor: 中共青岛市委、青岛市人民政府", results["gi-script-footer"].Detail);

        AssertOutcome(results, "gi-meta-only", Outcome.Fail, Reason.Partial);
        Assert.Contains("site_code (meta only (SiteIDCode 4500000123)", results["gi-meta-only"].Detail);
        Assert.Contains("public_security: 桂公网安备 45010302001240", results["gi-meta-only"].Detail);

        AssertOutcome(results, "gi-empty-mark", Outcome.Fail, Reason.Partial);
        Assert.Contains("div.j-gov", results["gi-empty-mark"].Detail);
        Assert.Contains("sponsor: 中共安徽省委教育工委 安徽省教育厅", results["gi-empty-mark"].Detail);
        Assert.Contains("site_code: 3400000046", results["gi-empty-mark"].Detail);

        // A login page's footer is readable: no login wall for gov-identity (its hidden slider modal is no wall either).
        AssertOutcome(results, "gi-login", Outcome.Pass, Reason.Ok);
        Assert.Contains("site_code: 4400000106", results["gi-login"].Detail);

        AssertOutcome(results, "gi-slider", Outcome.Blocked, Reason.Captcha);

        // A page without a single link is read, not a probe error; only the mark (no conac link) is missing.
        AssertOutcome(results, "gi-no-links", Outcome.Fail, Reason.Partial);
        Assert.StartsWith("missing: party_gov_mark", results["gi-no-links"].Detail);

        AssertOutcome(results, "gi-redirect", Outcome.Pass, Reason.Ok);
        Assert.Contains(results["gi-redirect"].Urls, u => u.StartsWith("http://m-gi-redirect.localhost", StringComparison.Ordinal));
        Assert.Contains("icp: 鄂ICP备05009168", results["gi-redirect"].Detail);
    }

    [Fact]
    public async Task A_login_page_is_read_by_login_options_and_privacy_policy_not_reported_as_a_wall()
    {
        var login = await RunAsync(LoginOptionsProbe.ProbeKey, [Page("lo-login", "login-entry.html"), Page("lo-slider", "slider-page.html")]);
        AssertOutcome(login, "lo-login", Outcome.Pass, Reason.Ok);
        Assert.Contains("app_scan", login["lo-login"].Detail);
        Assert.Contains("eid_or_face", login["lo-login"].Detail);
        AssertOutcome(login, "lo-slider", Outcome.Blocked, Reason.Captcha);

        var privacy = await RunAsync(PrivacyPolicyProbe.ProbeKey,
        [
            Page("pp-login", "login-entry.html"),
            // The documents only where users sign in: the entry page links 登录, the login page links them.
            Page("pp-via-login", "entry-login-only.html", ("/user/login.html", "login-entry.html")),
        ]);
        AssertOutcome(privacy, "pp-login", Outcome.Pass, Reason.Ok);
        AssertOutcome(privacy, "pp-via-login", Outcome.Pass, Reason.Ok);
        Assert.Contains("privacy policy linked from the login page", privacy["pp-via-login"].Detail);
    }
}
