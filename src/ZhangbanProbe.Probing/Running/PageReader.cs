using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;

namespace ZhangbanProbe.Probing.Running;

/// <summary>Reads what a page shows, for block detection and for evidence text.</summary>
public static class PageReader
{
    public static async Task<PageSnapshot> SnapshotAsync(IPage page, IResponse? response)
    {
        string title = "", text = "", html = "";
        try { title = await page.TitleAsync(); } catch { }
        try { text = await page.EvaluateAsync<string>("() => document.body ? document.body.innerText : ''") ?? ""; } catch { }
        try { html = await page.ContentAsync(); } catch { }
        string? markup = null;
        try { markup = await page.EvaluateAsync<string>(VisibleMarkupScript.Replace("__VIS__", ZhangbanProbe.Probing.Pages.PageViewReader.VisibleFunction)); } catch { }
        return new PageSnapshot(page.Url, response?.Status, title, text, html) { VisibleMarkup = markup };
    }

    // Ids, classes and sources of rendered elements: a captcha script loaded for a modal nobody opened is no wall;
    // a slider on screen is.
    private const string VisibleMarkupScript = """
        () => { const vis = __VIS__; const out = [];
          for (const e of document.querySelectorAll('[id], [class], iframe[src], script[src]')) {
            if (out.length > 400) break;
            const s = ((e.id || '') + ' ' + (typeof e.className === 'string' ? e.className : '') + ' ' + (e.getAttribute('src') || '') + ' ' + Array.from(e.attributes).filter(a => a.name.startsWith('data-')).map(a => a.name + '="' + a.value + '"').join(' '));
            if (!/captcha|geetest|nc_|nc-|yidun|slider/i.test(s)) continue;
            if (e.tagName === 'SCRIPT' || !vis(e)) continue;
            const r = e.getBoundingClientRect(); if (r.width < 2 && r.height < 2) continue;
            out.push(e.tagName.toLowerCase() + ' ' + s.trim().slice(0, 200));
          }
          return out.join('\n'); }
        """;

    /// <summary>The redirect chain of a navigation, first URL to last.</summary>
    public static IReadOnlyList<string> UrlChain(IResponse? response, string fallback)
    {
        if (response is null) return [fallback];
        var chain = new List<string>();
        for (var r = response.Request; r is not null; r = r.RedirectedFrom) chain.Add(r.Url);
        chain.Reverse();
        return chain;
    }

    public static string Excerpt(string text, int max = 400)
    {
        var collapsed = System.Text.RegularExpressions.Regex.Replace(text ?? "", @"\s+", " ").Trim();
        return collapsed.Length > max ? collapsed[..max] + "…" : collapsed;
    }
}
