using ZhangbanProbe.Core.Catalogue;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.PrivacyPolicy;

/// <summary>Pure rules of the privacy-policy probe.</summary>
public static class PrivacyPolicyRules
{
    public static readonly Regex[] PolicyLabels =
    [
        new("(隐私政策|隐私声明|隐私保护|个人信息保护政策|个人信息保护声明|隐私权政策|隐私条款|隐私协议|隐私保护指引|Privacy Policy)", RegexOptions.IgnoreCase),
    ];
    public static readonly Regex[] AgreementLabels = [new("(用户协议|服务协议|用户服务协议|注册协议|服务条款|使用条款|用户须知|使用协议|平台协议|用户服务条款|Terms of (Service|Use))", RegexOptions.IgnoreCase)];

    /// <summary>A document counts when reachable and about personal information (个人信息).</summary>
    public static (Outcome, Reason, string) Judge((bool Found, bool Reachable, bool AboutPersonalInfo) policy, (bool Found, bool Reachable, bool AboutPersonalInfo) agreement)
    {
        string Describe(string name, (bool Found, bool Reachable, bool About) d) =>
            !d.Found ? $"{name}: no link" : !d.Reachable ? $"{name}: link broken" : d.About ? $"{name}: reachable, mentions 个人信息" : $"{name}: reachable, but never mentions 个人信息";
        var detail = Describe("privacy policy", policy) + "; " + Describe("user agreement", agreement);
        var okPolicy = policy.Found && policy.Reachable && policy.AboutPersonalInfo;
        var okAgreement = agreement.Found && agreement.Reachable;
        if (okPolicy && okAgreement) return (Outcome.Pass, Reason.Ok, detail);
        if (!policy.Found && !agreement.Found) return (Outcome.Fail, Reason.Missing, detail);
        if ((policy.Found && !policy.Reachable) || (agreement.Found && !agreement.Reachable)) return (Outcome.Fail, Reason.DeadLink, detail);
        return (Outcome.Fail, Reason.Partial, detail);
    }
}

/// <summary>
/// <c>privacy-policy</c>: a privacy policy (隐私政策/隐私声明) and a user agreement (用户协议/服务协议) are linked from
/// the entry page, reachable, and about personal information (个人信息). It informs 用户协议合规: users hand these
/// platforms their identity numbers and must be told how they are used.
/// </summary>
public sealed class PrivacyPolicyProbe : IIndicatorProbe
{
    public const string ProbeKey = "privacy-policy";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("隐私政策与用户协议", "privacy policy and user agreement"),
        SettingsSchema.Of<NoSettings>(),
        []);

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        // Login pages carry these links (登录即同意《用户协议》《隐私政策》): a login form is read, not a wall.
        var (opened, stop) = await PageTools.OpenAsync(context, loginIsContent: true);
        if (stop is not null) return stop;
        var clickables = await PageTools.ClickablesAsync(opened.Page);
        var notes = new List<string>();
        (Outcome Outcome, Reason Reason, string Detail)? wall = null;
        var urls = opened.Urls.ToList();
        var evidence = new List<EvidenceItem>();

        async Task<(bool, bool, bool)> Check(Regex[] labels, string name)
        {
            var link = ClickableMatcher.Find(clickables, labels);
            if (link is null)
            {
                if (ClickableMatcher.HiddenNote(clickables, labels) is { Length: > 0 } hidden) notes.Add(name + hidden);
                return (false, false, false);
            }
            var (page, response) = await PageTools.ActivateAsync(opened, link);
            urls.Add(page.Url);
            if (PageTools.TargetProblem(await PageReader.SnapshotAsync(page, response), response?.Status, $"the {name} page") is { } problem)
            {
                if (problem.Outcome == Outcome.Blocked) { wall ??= problem; return (true, true, true); }
                return (true, false, false);
            }
            var text = await page.InnerTextAsync("body");
            if (await context.ScreenshotAsync(page, name) is { } shot) evidence.Add(shot);
            return (true, true, text.Contains("个人信息") || text.Contains("personal information", StringComparison.OrdinalIgnoreCase));
        }

        var policy = await Check(PrivacyPolicyRules.PolicyLabels, "privacy");
        var agreement = await Check(PrivacyPolicyRules.AgreementLabels, "agreement");
        // Portals often link these documents only where users sign up: the login page (登录即同意《用户协议》《隐私政策》).
        // A careful reviewer looks there too before calling them missing.
        if ((!policy.Item1 || !agreement.Item1) && wall is null && ClickableMatcher.Find(clickables, CommonLabels.Login) is { NavigatesByHref: true } login)
        {
            var (loginPage, loginResponse) = await PageTools.ActivateAsync(opened, login);
            var loginSnapshot = await PageReader.SnapshotAsync(loginPage, loginResponse);
            if (PageTools.TargetProblem(loginSnapshot, loginResponse?.Status, "the login page") is null
                || BlockDetector.Detect(loginSnapshot) is { Reason: Reason.LoginWall })
            {
                urls.Add(loginPage.Url);
                opened = opened with { Page = loginPage };
                clickables = await PageTools.ClickablesAsync(loginPage);
                var (policyBefore, agreementBefore) = (policy.Item1, agreement.Item1);
                if (!policy.Item1) policy = await Check(PrivacyPolicyRules.PolicyLabels, "privacy");
                if (!agreement.Item1) agreement = await Check(PrivacyPolicyRules.AgreementLabels, "agreement");
                if (policy.Item1 && !policyBefore) notes.Add("privacy policy linked from the login page");
                if (agreement.Item1 && !agreementBefore) notes.Add("user agreement linked from the login page");
            }
        }
        if (wall is { } w)
            return await PageTools.StopAsync(context, opened, w.Outcome, w.Reason, w.Detail);
        var (outcome, reason, detail) = PrivacyPolicyRules.Judge(policy, agreement);
        if (notes.Count > 0) detail += "; " + string.Join("; ", notes);
        if (evidence.Count == 0 && await context.ScreenshotAsync(opened.Page, "entry") is { } entryShot) evidence.Add(entryShot);
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail, Urls = urls.Distinct().ToList(), Evidence = evidence,
            Measurements = [new("privacy_policy", policy.Item3 ? 1 : 0, "bool"), new("user_agreement", agreement.Item2 ? 1 : 0, "bool")],
        };
    }
}
