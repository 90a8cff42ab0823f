using ZhangbanProbe.Core.Catalogue;
using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.LoginOptions;

/// <summary>Pure reading of the login methods a login page offers.</summary>
public static class LoginOptionsRules
{
    public static readonly (string Name, Regex Pattern)[] Methods =
    [
        ("password", new Regex("(密码登录|账号登录|帐号登录|账户登录|账号密码|用户名|登录密码|请输入密码|密码)")),
        ("sms_code", new Regex("(短信|验证码登录|手机验证码|动态码|手机号登录|手机登录|获取验证码)")),
        ("app_scan", new Regex("(扫码|扫一扫|二维码登录|APP扫码)", RegexOptions.IgnoreCase)),
        ("eid_or_face", new Regex("(电子身份证|网证|CTID|eID|刷脸|人脸|数字证书|CA登录|CA证书|ukey|电子社保卡|电子营业执照|身份认证APP)", RegexOptions.IgnoreCase)),
        ("foreigner", new Regex("(护照|永久居留|外国人|港澳|台湾居民|Passport|foreign)", RegexOptions.IgnoreCase)),
    ];

    public static IReadOnlyList<string> Read(string text) => Methods.Where(m => m.Pattern.IsMatch(text)).Select(m => m.Name).ToList();

    /// <summary>At least <paramref name="minMethods"/> methods: pass; one: fail partial (one way in excludes people).</summary>
    public static (Outcome, Reason, string) Judge(IReadOnlyList<string> found, int minMethods) =>
        found.Count >= minMethods
            ? (Outcome.Pass, Reason.Ok, $"login methods: {string.Join(", ", found)}")
            : found.Count == 0
                ? (Outcome.Fail, Reason.Missing, "the login page names no login method")
                : (Outcome.Fail, Reason.Partial, $"only {string.Join(", ", found)}");
}

/// <summary>
/// <c>login-options</c>: which login methods the login page offers — password, SMS code, app scan, e-ID or
/// face, passport or permanent-residence card for foreigners. It informs 登录核验便捷包容: a single way in
/// excludes those who cannot use it. The login page is the object here, so a login form is not a "wall".
/// Manifest hint: <c>url</c> (the login page). Setting <c>min_methods</c> (default 2).
/// </summary>
public sealed class LoginOptionsProbe : IIndicatorProbe
{
    public const string ProbeKey = "login-options";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("登录方式", "login options"),
        SettingsSchema.Of<LoginOptionsSettings>(),
        ["url"]);

    private static Regex[] LoginLabels => CommonLabels.Login;

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        // The login page is the object here: a login form is read, never a wall (a slider page, WAF or challenge still is).
        var (opened, stop) = await PageTools.OpenAsync(context, loginIsContent: true);
        if (stop is not null) return stop;
        Microsoft.Playwright.IPage page;
        Microsoft.Playwright.IResponse? response = null;
        var how = "";
        if (context.Hints.TryGetValue("url", out var url))
        {
            page = await opened.Context.NewPageAsync();
            response = await page.GotoAsync(url);
            await PageTools.SettleAsync(page);
            how = $"manifest hint url {url}";
        }
        else if (BlockDetector.Detect(opened.Snapshot) is { Reason: Reason.LoginWall })
        {
            // The entry itself is (or redirects to) the login page.
            page = opened.Page;
            how = "the entry page is the login page";
        }
        else
        {
            var clickables = await PageTools.ClickablesAsync(opened.Page);
            var login = ClickableMatcher.Find(clickables, LoginLabels);
            if (login is null) return await PageTools.StopAsync(context, opened, Outcome.Fail, Reason.Missing, "no 登录 entry on the entry page" + ClickableMatcher.HiddenNote(clickables, LoginLabels));
            var urlBefore = opened.Page.Url;
            var textBefore = (await PageReader.SnapshotAsync(opened.Page, null)).VisibleText;
            (page, response) = await PageTools.ActivateAsync(opened, login);
            how = $"via {login}";
            // Nothing opened (same page, same URL, same text): the entry page's own words are not the login page's.
            if (page == opened.Page && page.Url == urlBefore && (await PageReader.SnapshotAsync(page, response)).VisibleText == textBefore)
                return opened.Resources.Unloaded is { Count: > 0 } unloaded
                    ? await PageTools.StopAsync(context, opened, Outcome.Error, Reason.Undecided,
                        $"the 登录 entry ({login}) opens nothing, and scripts of the page did not load: {string.Join(", ", unloaded.Take(3))} (its handler may be one of them)")
                    : await PageTools.StopAsync(context, opened, Outcome.Fail, Reason.Missing, $"the 登录 entry ({login}) opens nothing: no login page, dialog or form appears");
        }
        var snapshot = await PageReader.SnapshotAsync(page, response);
        var text = snapshot.VisibleText;
        if (response is { Status: >= 400 } && PageTools.TargetProblem(snapshot, response.Status, $"the login page ({how})") is { } problem)
            return await PageTools.StopAsync(context, opened with { Page = page }, problem.Outcome, problem.Reason, problem.Detail);
        if (PageTools.Obstacle(snapshot, null, "the login page", loginIsContent: true) is { } wall)
            return await PageTools.StopAsync(context, opened with { Page = page }, wall.Outcome, wall.Reason, wall.Detail);
        var found = LoginOptionsRules.Read(text + " " + string.Join(" ", await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('img[alt],[title],[aria-label]')).slice(0, 2000).map(e => (e.alt || e.title || e.getAttribute('aria-label') || '').slice(0, 200))")));
        var (outcome, reason, detail) = LoginOptionsRules.Judge(found, context.Settings.As<LoginOptionsSettings>().MinMethods);
        var shot = await context.ScreenshotAsync(page, "login");
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = $"{detail} ({how})", Value = found.Count, Unit = "methods",
            Urls = opened.Urls.Append(page.Url).Distinct().ToList(),
            Measurements = LoginOptionsRules.Methods.Select(m => new Measurement(m.Name, found.Contains(m.Name) ? 1 : 0, "bool")).ToList(),
            Evidence = shot is null ? [] : [shot],
        };
    }
}
