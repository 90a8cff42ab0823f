using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Alerting;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Worker;

/// <summary>
/// The evidence page a message links to: one result, read-only, opened by a signed, expiring link (no account), with
/// its screenshot(s), URL chain, measurements and the text read. Files are served only from the evidence folder.
/// </summary>
public static class EvidenceEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/evidence/{run}/{portal}/{indicator}", async (string run, string portal, string indicator, long? exp, string? sig,
            EvidenceLinks links, ProbeStore store, IEnumerable<ZhangbanProbe.Probing.Running.IIndicatorProbe> probes, IOptions<EvidenceOptions> evidence, CancellationToken ct) =>
        {
            var result = await FindAsync(run, portal, indicator, exp, sig, links, store, ct);
            var probeNames = probes.ToDictionary(p => p.Key, p => p.Declaration.Names, StringComparer.OrdinalIgnoreCase);
            if (result is null) return Results.Content(Page("链接无效或已过期", "<p>此证据链接无效或已过期，请向研究团队索取新的链接。</p>"), "text/html; charset=utf-8", statusCode: 403);
            var query = links.Query(result.RunId, result.PortalId, result.IndicatorId, exp!.Value);
            var checks = result.Evidence.Select(e => ZhangbanProbe.Application.Evidence.EvidenceCheck.Verify(e, evidence.Value.Directory).Integrity).ToList();
            return Results.Content(Render(result, query, probeNames, checks), "text/html; charset=utf-8");
        });

        app.MapGet("/evidence/{run}/{portal}/{indicator}/files/{n:int}", async (string run, string portal, string indicator, int n, long? exp, string? sig,
            EvidenceLinks links, ProbeStore store, IOptions<EvidenceOptions> evidence, CancellationToken ct) =>
        {
            var result = await FindAsync(run, portal, indicator, exp, sig, links, store, ct);
            if (result is null || n < 0 || n >= result.Evidence.Count || result.Evidence[n].Path is null) return Results.StatusCode(403);
            // The file is shown only as taken: its SHA-256 is checked as the dashboard checks it (a trailing '/' in
            // Evidence:Directory is harmless there).
            var check = ZhangbanProbe.Application.Evidence.EvidenceCheck.Verify(result.Evidence[n], evidence.Value.Directory);
            return check.Integrity switch
            {
                ZhangbanProbe.Application.Evidence.EvidenceIntegrity.Missing => Results.NotFound(),
                ZhangbanProbe.Application.Evidence.EvidenceIntegrity.Changed => Results.StatusCode(410),
                _ => Results.File(check.FullPath!, ZhangbanProbe.Application.Evidence.EvidenceCheck.ContentType(check.FullPath!)),
            };
        });
    }

    private static async Task<ProbeResult?> FindAsync(string run, string portal, string indicator, long? exp, string? sig, EvidenceLinks links, ProbeStore store, CancellationToken ct)
    {
        if (!Guid.TryParse(run, out var runId) || exp is null || !links.Verify(runId, portal, indicator, exp.Value, sig)) return null;
        return await store.GetResultAsync(runId, portal, indicator, ct);
    }

    private static string Render(ProbeResult r, string query, IReadOnlyDictionary<string, ZhangbanProbe.Core.Catalogue.ProbeNames> probeNames,
        IReadOnlyList<ZhangbanProbe.Application.Evidence.EvidenceIntegrity> checks)
    {
        string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var sb = new StringBuilder();
        var (outcomeZh, _) = MessageTable.Outcomes[r.Outcome];
        var (reasonZh, _) = MessageTable.Reasons[r.Reason];
        var probe = probeNames.TryGetValue(r.IndicatorId, out var p) ? p.Zh : r.IndicatorId;
        sb.Append($"<h1>{E(probe)}：{E(outcomeZh)}</h1><p class=\"reason\">{E(reasonZh)}（<code>{E(r.Outcome.ToCode())} / {E(r.Reason.ToCode())}</code>）</p>");
        sb.Append($"<dl><dt>平台</dt><dd>{E(r.PortalId)}</dd><dt>检测时间（UTC）</dt><dd>{r.StartedAtUtc:yyyy-MM-dd HH:mm:ss}</dd><dt>运行编号</dt><dd><code>{r.RunId}</code></dd>");
        if (r.Value is { } v) sb.Append($"<dt>数值</dt><dd>{v} {E(r.Unit)}</dd>");
        sb.Append("</dl>");
        if (r.Urls.Count > 0) sb.Append("<h2>检测页面</h2><ol>" + string.Concat(r.Urls.Select(u => $"<li><code>{E(u)}</code></li>")) + "</ol>");
        if (!string.IsNullOrWhiteSpace(r.Detail)) sb.Append($"<h2>探针记录（原文）</h2><pre>{E(r.Detail)}</pre>");
        if (r.Measurements.Count > 0) sb.Append("<h2>测量</h2><table>" + string.Concat(r.Measurements.Select(m => $"<tr><td>{E(m.Name)}</td><td>{m.Value}</td><td>{E(m.Unit)}</td></tr>")) + "</table>");
        for (var i = 0; i < r.Evidence.Count; i++)
        {
            var e = r.Evidence[i];
            if (e.Path is null) continue;
            if (checks[i] == ZhangbanProbe.Application.Evidence.EvidenceIntegrity.Changed)
            {
                sb.Append($"<h2>{E(e.Kind)}</h2><p class=\"warning\" role=\"alert\" data-integrity=\"changed\">警告：此文件在检测后被改动（SHA-256 与检测时记录的不一致），不能作为证据，已不再提供。</p>");
                continue;
            }
            if (checks[i] == ZhangbanProbe.Application.Evidence.EvidenceIntegrity.Missing)
            {
                sb.Append($"<h2>{E(e.Kind)}</h2><p class=\"warning\" role=\"alert\" data-integrity=\"missing\">警告：证据文件缺失。</p>");
                continue;
            }
            sb.Append(e.Kind == "screenshot"
                ? $"<h2>截图</h2><img src=\"{E(EvidenceLinks.PathFor(r.RunId, r.PortalId, r.IndicatorId))}/files/{i}?{E(query)}\" alt=\"检测时的页面截图\">"
                : $"<h2>{E(e.Kind)}</h2><p><a href=\"{E(EvidenceLinks.PathFor(r.RunId, r.PortalId, r.IndicatorId))}/files/{i}?{E(query)}\">下载</a></p>");
        }
        return Page($"掌办探针证据：{r.PortalId} · {probe}", sb.ToString());
    }

    private static string Page(string title, string body) =>
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{WebUtility.HtmlEncode(title)}</title><style>body{{font-family:sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.5}}img{{max-width:100%;border:1px solid #ccc}}pre{{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}}code{{word-break:break-all}}td{{padding:0 .5rem}}</style></head>" +
        $"<body>{body}<footer><p>只读证据页，由掌办探针（复旦大学数字与移动治理实验室）生成；链接到期后失效。</p></footer></body></html>";
}
