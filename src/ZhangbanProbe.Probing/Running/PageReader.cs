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
        return new PageSnapshot(page.Url, response?.Status, title, text, html);
    }

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
