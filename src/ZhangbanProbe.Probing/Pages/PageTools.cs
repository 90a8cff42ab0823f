using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Pages;

/// <summary>An opened page and what the probe saw on arrival.</summary>
public sealed record OpenedPage(IBrowserContext Context, IPage Page, IResponse? Response, PageSnapshot Snapshot, IReadOnlyList<string> Urls)
{
    /// <summary>Scripts, styles and frames of the entry page that did not load (so a missing item can name its cause).</summary>
    public ResourceLog Resources { get; init; } = new();
}

/// <summary>Sub-resources of a page that failed or answered an HTTP error, capped.</summary>
public sealed class ResourceLog
{
    private readonly CappedList _unloaded = new(cap: 50, clip: 300);

    public void Watch(IPage page)
    {
        page.RequestFailed += (_, r) => { if (Matters(r)) _unloaded.Add($"{r.Url} ({r.Failure})"); };
        page.Response += (_, r) => { if (r.Status >= 400 && Matters(r.Request)) _unloaded.Add($"{r.Url} (HTTP {r.Status})"); };
    }

    private static bool Matters(IRequest r) => r.ResourceType is "script" or "stylesheet" or "document" && !(r.IsNavigationRequest && r.Frame.ParentFrame is null);

    public IReadOnlyList<string> Unloaded => _unloaded.Items;
}

/// <summary>The requests of one page in flight, counted from its creation (a route's data fetched after a tap).</summary>
public sealed class RequestsInFlight : IDisposable
{
    private readonly IPage _page;
    private int _count;

    public RequestsInFlight(IPage page)
    {
        _page = page;
        page.Request += OnRequest;
        page.RequestFinished += OnDone;
        page.RequestFailed += OnDone;
    }

    public int Count => Math.Max(0, Volatile.Read(ref _count));

    private void OnRequest(object? sender, IRequest r) => Interlocked.Increment(ref _count);
    private void OnDone(object? sender, IRequest r) => Interlocked.Decrement(ref _count);

    public void Dispose()
    {
        _page.Request -= OnRequest;
        _page.RequestFinished -= OnDone;
        _page.RequestFailed -= OnDone;
    }
}

/// <summary>Browser steps most probes share: open the entry, find and activate switches, read text metrics.</summary>
public static class PageTools
{
    /// <summary>
    /// What a user can tap (ARIA links and menu items included). <c>[data-zb-tap]</c> marks tiles a framework (Vue, React, jQuery) gave a click handler without
    /// any trace in the markup: the pointer cursor is what shows them (set by <see cref="ClickablesAsync"/> before it reads).
    /// </summary>
    public const string ClickableSelector = MarkupControls + ", [data-zb-tap]";

    /// <summary>Controls the markup itself declares (everything in <see cref="ClickableSelector"/> but the marked script tiles).</summary>
    private const string MarkupControls = "a, button, [role=button], [role=link], [role=menuitem], [onclick], select, link[rel=alternate]";

    /// <summary>
    /// Opens a URL (default the portal's entry) in a fresh context. Returns a stop observation when a wall
    /// (captcha, WAF, challenge, login) or an HTTP error is in the way, so the probe reports that honestly.
    /// Client-side redirects (a script sending phones to an <c>m.</c> host or a <c>/mobile/</c> page) are followed,
    /// and the URL chain shows them: the page judged is the one a user of the profile sees.
    /// </summary>
    /// <param name="beforeNavigation">Attaches listeners (console, failed requests) before the page loads.</param>
    /// <param name="loginIsContent">The probe reads a login page as content (its methods, its footer): a login form is no wall then; a slider, WAF or challenge still is.</param>
    public static async Task<(OpenedPage Opened, ProbeObservation? Stop)> OpenAsync(ProbeContext context, string? url = null, string? what = null,
        Action<IPage>? beforeNavigation = null, bool loginIsContent = false) =>
        await ArrivedAsync(context, await LoadAsync(context, url, beforeNavigation), what, loginIsContent);

    /// <summary>
    /// The entry page for a probe that only reads it (<see cref="ZhangbanProbe.Core.Catalogue.ProbeDeclaration.ReadsEntryOnly"/>):
    /// the load it shares with the readers next to it when the runner gave it one, else a load of its own. Every reader
    /// gets the page scrolled to the top, as it arrived, and judges the arrival itself (a login page is content to one
    /// reader and a wall to another).
    /// </summary>
    public static async Task<(OpenedPage Opened, ProbeObservation? Stop)> OpenEntryAsync(ProbeContext context, bool loginIsContent = false)
    {
        if (context.SharedEntry is { Spent: false } shared)
        {
            context.ReadShared();
            if (await shared.OpenAsync() is { } opened)
            {
                await opened.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
                return await ArrivedAsync(context, opened, null, loginIsContent);
            }
        }
        return await OpenAsync(context, loginIsContent: loginIsContent);
    }

    private static async Task<(OpenedPage Opened, ProbeObservation? Stop)> ArrivedAsync(ProbeContext context, OpenedPage opened, string? what, bool loginIsContent)
    {
        if (Obstacle(opened.Snapshot, opened.Response?.Status, what ?? "entry page", loginIsContent) is { } o)
            return (opened, await StopAsync(context, opened, o.Outcome, o.Reason, o.Detail));
        return (opened, null);
    }

    /// <summary>Loads a URL (default the profile's start page) in a fresh context of <paramref name="context"/>, following client-side redirects.</summary>
    public static async Task<OpenedPage> LoadAsync(ProbeContext context, string? url = null, Action<IPage>? beforeNavigation = null)
    {
        url ??= context.StartUrl.ToString();
        var browserContext = await context.NewBrowserContextAsync();
        var page = await browserContext.NewPageAsync();
        var resources = new ResourceLog();
        resources.Watch(page);
        IResponse? lastDocument = null;
        page.Response += (_, r) => { if (r.Request.IsNavigationRequest && r.Frame == page.MainFrame) lastDocument = r; };
        beforeNavigation?.Invoke(page);
        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await SettleAsync(page);
        var urls = PageReader.UrlChain(response, url).ToList();
        if (!SameUrl(page.Url, urls[^1]))
        {
            // A script moved the page on (device redirect): wait for the new document and keep its chain.
            try { await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 8000 }); } catch (TimeoutException) { }
            await SettleAsync(page);
            if (lastDocument is not null && lastDocument != response)
            {
                urls.AddRange(PageReader.UrlChain(lastDocument, page.Url));
                response = lastDocument;
            }
            if (!SameUrl(page.Url, urls[^1])) urls.Add(page.Url);
        }
        // The page reloaded itself at the same address while settling (a cookie challenge cleared by the browser): the
        // document shown is the reload's.
        else if (lastDocument is not null && lastDocument != response && lastDocument.Status < 400) response = lastDocument;
        var snapshot = await PageReader.SnapshotAsync(page, response);
        if (IsScriptChallenge(response, snapshot))
        {
            // A script challenge a real browser passes by itself (it sets a cookie and reloads): wait for that reload,
            // 10 s at most, and judge the page that follows; a challenge still there is blocked js-challenge (Obstacle).
            var challenge = response;
            var deadline = context.Time.GetUtcNow() + ChallengeWait;
            while (lastDocument == challenge && context.Time.GetUtcNow() < deadline) await Task.Delay(200);
            if (lastDocument is { } reloaded && reloaded != challenge)
            {
                try { await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 8000 }); } catch (TimeoutException) { }
                await SettleAsync(page);
                response = lastDocument;
                urls.Add(page.Url);
                snapshot = await PageReader.SnapshotAsync(page, response);
            }
        }
        return new OpenedPage(browserContext, page, response, snapshot, urls.Distinct().ToList()) { Resources = resources };
    }

    /// <summary>How long a script challenge is given to clear itself by one reload.</summary>
    public static readonly TimeSpan ChallengeWait = TimeSpan.FromSeconds(10);

    /// <summary>The first answer is a script challenge (412, a script-only 202, or what <see cref="BlockDetector"/> calls one).</summary>
    private static bool IsScriptChallenge(IResponse? response, PageSnapshot snapshot) =>
        BlockDetector.Detect(snapshot) is { Reason: Reason.JsChallenge }
        || (response?.Status == 202 && snapshot.VisibleText.Trim().Length < 200 && snapshot.Html.Contains("<script", StringComparison.OrdinalIgnoreCase));

    /// <summary>Visible text long enough that a captcha widget on the page does not hide the content.</summary>
    public const int ReadableContentChars = 300;

    /// <summary>The same address but for a trailing slash (a page that redirects /x to /x/ has not moved).</summary>
    public static bool SameUrl(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>
    /// What stands between the probe and a page it arrived at: a wall (blocked, never bypassed) or an HTTP error
    /// (fail). Null when the page is there to be observed. The one place probes judge an arrival.
    /// </summary>
    public static (Outcome Outcome, Reason Reason, string Detail)? Obstacle(PageSnapshot snapshot, int? status, string what, bool loginIsContent = false)
    {
        // Reading a login page as content: its form is no wall, nor is a captcha widget beside readable content
        // (a slider inside the login form); a page that is only a slider, a WAF or a challenge still is.
        if (BlockDetector.Detect(snapshot) is { } b &&
            !(loginIsContent && (b.Reason == Reason.LoginWall || (b.Reason == Reason.Captcha && snapshot.VisibleText.Trim().Length >= ReadableContentChars))))
            return (Outcome.Blocked, b.Reason, $"{what} shows {b.Reason.ToCode()} ('{b.Evidence}'); not bypassed");
        if (status is { } s && FailureClassifier.ClassifyStatus(s) is { } f)
            return (f.Outcome, f.Reason, $"{what} answered {f.Message}: {PageReader.Excerpt(snapshot.VisibleText, 200)}");
        return null;
    }

    /// <summary>
    /// What stands in the way at a page a link led to: a wall (blocked), a dead link (404, 410, 5xx), or a refusal
    /// (401, 403, 412, 429: access refused to us, reported as a wall, never as a broken link). Null when it is there.
    /// </summary>
    public static (Outcome Outcome, Reason Reason, string Detail)? TargetProblem(PageSnapshot snapshot, int? status, string what)
    {
        if (BlockDetector.Detect(snapshot) is { } b)
            return (Outcome.Blocked, b.Reason, $"{what} shows {b.Reason.ToCode()} ('{b.Evidence}'); not bypassed");
        if (status is not { } s || s < 400) return null;
        if (FailureClassifier.IsDeadLinkStatus(s))
            return (Outcome.Fail, Reason.DeadLink, $"{what} answers HTTP {s}: {PageReader.Excerpt(snapshot.VisibleText, 160)}");
        var reason = s == 401 ? Reason.LoginWall : s == 412 ? Reason.JsChallenge : Reason.Waf;
        return (Outcome.Blocked, reason, $"{what} answers HTTP {s}: access refused, not a dead link; not bypassed");
    }

    /// <summary>
    /// HTTP status of a same-origin URL, fetched from inside the page (the browser's own network stack and
    /// cookies). Null for another origin, or when it could not be fetched at all: that says nothing about the portal.
    /// </summary>
    public static async Task<int?> SameOriginStatusAsync(IPage page, string url)
    {
        var status = await page.EvaluateAsync<int>("""
            async (u) => { try { if (new URL(u).origin !== location.origin) return -1;
              return (await fetch(u, { redirect: 'follow', credentials: 'include' })).status; } catch (e) { return -1; } }
            """, url);
        return status < 0 ? null : status;
    }

    /// <summary>When the manifest gives this probe a <c>url</c> hint, opens it in the probe's context (null otherwise).</summary>
    public static async Task<(IPage Page, IResponse? Response, string How)?> OpenHintUrlAsync(ProbeContext context, OpenedPage opened)
    {
        if (!context.Hints.TryGetValue("url", out var hintUrl)) return null;
        var page = await opened.Context.NewPageAsync();
        var response = await page.GotoAsync(hintUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await SettleAsync(page);
        return (page, response, $"manifest hint url {hintUrl}");
    }

    /// <summary>
    /// Finds a visible control matching the labels; when only a hidden one exists (a switch inside a collapsed phone
    /// menu), opens the menu the way a user would — a visible ☰/菜单/导航/更多 toggle — and looks again. Returns the
    /// control and the clickables as they are now, or null (then the hidden one is reported, never counted).
    /// </summary>
    public static async Task<(Clickable Target, IReadOnlyList<Clickable> Clickables, string How)?> FindOrRevealAsync(IPage page, IReadOnlyList<Clickable> clickables, IReadOnlyList<System.Text.RegularExpressions.Regex> labels)
    {
        if (ClickableMatcher.Find(clickables, labels) is { } visible) return (visible, clickables, "");
        if (ClickableMatcher.FindHidden(clickables, labels) is null) return null;
        (Clickable, IReadOnlyList<Clickable>)? found = null;
        var how = await RevealMenusAsync(page, async () =>
        {
            var now = await ClickablesAsync(page);
            if (ClickableMatcher.Find(now, labels) is { } revealed) found = (revealed, now);
            return found is not null;
        });
        return found is { } f && how is not null ? (f.Item1, f.Item2, how) : null;
    }

    /// <summary>
    /// The one way controls folded away are revealed: opens the page's menus as a user would — a visible ☰/≡/菜单/导航/
    /// 更多/展开 toggle, an <c>aria-expanded="false"</c> control, a hamburger or nav-toggle class — one at a time until
    /// <paramref name="found"/> says what was looked for is now shown. Returns how it was revealed (for the detail),
    /// or null when no menu showed it.
    /// </summary>
    public static async Task<string?> RevealMenusAsync(IPage page, Func<Task<bool>> found)
    {
        var toggles = await page.EvaluateAsync<int[]>("""
            () => { const vis = __VIS__; const out = [];
              const all = Array.from(document.querySelectorAll('button, [role=button], a, div, span, i, em, label')).slice(0, 3000);
              all.forEach((e, i) => {
                if (out.length >= 4 || !vis(e)) return;
                const r = e.getBoundingClientRect(); if (r.width === 0 || r.height === 0 || r.width > 200 || r.height > 120) return;
                const label = ((e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || '') + ' ' + (e.innerText || '')).trim();
                const cls = (typeof e.className === 'string' ? e.className : '') + ' ' + (e.id || '');
                if (e.getAttribute('aria-expanded') === 'false' || /^(☰|≡|菜单|导航|更多|全部|展开|展开导航|展开菜单|menu|nav)$/i.test(label) || /(菜单|导航)/.test(e.getAttribute('aria-label') || '')
                    || /(hamburger|menu-?(btn|button|toggle|icon|switch|open)|nav-?(btn|toggle|icon|switch|open)|navbar-toggle|toggle-?(menu|nav))/i.test(cls))
                  out.push(i);
              });
              return out; }
            """.Replace("__VIS__", PageViewReader.VisibleFunction));
        foreach (var index in toggles)
        {
            try
            {
                await page.Locator("button, [role=button], a, div, span, i, em, label").Nth(index).ClickAsync(new LocatorClickOptions { Timeout = 3000 });
                await page.WaitForTimeoutAsync(400); // menus animate open
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException) { continue; }
            if (await found()) return " (in the page's menu)";
        }
        return null;
    }

    /// <summary>
    /// Clicks the first visible element whose own text matches (a 切换城市 span with a script listener, a 搜索 icon
    /// div): controls that are not links or buttons in the markup. False when none is shown or the click fails.
    /// </summary>
    public static async Task<bool> ClickTextAsync(IPage page, System.Text.RegularExpressions.Regex text)
    {
        var candidates = page.GetByText(text);
        var count = Math.Min(await candidates.CountAsync(), 10);
        for (var i = 0; i < count; i++)
        {
            var c = candidates.Nth(i);
            if (!await c.IsVisibleAsync()) continue;
            try
            {
                await c.ClickAsync(new LocatorClickOptions { Timeout = 5000 });
                try { await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 8000 }); } catch (TimeoutException) { }
                await SettleAsync(page);
                return true;
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException) { }
        }
        return false;
    }

    private const string SearchBoxSelector = "input[type=search], input[name=q], input[name*=keyword i], input[name*=keyWord], input[name=wd], input[name*=search i], input[id*=search i], input[class*=search i], input[placeholder*='搜索'], input[placeholder*='关键字'], input[placeholder*='关键词'], input[placeholder*='搜一搜'], input[aria-label*='搜索'], input[title*='搜索'], input[placeholder*='请输入']";

    /// <summary>The site search box a user of the profile sees (visible and editable), or null.</summary>
    public static async Task<ILocator?> SearchBoxAsync(IPage page)
    {
        var candidates = page.Locator(SearchBoxSelector);
        for (var i = 0; i < await candidates.CountAsync(); i++)
        {
            var c = candidates.Nth(i);
            if (await c.IsVisibleAsync() && await c.IsEditableAsync()) return c;
        }
        // A box nothing names (<input name="kw">) is a search box when a visible 搜索 button sits beside it.
        return await SearchButtonAsync(page) is { } pair ? pair.Input : null;
    }

    private const string TextInputs = "input:not([type]), input[type=text], input[type=search]";
    private const string ButtonLike = "button, input[type=submit], input[type=button], a, [role=button], span, div, i";

    /// <summary>A visible 搜索/检索 button and the text box of its form (or of the same small container), or null.</summary>
    public static async Task<(ILocator Input, ILocator Button)?> SearchButtonAsync(IPage page)
    {
        int[]? found;
        try
        {
            found = await page.EvaluateAsync<int[]?>("""
                ([inputsSelector, buttonsSelector]) => { const vis = __VIS__;
                  const inputs = Array.from(document.querySelectorAll(inputsSelector));
                  const buttons = Array.from(document.querySelectorAll(buttonsSelector));
                  const label = b => ((b.value || '') + ' ' + (b.innerText || '') + ' ' + (b.getAttribute('title') || '') + ' ' + (b.getAttribute('aria-label') || '')).trim();
                  for (let i = 0; i < inputs.length; i++) {
                    const input = inputs[i]; if (!vis(input) || input.disabled || input.readOnly) continue;
                    let scope = input.form; for (let up = 0, e = input.parentElement; !scope && e && up < 3; up++, e = e.parentElement) if (e.querySelectorAll('input').length <= 3) scope = e;
                    if (!scope) continue;
                    const j = buttons.findIndex(b => scope.contains(b) && b !== input && vis(b) && /^\s*(搜索|搜 索|检索|站内搜索|全站搜索|Search|GO)\s*$/i.test(label(b)));
                    if (j >= 0) return [i, j];
                  }
                  return null; }
                """.Replace("__VIS__", PageViewReader.VisibleFunction), new[] { TextInputs, ButtonLike });
        }
        catch (PlaywrightException) { return null; }
        return found is [var input, var button]
            ? (page.Locator(TextInputs).Nth(input), page.Locator(ButtonLike).Nth(button))
            : null;
    }

    /// <summary>A site search box is in the page but not shown (inside a collapsed phone header or menu).</summary>
    public static async Task<bool> HasHiddenSearchBoxAsync(IPage page) => await page.Locator(SearchBoxSelector).CountAsync() > 0;

    /// <summary>Waits briefly for scripts to finish rendering (network idle, at most 3 s).</summary>
    public static async Task SettleAsync(IPage page)
    {
        try { await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 3000 }); }
        catch (TimeoutException) { /* busy pages never go idle; carry on */ }
    }

    public static async Task<ProbeObservation> StopAsync(ProbeContext context, OpenedPage opened, Outcome outcome, Reason reason, string detail)
    {
        // Something absent from the rendered page is missing; say which scripts or frames did not load, so a reviewer
        // can tell a portal without the item from a page that did not finish.
        if (reason == Reason.Missing && opened.Resources.Unloaded is { Count: > 0 } unloaded)
            detail += $"; did not load: {string.Join(", ", unloaded.Take(3))}{(unloaded.Count > 3 ? $" (+{unloaded.Count - 3})" : "")}";
        var shot = await context.ScreenshotAsync(opened.Page, "evidence");
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail, Urls = opened.Urls,
            Evidence = shot is null ? [] : [shot],
        };
    }

    /// <summary>
    /// Marks script tiles (<c>data-zb-tap</c>): the outermost element showing a pointer cursor, with a short label, neither
    /// inside nor around a link, button or onclick element (those are read as they are). Deterministic for a DOM, so a
    /// reloaded page gets the same marks and an index read before still points at the same control.
    /// </summary>
    private const string MarkScript = """
        (controls) => {
          const all = document.body ? document.body.querySelectorAll('*') : [];
          for (let k = 0, n = 0; k < all.length && k < 6000 && n < 300; k++) {
            const e = all[k];
            if (e.hasAttribute('data-zb-tap')) { n++; continue; }
            if (getComputedStyle(e).cursor !== 'pointer') continue;
            const p = e.parentElement;
            if (p && getComputedStyle(p).cursor === 'pointer') continue;
            if (e.closest(controls) || e.querySelector(controls)) continue;
            const label = (e.innerText || '').trim();
            const alt = e.querySelector('img[alt]');
            if ((label.length === 0 && !(alt && alt.alt.trim())) || label.length > 40) continue;
            e.setAttribute('data-zb-tap', ''); n++;
          }
        }
        """;

    /// <summary>Marks the page's script tiles so <see cref="ClickableSelector"/> finds them (see <see cref="MarkScript"/>).</summary>
    public static async Task MarkScriptTilesAsync(IPage page)
    {
        try { await page.EvaluateAsync(MarkScript, MarkupControls); }
        catch (PlaywrightException) { /* navigating: the caller reads the new page */ }
    }

    private const string CollectScript = """
        ([sel, controls]) => { const vis = __VIS__;
          (__MARK__)(controls);
          return Array.from(document.querySelectorAll(sel)).slice(0, 3000).map((e, i) => {
          const img = e.querySelector ? e.querySelector('img[alt]') : null;
          return {
            index: i, tag: e.tagName.toLowerCase(),
            text: (e.tagName === 'SELECT' ? Array.from(e.options).map(o => o.text).join(' | ') : (e.innerText || e.textContent || '')).trim().slice(0, 120),
            href: e.href || e.getAttribute('href') || '', hrefLang: e.getAttribute('hreflang') || '',
            title: e.getAttribute('title') || '', aria: e.getAttribute('aria-label') || '', alt: img ? img.alt : '',
            target: e.getAttribute('target') || '',
            visible: e.tagName === 'LINK' ? false : vis(e)
          };
        }); }
        """;

    private sealed class ClickableJs
    {
        public int Index { get; set; }
        public string Tag { get; set; } = "";
        public string Text { get; set; } = "";
        public string Href { get; set; } = "";
        public string HrefLang { get; set; } = "";
        public string Title { get; set; } = "";
        public string Aria { get; set; } = "";
        public string Alt { get; set; } = "";
        public string Target { get; set; } = "";
        public bool Visible { get; set; }
    }

    public static async Task<IReadOnlyList<Clickable>> ClickablesAsync(IPage page)
    {
        var raw = await page.EvaluateAsync<ClickableJs[]>(CollectScript.Replace("__VIS__", PageViewReader.VisibleFunction).Replace("__MARK__", MarkScript), new[] { ClickableSelector, MarkupControls });
        return raw.Select(c => new Clickable(c.Index, c.Tag, c.Text, c.Href, c.HrefLang, c.Title, c.Aria, c.Alt, c.Target, c.Visible)).ToList();
    }

    /// <summary>
    /// Activates a clickable the way a user would and returns the page that shows the result: the same page
    /// (script toggles), the same page navigated, a new tab, or — for links — the link's target opened directly.
    /// </summary>
    public static async Task<(IPage Page, IResponse? Response)> ActivateAsync(OpenedPage opened, Clickable target, string? optionPattern = null)
    {
        var page = opened.Page;
        if (target.Tag == "link" || (target.NavigatesByHref && !target.Href.StartsWith("javascript", StringComparison.OrdinalIgnoreCase)))
        {
            // Following the href is what a click does, without depending on overlays or new-tab handling.
            var newPage = await opened.Context.NewPageAsync();
            var response = await newPage.GotoAsync(target.Href, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            await SettleAsync(newPage);
            return (newPage, response);
        }
        // The index was read with the script tiles marked: mark them again (a reloaded page has lost its marks).
        await MarkScriptTilesAsync(page);
        var locator = page.Locator(ClickableSelector).Nth(target.Index);
        if (target.Tag == "select" && optionPattern is not null)
        {
            var options = await locator.Locator("option").AllAsync();
            foreach (var o in options)
            {
                var text = (await o.TextContentAsync() ?? "").Trim();
                if (System.Text.RegularExpressions.Regex.IsMatch(text, optionPattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase))
                {
                    var value = await o.GetAttributeAsync("value") ?? text;
                    var nav = page.WaitForNavigationAsync(new PageWaitForNavigationOptions { Timeout = 8000 });
                    await locator.SelectOptionAsync(value);
                    IResponse? r = null;
                    try { r = await nav; } catch (TimeoutException) { }
                    await SettleAsync(page);
                    return (page, r);
                }
            }
            return (page, null);
        }
        var before = page.Url;
        var textBefore = await BodyTextAsync(page);
        using var requests = new RequestsInFlight(page); // a route's view fetches its data right after the tap
        var popup = await AwaitEffectAsync(opened.Context, page, before, textBefore, TimeSpan.FromSeconds(4),
            () => locator.ClickAsync(new LocatorClickOptions { Timeout = 8000 }));
        if (popup is not null)
        {
            await popup.WaitForLoadStateAsync(LoadState.Load);
            await SettleAsync(popup);
            return (popup, null);
        }
        try { await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 8000 }); } catch (TimeoutException) { }
        await SettleAsync(page);
        // A route change of a single-page app (hash or history) is a navigation too: the view renders after it.
        if (!SameUrl(page.Url, before)) await SettleViewAsync(page, requests);
        return (page, null);
    }

    /// <summary>
    /// Waits for a single-page app's view to settle after a route change: no request of the page in flight and no
    /// element added, removed or re-texted for 500 ms (attribute changes, as a carousel makes, do not count), 3 s at most.
    /// </summary>
    public static async Task SettleViewAsync(IPage page, RequestsInFlight requests)
    {
        try
        {
            await page.EvaluateAsync("""
                () => { window.__zbMutated = performance.now();
                  if (window.__zbObserver) window.__zbObserver.disconnect(); // one watcher per page, not one per tap
                  window.__zbObserver = new MutationObserver(() => { window.__zbMutated = performance.now(); });
                  window.__zbObserver.observe(document.body || document.documentElement, { childList: true, subtree: true, characterData: true }); }
                """);
            var started = System.Diagnostics.Stopwatch.StartNew();
            while (started.Elapsed < TimeSpan.FromSeconds(3))
            {
                await Task.Delay(100);
                var quietMs = await page.EvaluateAsync<double>("() => performance.now() - (window.__zbMutated || 0)");
                if (requests.Count == 0 && quietMs >= 500) break;
            }
            await page.EvaluateAsync("() => { if (window.__zbObserver) { window.__zbObserver.disconnect(); window.__zbObserver = null; } }");
        }
        catch (PlaywrightException) { /* the page navigated away: the caller reads the new document */ }
    }

    /// <summary>Remembers the elements the page shows now, so what a tap adds can be told from the shell that stays.</summary>
    public static async Task MarkSeenAsync(IPage page)
    {
        try { await page.EvaluateAsync("() => { window.__zbSeen = new WeakSet(document.querySelectorAll('*')); }"); }
        catch (PlaywrightException) { }
    }

    /// <summary>
    /// What a tap added to the same document since <see cref="MarkSeenAsync"/>: the visible text of the elements that
    /// are new, and the lines of the elements that stayed (the shell: header, tab bar). Null when the document is
    /// another one (a navigation: nothing stayed).
    /// </summary>
    public static async Task<(string Added, IReadOnlyList<string> Shell)?> AddedContentAsync(IPage page)
    {
        try
        {
            var r = await page.EvaluateAsync<AddedJs?>("""
                () => { const seen = window.__zbSeen; if (!seen || !document.body) return null; const vis = __VIS__;
                  const added = [];
                  for (const e of document.body.querySelectorAll('*')) {
                    if (seen.has(e) || (e.parentElement && !seen.has(e.parentElement)) || !vis(e)) continue;
                    const t = (e.innerText || '').trim(); if (t) added.push(t.slice(0, 4000));
                    if (added.length > 200) break;
                  }
                  const shell = []; const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                  for (let n = walker.nextNode(); n && shell.length < 2000; n = walker.nextNode()) {
                    const t = n.textContent.replace(/\s+/g, ' ').trim();
                    if (t && n.parentElement && seen.has(n.parentElement) && vis(n.parentElement)) shell.push(t);
                  }
                  return { added: added.join('\n'), shell };
                }
                """.Replace("__VIS__", PageViewReader.VisibleFunction));
            return r is null ? null : (r.Added, r.Shell);
        }
        catch (PlaywrightException) { return null; }
    }

    private sealed class AddedJs
    {
        public string Added { get; set; } = "";
        public string[] Shell { get; set; } = [];
    }

    /// <summary>
    /// Acts (a click, a key press) and waits for what it set off: a new tab (returned), a navigation of the page, or —
    /// after a second — a change of the page's text in place. Stops at the first of these instead of always waiting
    /// out the longest a new tab could take; at most <paramref name="max"/>.
    /// </summary>
    public static async Task<IPage?> AwaitEffectAsync(IBrowserContext context, IPage page, string urlBefore, string textBefore, TimeSpan max, Func<Task> act)
    {
        IPage? popup = null;
        void OnPage(object? _, IPage p) { if (p != page) popup ??= p; }
        context.Page += OnPage;
        try
        {
            await act();
            var started = System.Diagnostics.Stopwatch.StartNew();
            while (started.Elapsed < max)
            {
                if (popup is not null) return popup;
                if (page.IsClosed || !SameUrl(page.Url, urlBefore)) return null;
                if (started.Elapsed >= TimeSpan.FromSeconds(1) && await BodyTextAsync(page) != textBefore) return null;
                await Task.Delay(100);
            }
            return popup;
        }
        finally { context.Page -= OnPage; }
    }

    /// <summary>The page's visible text; empty while it navigates away.</summary>
    public static async Task<string> BodyTextAsync(IPage page)
    {
        try { return await page.EvaluateAsync<string>("() => document.body ? document.body.innerText : ''"); }
        catch (PlaywrightException) { return ""; } // navigating: the caller sees the new URL
    }

    /// <summary>Share of Latin letters among Latin and CJK characters of the visible text, and the lang attribute.</summary>
    public static async Task<(string Lang, double LatinShare, string Text)> LanguageAsync(IPage page)
    {
        var r = await page.EvaluateAsync<LangJs>("""
            () => { const t = document.body ? document.body.innerText : '';
              const latin = (t.match(/[A-Za-z]/g) || []).length, cjk = (t.match(/[\u3400-\u9fff]/g) || []).length;
              return { lang: document.documentElement.lang || '', share: latin + cjk === 0 ? 0 : latin / (latin + cjk), text: t.slice(0, 4000) }; }
            """);
        return (r.Lang, r.Share, r.Text);
    }

    private sealed class LangJs
    {
        public string Lang { get; set; } = "";
        public double Share { get; set; }
        public string Text { get; set; } = "";
    }

    /// <summary>
    /// Median effective text size (px) of visible elements that hold text directly: the computed font size times the
    /// rendered scale (CSS zoom or a transform, seen as rendered width over layout width), so an elderly mode that enlarges the
    /// page by zoom or scale (as some 适老化 toolbars do) is measured as larger, like a reader sees it.
    /// </summary>
    public static Task<double> TextSizeAsync(IPage page) => page.EvaluateAsync<double>("""
        () => { const sizes = [];
          for (const e of document.body.querySelectorAll('*')) {
            if (!(e.offsetWidth || e.offsetHeight)) continue;
            const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim().length > 0);
            if (!own) continue;
            const r = e.getBoundingClientRect();
            const scale = e.offsetWidth > 0 && r.width > 0 ? r.width / e.offsetWidth : 1;
            // The rendered box over the layout box: CSS zoom and transforms both show here (font-size does not carry them).
            sizes.push(parseFloat(getComputedStyle(e).fontSize) * (scale > 0.2 && scale < 5 ? scale : 1));
          }
          if (sizes.length === 0) return 0;
          sizes.sort((a, b) => a - b); return sizes[Math.floor(sizes.length / 2)]; }
        """);
}
