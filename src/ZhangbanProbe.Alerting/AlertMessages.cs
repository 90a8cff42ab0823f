using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ZhangbanProbe.Core.Alerts;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Alerting;

/// <summary>Everything a message says about one incident transition.</summary>
public sealed record AlertFacts
{
    public required IncidentKind Kind { get; init; }
    /// <summary>opened, reminded, resolved or test.</summary>
    public required IncidentTransition Transition { get; init; }
    public required string PortalId { get; init; }
    public string Province { get; init; } = "";
    public string Platform { get; init; } = "";
    public required string IndicatorId { get; init; }
    public string IndexIndicator { get; init; } = "";
    /// <summary>The probe's own names (its declaration); null: the key names it.</summary>
    public ZhangbanProbe.Core.Catalogue.ProbeNames? ProbeNames { get; init; }
    /// <summary>A technical summary in English, for logs and the incident's event record.</summary>
    public required string What { get; init; }
    /// <summary>The change, structured: each language says it in its own words.</summary>
    public AlertChange Change { get; init; } = new(ChangeKind.Test);
    /// <summary>The probe's detail of the latest result (English, technical): shown in English messages only.</summary>
    public string? Detail { get; init; }
    public DateTime SinceUtc { get; init; }
    public DateTime AtUtc { get; init; }
    public Guid? RunId { get; init; }
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    public IReadOnlyList<string> Urls { get; init; } = [];
}

/// <summary>Renders alerts in Chinese (default) or English: which indicator, what changed, since when, evidence, how to reproduce.</summary>
public static class AlertMessages
{
    private static readonly TimeZoneInfo Shanghai = FindShanghai();

    public static string Reproduce(AlertFacts f) => $"zhangban run --portal {f.PortalId} --indicator {f.IndicatorId}";

    /// <summary>
    /// Subject and body in the channel's language. Chinese messages say everything with <see cref="MessageTable"/>
    /// (no English phrase); page-derived text (URLs) is quoted, cut and, for markdown robots, escaped. Evidence is a
    /// link under the public base URL, or a sentence saying it is kept on the worker — never a file path.
    /// </summary>
    public static (string Subject, string Body) Render(AlertFacts f, string language, string? evidenceLink, bool markdown = false, bool forProvince = false)
    {
        var en = language == "en";
        var name = string.Join(" ", new[] { f.Province, f.Platform }.Where(s => !string.IsNullOrEmpty(s)));
        if (name.Length == 0) name = f.PortalId;
        var probeName = f.ProbeNames is { } pn ? (en ? pn.En : pn.Zh) : f.IndicatorId;
        var indicator = string.IsNullOrEmpty(f.IndexIndicator) ? probeName : $"{f.IndexIndicator}（{probeName}）";
        var indicatorEn = string.IsNullOrEmpty(f.IndexIndicator) ? $"{probeName} ({f.IndicatorId})" : $"{probeName} ({f.IndicatorId}, {f.IndexIndicator})";
        var since = TimeZoneInfo.ConvertTimeFromUtc(f.SinceUtc, Shanghai).ToString("yyyy-MM-dd HH:mm");
        var links = evidenceLink is null ? new List<string>() : [evidenceLink];
        var pages = f.Urls.Distinct().Take(4).Select(u => MessageTable.Quote(u, markdown, 200)).ToList();
        var sb = new StringBuilder();
        string subject;
        if (en)
        {
            subject = (f.Kind, f.Transition) switch
            {
                (_, IncidentTransition.Test) => "[ZhangbanProbe] test message",
                (IncidentKind.Operator, IncidentTransition.Resolved) => $"[ZhangbanProbe ops] observable again: {name} · {f.IndicatorId}",
                (IncidentKind.Operator, _) => $"[ZhangbanProbe ops] cannot observe {name} · {f.IndicatorId}",
                (_, IncidentTransition.Resolved) => $"[ZhangbanProbe] recovered: {name} · {indicatorEn}",
                (IncidentKind.Timing, _) => $"[ZhangbanProbe] slower: {name} · {indicatorEn}",
                (_, IncidentTransition.Reminded) => $"[ZhangbanProbe] still failing: {name} · {indicatorEn}",
                _ => $"[ZhangbanProbe] regression: {name} · {indicatorEn}",
            };
            sb.AppendLine($"Platform: {name} ({f.PortalId})");
            sb.AppendLine($"Indicator: {indicatorEn}");
            sb.AppendLine($"What changed: {MessageTable.Change(f.Change, "en")}");
            if (!string.IsNullOrWhiteSpace(f.Detail)) sb.AppendLine($"Detail: {MessageTable.Quote(f.Detail, markdown, 300)}");
            sb.AppendLine($"Since: {since} (Asia/Shanghai)");
            if (links.Count > 0) { sb.AppendLine("Evidence (screenshot and record, signed link):"); foreach (var e in links) sb.AppendLine($"  - {e}"); }
            else if (f.Evidence.Count > 0) sb.AppendLine($"Evidence: kept on the probing worker (run {f.RunId}); ask the research team");
            if (pages.Count > 0) sb.AppendLine($"Pages: {string.Join(" → ", pages)}");
            // Provinces get the link; the command is for the research team, who can run it.
            if (!forProvince || links.Count == 0) sb.AppendLine($"Reproduce: {Reproduce(f)}");
            if (f.RunId is { } r) sb.AppendLine($"Run: {r}");
        }
        else
        {
            subject = (f.Kind, f.Transition) switch
            {
                (_, IncidentTransition.Test) => "【掌办探针】测试消息",
                (IncidentKind.Operator, IncidentTransition.Resolved) => $"【掌办探针·运维】已恢复观测：{name} · {indicator}",
                (IncidentKind.Operator, _) => $"【掌办探针·运维】无法观测：{name} · {indicator}",
                (_, IncidentTransition.Resolved) => $"【掌办探针】已恢复：{name} · {indicator}",
                (IncidentKind.Timing, _) => $"【掌办探针】响应变慢：{name} · {indicator}",
                (_, IncidentTransition.Reminded) => $"【掌办探针】仍未恢复：{name} · {indicator}",
                _ => $"【掌办探针】指标退化：{name} · {indicator}",
            };
            sb.AppendLine($"平台：{name}（{f.PortalId}）");
            sb.AppendLine($"指标：{indicator}");
            sb.AppendLine($"变化：{MessageTable.Change(f.Change, "zh")}");
            sb.AppendLine($"自：{since}（北京时间）");
            if (links.Count > 0) { sb.AppendLine("证据（截图与检测记录，签名链接）："); foreach (var e in links) sb.AppendLine($"  - {e}"); }
            else if (f.Evidence.Count > 0) sb.AppendLine("证据：截图与检测记录保存在探针服务器上，可向研究团队索取");
            if (pages.Count > 0) sb.AppendLine($"检测页面：{string.Join(" → ", pages)}");
            if (!forProvince || links.Count == 0) sb.AppendLine($"复现：{Reproduce(f)}");
            if (f.RunId is { } r) sb.AppendLine($"运行编号：{r}");
        }
        return (subject, sb.ToString());
    }

    public static string Payload(AlertFacts f, string subject, string? evidenceLink) => JsonSerializer.Serialize(new
    {
        schema = "zhangban-alert/1",
        kind = f.Kind.ToString().ToLowerInvariant(),
        transition = ZhangbanProbe.Core.StateCode.Of(f.Transition),
        subject,
        portalId = f.PortalId,
        province = f.Province,
        platform = f.Platform,
        indicatorId = f.IndicatorId,
        indexIndicator = f.IndexIndicator,
        what = f.What,
        sinceUtc = f.SinceUtc,
        atUtc = f.AtUtc,
        runId = f.RunId,
        evidenceLink,
        evidence = f.Evidence.Select(e => new { e.Kind, e.Url }),
        urls = f.Urls,
        reproduce = Reproduce(f),
    }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) });

    private static TimeZoneInfo FindShanghai()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch { return TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time"); }
    }

    public static string Describe(OutcomePoint p) => $"{p.Outcome.ToCode()} ({p.Reason.ToCode()}){(p.Detail is null ? "" : ": " + p.Detail)}";
}
