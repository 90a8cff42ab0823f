using System.Text.RegularExpressions;

namespace ZhangbanProbe.Core.Outcomes;

/// <summary>What a probe saw of a page, enough to recognise a wall in front of the content.</summary>
public sealed record PageSnapshot(string Url, int? Status, string Title, string VisibleText, string Html)
{
    /// <summary>
    /// Ids, classes and sources of rendered elements only (null when not read). Captcha markup is judged here when
    /// present: a login page that loads a slider script for a modal nobody opened is readable, a slider on screen is a wall.
    /// </summary>
    public string? VisibleMarkup { get; init; }
}

/// <summary>
/// Recognises captchas, sliders, login walls, WAF pages and JavaScript challenges, so they are reported as
/// <see cref="Outcome.Blocked"/> and never mistaken for a portal failure. Detection only: nothing is solved.
/// </summary>
public static partial class BlockDetector
{
    // Markers seen on Chinese government portals and their vendors (Aliyun, Tencent, GeeTest, NetEase, Ruishu).
    private static readonly string[] CaptchaText =
        ["滑动验证", "拖动滑块", "向右滑动", "请按住滑块", "请完成安全验证", "点击完成验证", "请依次点击", "人机验证", "拼图验证"];
    // Generic words that also appear in ordinary content (a news item on 安全验证): a wall only on a short page.
    private static readonly string[] WeakCaptchaText = ["安全验证", "验证码校验"];
    private static readonly string[] CaptchaHtml =
        ["geetest", "nc_wrapper", "nc-container", "aliyun-captcha", "tcaptcha", "TencentCaptcha", "yidun", "slider-captcha", "captcha-slider", "data-captcha=\"slider\""];
    private static readonly string[] WafText =
        ["访问被拦截", "请求被拦截", "您的访问被阻断", "Web应用防火墙", "网站防火墙", "疑似攻击", "非法请求", "访问受限", "安全狗", "云盾", "您的请求带有不合法参数", "Access Denied", "Request blocked"];
    private static readonly string[] ChallengeText =
        ["正在进行安全检测", "请稍候，正在验证", "浏览器安全检查", "Checking your browser", "请开启JavaScript", "请启用JavaScript"];
    // Telling the visitor to sign in first: a wall on a short page.
    private static readonly string[] LoginText = ["请先登录", "请登录后"];
    // Also written on short H5 home pages that are content (a notice "部分服务需实名登录后办理", a link "统一身份认证",
    // "用户登录"): a wall only where a sign-in form is on the page.
    private static readonly string[] WeakLoginText = ["登录后查看", "登录后办理", "统一身份认证", "用户登录"];
    private static readonly string[] AnyLoginText = [.. LoginText, .. WeakLoginText];

    public static (Reason Reason, string Evidence)? Detect(PageSnapshot page)
    {
        var text = page.VisibleText ?? "";
        var html = page.Html ?? "";

        foreach (var t in CaptchaText)
            if (text.Contains(t, StringComparison.Ordinal)) return (Reason.Captcha, t);
        foreach (var t in WeakCaptchaText)
            if (text.Contains(t, StringComparison.Ordinal) && text.Trim().Length < 300) return (Reason.Captcha, t);
        var markup = page.VisibleMarkup ?? html;
        foreach (var h in CaptchaHtml)
            if (markup.Contains(h, StringComparison.OrdinalIgnoreCase)) return (Reason.Captcha, h);

        // Ruishu-style cookie challenges answer 412 with a script-only page; Cloudflare-style ones 403/503 with a challenge.
        var shortPage = text.Trim().Length < 200;
        if (page.Status is 412 || (page.Status is 403 or 503 && shortPage && html.Contains("<script", StringComparison.OrdinalIgnoreCase) && ChallengeText.Any(text.Contains)))
            return (Reason.JsChallenge, $"HTTP {page.Status}");
        foreach (var c in ChallengeText)
            if (text.Contains(c, StringComparison.Ordinal) && shortPage) return (Reason.JsChallenge, c);

        foreach (var w in WafText)
            if (text.Contains(w, StringComparison.OrdinalIgnoreCase) && (page.Status is 403 or 405 or 406 or 418 or 429 or 493 || shortPage))
                return (Reason.Waf, w);
        if (page.Status is 403 or 405 or 429 && shortPage)
            return (Reason.Waf, $"HTTP {page.Status}");

        var password = HasPasswordField().IsMatch(html);
        var signInForm = password || HasAccountField().IsMatch(html);
        if (IsLoginUrl(page.Url) || (shortPage && (LoginText.Any(text.Contains) || (signInForm && WeakLoginText.Any(text.Contains)))) ||
            (password && AnyLoginText.Any(t => page.Title.Contains(t) || text.Contains(t)) && text.Length < 1500))
            return (Reason.LoginWall, AnyLoginText.FirstOrDefault(text.Contains) ?? page.Url);

        return null;
    }

    /// <summary>
    /// A sign-in address: a login path (/login, /sso/, /cas/, /signin …) or a sign-in host (login., sso., passport.).
    /// Only the path and the host's first label are read: a word inside a host name (signin.example) or a query
    /// (?from=login) says nothing.
    /// </summary>
    public static bool IsLoginUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u)) return LoginPath().IsMatch(url);
        return LoginPath().IsMatch(u.AbsolutePath) || LoginHost().IsMatch(u.Host);
    }

    [GeneratedRegex(@"(/login(?![a-z])|/sso/|/cas/|/oauth|/passport/|/signin(?![a-z])|/sign-in|/uc/login)", RegexOptions.IgnoreCase)]
    private static partial Regex LoginPath();

    [GeneratedRegex(@"^(login|sso|passport|signin|auth|uc)\.", RegexOptions.IgnoreCase)]
    private static partial Regex LoginHost();

    [GeneratedRegex(@"<input[^>]+type\s*=\s*[""']?password", RegexOptions.IgnoreCase)]
    private static partial Regex HasPasswordField();

    /// <summary>An account, phone or ID-number box (a sign-in by SMS code has no password field).</summary>
    [GeneratedRegex(@"<input[^>]+placeholder\s*=\s*[""'][^""']*(手机号|账号|用户名|身份证号|证件号)", RegexOptions.IgnoreCase)]
    private static partial Regex HasAccountField();
}
