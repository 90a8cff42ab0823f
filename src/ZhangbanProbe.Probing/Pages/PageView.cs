using Microsoft.Playwright;

namespace ZhangbanProbe.Probing.Pages;

/// <summary>A link as the page renders it: its text (or image alt), resolved href, the raw attribute, and whether a user of the profile can see it.</summary>
public sealed record PageLink(string Text, string Href, bool Visible, string RawHref = "", string Alt = "", string Title = "")
{
    public string Label => string.Join(" ", new[] { Text, Alt, Title }.Where(s => !string.IsNullOrWhiteSpace(s))).Trim();
}

/// <summary>
/// What a user of the profile can read on a page, and what is there but hidden from them. The one visibility
/// rule of the probes: an element counts when it is rendered (not display:none, not visibility:hidden, in a
/// shown frame) — whatever its size, so an image link whose image failed to load is still there. Hidden copies
/// (a PC footer hidden on phones) are kept apart, to be reported, never counted.
/// </summary>
public sealed record PageView
{
    public string Url { get; init; } = "";
    public string VisibleText { get; init; } = "";
    /// <summary>Text of rendered-hidden subtrees (display:none, visibility:hidden), scripts and styles left out.</summary>
    public string HiddenText { get; init; } = "";
    public IReadOnlyList<PageLink> Links { get; init; } = [];
    /// <summary>Alt texts of visible images (a mark can be an image alone).</summary>
    public IReadOnlyList<string> VisibleImageAlts { get; init; } = [];
    /// <summary>Sources of visible images.</summary>
    public IReadOnlyList<string> VisibleImageSources { get; init; } = [];
    /// <summary>The <c>&lt;meta name="SiteIDCode"&gt;</c> content: machine-readable only, no reader sees it.</summary>
    public string? MetaSiteCode { get; init; }
    /// <summary>Scripts, styles and frames the page asked for that did not load (failed, or HTTP ≥ 400).</summary>
    public IReadOnlyList<string> UnloadedResources { get; init; } = [];
    /// <summary>Script sources the page references (to name the one that should have written an absent item).</summary>
    public IReadOnlyList<string> ScriptSources { get; init; } = [];
    /// <summary>Containers a vendor script should have filled and that stayed empty (e.g. the 党政机关 mark's <c>.j-gov</c>).</summary>
    public IReadOnlyList<string> EmptyMarkContainers { get; init; } = [];
}

/// <summary>Reads a <see cref="PageView"/> from a live page (main frame and its shown child frames), with caps on every list.</summary>
public static class PageViewReader
{
    public const int MaxTextChars = 200_000;
    public const int MaxLinks = 3000;

    /// <summary>The visibility test shared by every page script (text, links, clickables): rendered, whatever the size.</summary>
    public const string VisibleFunction = """
        (e) => { if (!e || !e.isConnected) return false;
          if (e.checkVisibility) return e.checkVisibility({ checkVisibilityCSS: true });
          for (let x = e; x && x.nodeType === 1; x = x.parentElement) { const s = getComputedStyle(x); if (s.display === 'none') return false; }
          return getComputedStyle(e).visibility !== 'hidden'; }
        """;

    private const string Script = """
        ([maxText, maxLinks]) => {
          const vis = __VIS__;
          const body = document.body;
          if (!body) return JSON.stringify({ visibleText: '', hiddenText: '', links: [], alts: [], srcs: [], meta: null, scripts: [], empty: [] });
          const visibleText = (body.innerText || '').slice(0, maxText);
          const hidden = []; let hiddenLen = 0;
          const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'OPTION', 'SELECT']);
          for (const e of body.querySelectorAll('*')) {
            if (hiddenLen > maxText) break;
            if (skip.has(e.tagName) || vis(e)) continue;
            const p = e.parentElement;
            if (p && p !== body && !vis(p)) continue; // only the root of a hidden subtree
            const c = e.cloneNode(true);
            c.querySelectorAll('script,style,noscript,template').forEach(x => x.remove());
            const t = (c.textContent || '').replace(/\s+/g, ' ').trim();
            if (t) { hidden.push(t); hiddenLen += t.length; }
          }
          const links = Array.from(document.querySelectorAll('a[href]')).slice(0, maxLinks).map(a => {
            const img = a.querySelector('img');
            return { text: (a.innerText || a.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 200), href: a.href || '',
              raw: (a.getAttribute('href') || '').slice(0, 500), alt: img ? (img.getAttribute('alt') || '') : '',
              title: a.getAttribute('title') || '', visible: vis(a) };
          });
          const imgs = Array.from(document.querySelectorAll('img')).filter(i => vis(i)).slice(0, 500);
          const meta = document.querySelector('meta[name="SiteIDCode" i], meta[name="siteidcode" i]');
          const scripts = Array.from(document.querySelectorAll('script[src]')).map(s => s.src).slice(0, 200);
          const empty = Array.from(document.querySelectorAll('.j-gov, #_ideConac, #conac, [id*="conac" i], [class*="conac" i]'))
            .filter(e => e.tagName !== 'A' && e.tagName !== 'SCRIPT' && e.tagName !== 'IMG' && !e.querySelector('a, img, iframe') && !(e.textContent || '').trim())
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''));
          return JSON.stringify({ visibleText, hiddenText: hidden.join('\n').slice(0, maxText), links,
            alts: imgs.map(i => i.getAttribute('alt') || '').filter(a => a), srcs: imgs.map(i => i.src || '').filter(s => s),
            meta: meta ? (meta.getAttribute('content') || '') : null, scripts, empty });
        }
        """;

    private sealed class ViewJs
    {
        public string VisibleText { get; set; } = "";
        public string HiddenText { get; set; } = "";
        public LinkJs[] Links { get; set; } = [];
        public string[] Alts { get; set; } = [];
        public string[] Srcs { get; set; } = [];
        public string? Meta { get; set; }
        public string[] Scripts { get; set; } = [];
        public string[] Empty { get; set; } = [];
    }

    private sealed class LinkJs
    {
        public string Text { get; set; } = "";
        public string Href { get; set; } = "";
        public string Raw { get; set; } = "";
        public string Alt { get; set; } = "";
        public string Title { get; set; } = "";
        public bool Visible { get; set; }
    }

    /// <summary>Reads the page; child frames that are shown add their text and links (a footer can live in an iframe).</summary>
    public static async Task<PageView> ReadAsync(IPage page, IReadOnlyList<string>? unloaded = null)
    {
        var script = Script.Replace("__VIS__", VisibleFunction);
        var main = Parse(await page.MainFrame.EvaluateAsync<string>(script, new[] { MaxTextChars, MaxLinks }));
        var visibleText = main.VisibleText;
        var hiddenText = main.HiddenText;
        var links = main.Links.Select(ToLink).ToList();
        var alts = main.Alts.ToList();
        var srcs = main.Srcs.ToList();
        foreach (var frame in page.Frames.Where(f => f != page.MainFrame).Take(8))
        {
            try
            {
                var element = await frame.FrameElementAsync();
                var shown = await element.IsVisibleAsync();
                var sub = Parse(await frame.EvaluateAsync<string>(script, new[] { MaxTextChars / 4, MaxLinks / 4 }));
                if (shown)
                {
                    visibleText += "\n" + sub.VisibleText;
                    links.AddRange(sub.Links.Select(ToLink));
                    alts.AddRange(sub.Alts);
                    srcs.AddRange(sub.Srcs);
                }
                else
                {
                    hiddenText += "\n" + sub.VisibleText;
                    links.AddRange(sub.Links.Select(l => ToLink(l) with { Visible = false }));
                }
            }
            catch (PlaywrightException) { /* a frame that went away or cannot be read adds nothing */ }
        }
        return new PageView
        {
            Url = page.Url, VisibleText = Cap(visibleText), HiddenText = Cap(hiddenText), Links = links,
            VisibleImageAlts = alts, VisibleImageSources = srcs, MetaSiteCode = main.Meta,
            ScriptSources = main.Scripts, EmptyMarkContainers = main.Empty,
            UnloadedResources = unloaded ?? [],
        };
    }

    // The page hands back JSON text: Playwright's own object transfer failed to map some shapes (a page with no
    // links at all) onto these classes.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static ViewJs Parse(string json) => System.Text.Json.JsonSerializer.Deserialize<ViewJs>(json, Json) ?? new ViewJs();

    private static PageLink ToLink(LinkJs l) => new(l.Text, l.Href, l.Visible, l.Raw, l.Alt, l.Title);

    private static string Cap(string s) => s.Length > MaxTextChars ? s[..MaxTextChars] : s;
}
