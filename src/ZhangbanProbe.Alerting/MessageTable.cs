using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Alerts;
using ZhangbanProbe.Core.Outcomes;

namespace ZhangbanProbe.Alerting;

/// <summary>
/// Every sentence a message can say, in Chinese (default) and English: outcomes, reason codes, probes and
/// transitions. A reason or probe without its sentences fails a test (<c>MessageTableTests</c>), so nothing
/// reaches a province half in English.
/// </summary>
public static partial class MessageTable
{
    public static readonly IReadOnlyDictionary<Outcome, (string Zh, string En)> Outcomes = new Dictionary<Outcome, (string, string)>
    {
        [Outcome.Pass] = ("通过", "pass"),
        [Outcome.Degraded] = ("降级", "degraded"),
        [Outcome.Fail] = ("未通过", "fail"),
        [Outcome.Blocked] = ("被拦截（未绕过）", "blocked (not bypassed)"),
        [Outcome.Error] = ("无法观测", "could not observe"),
    };

    public static readonly IReadOnlyDictionary<Reason, (string Zh, string En)> Reasons = new Dictionary<Reason, (string, string)>
    {
        [Reason.Ok] = ("符合要求", "meets the rule"),
        [Reason.WithinBudget] = ("在时限之内", "within budget"),
        [Reason.AnsweredNotFound] = ("查询服务正常应答（查无此件）", "the query service answered (no such case)"),
        [Reason.OverBudget] = ("超出时限", "over budget"),
        [Reason.CertExpiring] = ("证书即将过期", "the certificate expires soon"),
        [Reason.MissingHsts] = ("未启用 HSTS 严格传输安全", "no HSTS header"),
        [Reason.InsecureCookies] = ("Cookie 未设置安全标志", "cookies without the Secure flag"),
        [Reason.HttpClientError] = ("页面返回客户端错误", "the page answered a client error"),
        [Reason.HttpNotFound] = ("页面不存在（404）", "the page does not exist (404)"),
        [Reason.HttpServerError] = ("服务器错误（5xx）", "server error (5xx)"),
        [Reason.EmptyPage] = ("页面为空", "the page is empty"),
        [Reason.NotFound] = ("搜索无结果", "the search finds nothing"),
        [Reason.DeadLink] = ("链接失效", "a dead link"),
        [Reason.NotTranslated] = ("切换后页面仍为中文", "the page is still Chinese after switching"),
        [Reason.NoEffect] = ("切换后页面没有变化", "switching changes nothing"),
        [Reason.ScriptError] = ("页面脚本出错", "a script error on the page"),
        [Reason.NoAnswer] = ("提交后在时限内没有应答", "no answer within the budget"),
        [Reason.Missing] = ("未找到该功能入口", "the entry is missing"),
        [Reason.Partial] = ("仅部分具备", "only partly present"),
        [Reason.Insecure] = ("不安全", "insecure"),
        [Reason.NoViewport] = ("未声明移动端视口", "no mobile viewport"),
        [Reason.HorizontalOverflow] = ("页面在手机上横向溢出", "the page overflows the phone screen"),
        [Reason.SmallText] = ("文字过小", "text too small"),
        [Reason.SmallTapTargets] = ("可点击区域过小", "tap targets too small"),
        [Reason.ConsoleErrors] = ("页面存在脚本错误", "script errors in the console"),
        [Reason.A11yViolations] = ("存在无障碍问题", "accessibility violations"),
        [Reason.NoHttps] = ("未提供 HTTPS 加密访问", "no HTTPS"),
        [Reason.NoHttpsRedirect] = ("HTTP 访问未跳转到 HTTPS", "plain HTTP is not redirected to HTTPS"),
        [Reason.CertExpired] = ("证书已过期", "the certificate has expired"),
        [Reason.CertUntrusted] = ("证书不受信任", "the certificate is not trusted"),
        [Reason.CertNameMismatch] = ("证书与域名不符", "the certificate is for another host"),
        [Reason.WeakTls] = ("仅支持过旧的 TLS 版本", "only TLS older than 1.2"),
        [Reason.MixedContent] = ("HTTPS 页面加载了不安全的 HTTP 资源", "the HTTPS page loads plain-HTTP resources"),
        [Reason.Captcha] = ("遇到验证码或滑块", "a captcha or slider"),
        [Reason.LoginWall] = ("需要登录才能查看", "a login wall"),
        [Reason.Waf] = ("被网站防火墙拦截", "a web application firewall"),
        [Reason.JsChallenge] = ("遇到脚本安全校验", "a JavaScript challenge"),
        [Reason.Timeout] = ("访问超时", "timed out"),
        [Reason.Dns] = ("域名无法解析", "the host name does not resolve"),
        [Reason.ConnectionRefused] = ("连接被拒绝", "connection refused"),
        [Reason.Network] = ("网络故障", "network failure"),
        [Reason.TlsHandshake] = ("加密握手失败", "TLS handshake failed"),
        [Reason.CertificateInvalid] = ("浏览器拒绝了证书", "the browser rejected the certificate"),
        [Reason.BrowserCrash] = ("探针浏览器崩溃", "the probing browser crashed"),
        [Reason.HintStale] = ("配置的页面提示已过时，需维护人员更新", "a manifest hint no longer matches; a maintainer must look"),
        [Reason.CircuitOpen] = ("因连续失败暂停访问该网站", "not probed: the host's circuit is open"),
        [Reason.Cancelled] = ("运行被取消", "the run was cancelled"),
        [Reason.ProbeBug] = ("探针自身出错", "a fault in the probe itself"),
        [Reason.EgressRefused] = ("页面要求访问内部地址，已拒绝", "the page pointed at an internal address; refused"),
        [Reason.NotConfigured] = ("清单未提供所需信息（如应用商店编号），无法检测", "the manifest does not name what this check needs (an app store id)"),
        [Reason.TooFewRatings] = ("评分人数过少，无法判断", "too few ratings to judge"),
        [Reason.Undecided] = ("可读信息不足，无法判断", "too little found to decide"),
        [Reason.LowRating] = ("应用商店评分偏低", "the app's store rating is low"),
    };

    /// <summary>How one change is said: a streak of failures, recovery, unobservability, slower timing.</summary>
    public static string Change(AlertChange c, string language)
    {
        var zh = language != "en";
        var latest = c.Outcome is { } o && c.Reason is { } r
            ? zh ? $"最近一次：{Outcomes[o].Zh}，{Reasons[r].Zh}" : $"latest: {Outcomes[o].En}, {Reasons[r].En}"
            : "";
        string Join(string head) => latest.Length == 0 ? head : zh ? $"{head}；{latest}" : $"{head}; {latest}";
        return c.Kind switch
        {
            ChangeKind.Failing => Join(zh ? $"连续 {c.Count} 次例行检测未通过" : $"{c.Count} consecutive scheduled runs failed"),
            ChangeKind.StillFailing => Join(zh ? $"仍未恢复（已连续 {c.Count} 次未通过）" : $"still failing ({c.Count} consecutive runs)"),
            ChangeKind.Passing => Join(zh ? $"连续 {c.Count} 次例行检测通过" : $"{c.Count} consecutive scheduled runs passed"),
            ChangeKind.Unobservable => Join(zh ? $"连续 {c.Count} 次无法观测（探针或网络问题，与平台无关）" : $"{c.Count} consecutive runs could not observe (ours, not the portal's)"),
            ChangeKind.ObservableAgain => Join(zh ? "已恢复观测" : "observed again"),
            ChangeKind.Slower => zh
                ? $"页面加载中位数由基线 {c.BaselineMs:0} 毫秒变为近期 {c.RecentMs:0} 毫秒"
                : $"median load went from a baseline of {c.BaselineMs:0} ms to {c.RecentMs:0} ms recently",
            ChangeKind.TimingNormal => zh ? $"页面加载已回到基线水平（近期中位数 {c.RecentMs:0} 毫秒）" : $"load time is back at its baseline (recent median {c.RecentMs:0} ms)",
            _ => zh ? "这是一条来自掌办探针的测试消息。" : "This is a test message from ZhangbanProbe.",
        };
    }

    /// <summary>Page-derived text in a message: whitespace collapsed, cut to a sensible length, quoted, and — for markdown robots — escaped.</summary>
    public static string Quote(string text, bool markdown, int max = 160)
    {
        var t = Regex.Replace(text ?? "", @"\s+", " ").Trim();
        if (t.Length > max) t = t[..max] + "…";
        if (markdown) t = EscapeMarkdown(t);
        return $"「{t}」";
    }

    /// <summary>Escapes what WeCom and DingTalk markdown would render (emphasis, links, images, headings, code, quotes, HTML).</summary>
    public static string EscapeMarkdown(string text) => MarkdownSpecial().Replace(text, m => "\\" + m.Value);

    [GeneratedRegex(@"[\\`*_{}\[\]()#+\-.!|>~<]")]
    private static partial Regex MarkdownSpecial();
}

/// <summary>What kind of change a message reports.</summary>
public enum ChangeKind { Failing, StillFailing, Passing, Unobservable, ObservableAgain, Slower, TimingNormal, Test }

/// <summary>A change, structured so each language can say it (no English sentence is stored and sent).</summary>
public sealed record AlertChange(ChangeKind Kind, int Count = 0, Outcome? Outcome = null, Reason? Reason = null, double? BaselineMs = null, double? RecentMs = null);
