using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.OnlineShare;

/// <summary>How far a service can be done online, as its 办事指南 states it.</summary>
public enum OnlineDepth
{
    /// <summary>The guide states none of the fields read (not a guide, or written in a way not recognised).</summary>
    Unknown,
    /// <summary>Only at a counter (窗口办理) or with visits to the office.</summary>
    Offline,
    /// <summary>Online in part (网上申请, 网上预审) with at least one visit.</summary>
    Partly,
    /// <summary>全程网办: no visit (到现场次数 0, 网办深度 四级, 零跑动).</summary>
    Fully,
}

/// <summary>What one guide says: its depth, the visits it states, and the text that decided.</summary>
public sealed record GuideReading(OnlineDepth Depth, int? Visits, string Evidence);

/// <summary>Pure reading of 办事指南 pages as real portals write them (label: value, in tables, lists or lines).</summary>
public static partial class OnlineShareRules
{
    // 到办事现场次数：0次 · 到现场次数 1 · 跑动次数：0 · 到办理现场次数：零次 · 最多跑一次
    [GeneratedRegex(@"(到办事现场次数|到办理现场次数|到现场次数|到场次数|现场次数|跑动次数|跑腿次数)[\s:：]*(\d+|零|一|两|二|三)\s*次?")]
    private static partial Regex VisitsField();

    // 办理形式：窗口办理、网上办理 · 网办深度：四级 · 网上办理深度 Ⅳ级 · 办理方式 全程网办
    [GeneratedRegex(@"(办理形式|办理方式|网办深度|网上办理深度|办理深度|网办程度)[\s:：]*([^\n]{1,60})")]
    private static partial Regex FormField();

    // 是否网办：是 · 是否支持网上办理：否
    [GeneratedRegex(@"是否(支持)?(网上办理|网办|全程网办|在线办理)[\s:：]*(是|否)")]
    private static partial Regex OnlineFlag();

    [GeneratedRegex(@"(全程网办|全流程网办|全程网上办理|四级|Ⅳ级|IV级|4级|零跑动|0跑动|不见面审批|一次都不跑)")]
    private static partial Regex FullyWords();

    [GeneratedRegex(@"(网上办理|在线办理|网上申请|网上预审|网办|掌上办|移动端办理|网上预约)")]
    private static partial Regex OnlineWords();

    private static int? Number(string s) => s switch { "零" => 0, "一" => 1, "两" or "二" => 2, "三" => 3, _ => int.TryParse(s, out var n) ? n : null };

    /// <summary>
    /// Reads a guide's fields. The stated number of visits decides first (0: fully online); else the form or depth
    /// field (全程网办, 四级: fully; 网上办理 among others: partly; 窗口 only: offline); else a 是否网办 flag. Words that
    /// are not in a field (a 全程网办专区 menu link) never decide.
    /// </summary>
    public static GuideReading Read(string text)
    {
        var visitsMatch = VisitsField().Match(text);
        var visits = visitsMatch.Success ? Number(visitsMatch.Groups[2].Value) : null;
        var forms = FormField().Matches(text).Select(m => m.Value.Trim()).ToList();
        var formText = string.Join(" ", forms.Select(f => f.Length > 60 ? f[..60] : f));
        var online = OnlineWords().IsMatch(formText) || OnlineFlag().Match(text) is { Success: true } flag && flag.Groups[3].Value == "是";
        if (visits is 0) return new(OnlineDepth.Fully, 0, visitsMatch.Value.Trim());
        if (visits is > 0) return new(online ? OnlineDepth.Partly : OnlineDepth.Offline, visits, string.Join("; ", new[] { visitsMatch.Value.Trim() }.Concat(forms.Take(1))));
        if (forms.Count > 0)
        {
            if (FullyWords().IsMatch(formText)) return new(OnlineDepth.Fully, null, forms[0]);
            return new(online ? OnlineDepth.Partly : formText.Contains("窗口") || formText.Contains("现场") ? OnlineDepth.Offline : OnlineDepth.Unknown, null, forms[0]);
        }
        if (OnlineFlag().Match(text) is { Success: true } f2) return new(f2.Groups[3].Value == "是" ? OnlineDepth.Partly : OnlineDepth.Offline, null, f2.Value);
        return new(OnlineDepth.Unknown, null, "");
    }

    /// <summary>
    /// The address of a search answer with its term replaced by <c>{term}</c>, when the term is a query parameter's
    /// whole value (a GET form); null otherwise (a POST form, a script route), and the search box is used each time.
    /// </summary>
    public static string? SearchTemplate(string resultsUrl, string term)
    {
        if (!Uri.TryCreate(resultsUrl, UriKind.Absolute, out var u) || u.Query.Length < 2) return null;
        var parts = u.Query[1..].Split('&');
        var hit = -1;
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=');
            if (eq > 0 && Uri.UnescapeDataString(parts[i][(eq + 1)..].Replace('+', ' ')) == term) { hit = i; break; }
        }
        if (hit < 0) return null;
        parts[hit] = parts[hit][..(parts[hit].IndexOf('=') + 1)] + "{term}";
        return $"{u.GetLeftPart(UriPartial.Path)}?{string.Join('&', parts)}";
    }

    /// <summary>The sampled services from the catalogue setting (separated by commas, 、 or semicolons).</summary>
    public static IReadOnlyList<string> Services(string setting) =>
        Regex.Split(setting, "[,，、;；]").Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();

    /// <summary>
    /// Share of the guides read that are fully online. Fewer than <paramref name="minGuides"/> guides read: the probe
    /// cannot say (error, undecided), never a portal failure.
    /// </summary>
    public static (Outcome, Reason, string, double?) Judge(IReadOnlyList<(string Service, GuideReading? Reading, string Note)> guides, int minGuides, double minShare)
    {
        string D((string Service, GuideReading? Reading, string Note) g) => g.Reading is { Depth: not OnlineDepth.Unknown } r
            ? $"{g.Service}: {Word(r.Depth)} ('{r.Evidence}')"
            : $"{g.Service}: {(g.Note.Length > 0 ? g.Note : "no guide read")}";
        var detail = string.Join("; ", guides.Select(D));
        var read = guides.Where(g => g.Reading is { Depth: not OnlineDepth.Unknown }).ToList();
        if (read.Count < minGuides)
            return (Outcome.Error, Reason.Undecided, $"only {read.Count} of {guides.Count} service guides could be read (at least {minGuides} needed to say anything): {detail}", null);
        var fully = read.Count(g => g.Reading!.Depth == OnlineDepth.Fully);
        var share = Math.Round((double)fully / read.Count, 3);
        var head = $"{fully} of {read.Count} services fully online ({share:P0})";
        return share >= minShare ? (Outcome.Pass, Reason.Ok, $"{head}: {detail}", share) : (Outcome.Fail, Reason.Partial, $"{head}, below {minShare:P0}: {detail}", share);
    }

    private static string Word(OnlineDepth d) => d switch
    {
        OnlineDepth.Fully => "fully online",
        OnlineDepth.Partly => "partly online",
        OnlineDepth.Offline => "at the counter",
        _ => "not stated",
    };
}

/// <summary>
/// <c>online-share</c> (服务在线提供): samples the 办事指南 of high-frequency services (the catalogue's
/// <c>services</c>) and reads what each guide states — 办理形式 / 网办深度 and 到办事现场次数; the value is the share
/// done fully online (全程网办, no visit). Guides are found through the site search (each service's name typed, the
/// result naming it opened; a result page that only links to its guide is followed once), or listed in the manifest
/// hint <c>guides</c> (URLs). Fewer than <c>min_guides</c> read: <c>error</c> <c>undecided</c>.
/// </summary>
public sealed class OnlineShareProbe : IIndicatorProbe
{
    public const string ProbeKey = "online-share";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("全程网办占比", "share of services fully online"),
        SettingsSchema.Of<OnlineShareSettings>(),
        ["guides"]);

    private static readonly Regex GuideLink = new("(办事指南|服务指南|查看指南|办理指南|指南详情|查看详情|详情)");

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings.As<OnlineShareSettings>();
        var services = OnlineShareRules.Services(settings.Services);
        var (opened, stop) = await PageTools.OpenAsync(context);
        if (stop is not null) return stop;
        var guides = new List<(string, GuideReading?, string)>();
        var urls = opened.Urls.ToList();
        var evidence = new List<EvidenceItem>();
        if (context.Hints.TryGetValue("guides", out var listed))
        {
            foreach (var url in listed.Split([' ', ',', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (reading, note, at) = await ReadGuideAsync(context, opened, url, evidence);
                guides.Add((url, reading, note));
                if (at is not null) urls.Add(at);
            }
        }
        else
        {
            string? searchUrl = null; // the first search's own address, reused for the next terms when it carries the term
            foreach (var service in services)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var found = await FindGuideAsync(context, opened, service, searchUrl);
                searchUrl ??= found.SearchUrl;
                if (found.Url is null) { guides.Add((service, null, found.Note)); continue; }
                var (reading, note, at) = await ReadGuideAsync(context, opened, found.Url, evidence);
                guides.Add((service, reading, note));
                if (at is not null) urls.Add(at);
            }
        }
        var (outcome, reason, detail, share) = OnlineShareRules.Judge(guides, settings.MinGuides, settings.MinShare);
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail, Urls = urls.Distinct().ToList(),
            Value = share, Unit = "share fully online",
            Measurements =
            [
                new("guides_read", guides.Count(g => g.Item2 is { Depth: not OnlineDepth.Unknown }), "count"),
                new("fully_online", guides.Count(g => g.Item2 is { Depth: OnlineDepth.Fully }), "count"),
            ],
            Evidence = evidence,
        };
    }

    /// <summary>
    /// Types the service into the site search and returns the first result naming it (its URL), or why not. When the
    /// first search answered at an address carrying the term (a GET form: /search?q=…), the next terms are searched at
    /// that address with the term replaced, as a user editing the query would, instead of reloading the entry page.
    /// </summary>
    private static async Task<(string? Url, string Note, string? SearchUrl)> FindGuideAsync(ProbeContext context, OpenedPage opened, string service, string? searchUrl)
    {
        var page = opened.Page;
        try
        {
            IPage results;
            string? template = null;
            if (searchUrl is not null)
            {
                await page.GotoAsync(searchUrl.Replace("{term}", Uri.EscapeDataString(service), StringComparison.Ordinal), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                results = page;
            }
            else
            {
                if (!PageTools.SameUrl(page.Url, opened.Urls[^1]))
                {
                    await page.GotoAsync(opened.Urls[^1], new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                    await PageTools.SettleAsync(page);
                }
                var box = await PageTools.SearchBoxAsync(page);
                if (box is null) return (null, "no site search box to find its guide", null);
                await box.FillAsync(service);
                var textBefore = await PageTools.BodyTextAsync(page);
                results = await PageTools.AwaitEffectAsync(opened.Context, page, page.Url, textBefore, TimeSpan.FromSeconds(8),
                    () => box.PressAsync("Enter", new LocatorPressOptions { NoWaitAfter = true })) ?? page;
                try { await results.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 8000 }); } catch (TimeoutException) { }
                template = OnlineShareRules.SearchTemplate(results.Url, service);
            }
            await PageTools.SettleAsync(results);
            // The result naming the service: its full name, or its first four characters (titles vary: 住房公积金提取（退休）).
            var head = service.Length > 4 ? service[..4] : service;
            var links = (await PageTools.ClickablesAsync(results)).Where(c => c.Visible && c.NavigatesByHref).ToList();
            var hit = links.FirstOrDefault(c => c.Text.Contains(service, StringComparison.Ordinal))
                      ?? links.FirstOrDefault(c => c.Text.Contains(head, StringComparison.Ordinal) && GuideLink.IsMatch(c.Text))
                      ?? links.FirstOrDefault(c => c.Text.Contains(head, StringComparison.Ordinal) && !PageTools.SameUrl(c.Href, results.Url));
            if (!ReferenceEquals(results, page)) await results.CloseAsync();
            return hit is null ? (null, $"searching '{service}' shows no result naming it", template) : (hit.Href, "", template);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return (null, $"searching '{service}' failed: {ex.Message.Split('\n')[0]}", null);
        }
    }

    /// <summary>Opens a guide (following its 办事指南 link once when the page is only an overview) and reads it.</summary>
    private static async Task<(GuideReading? Reading, string Note, string? Url)> ReadGuideAsync(ProbeContext context, OpenedPage opened, string url, List<EvidenceItem> evidence)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !await context.MayFetchAsync(uri)) return (null, "not fetched (egress guard)", null);
        var page = await opened.Context.NewPageAsync();
        try
        {
            var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            await PageTools.SettleAsync(page);
            var snapshot = await PageReader.SnapshotAsync(page, response);
            if (PageTools.TargetProblem(snapshot, response?.Status, "the guide") is { } problem) return (null, problem.Detail, page.Url);
            var reading = OnlineShareRules.Read(snapshot.VisibleText);
            if (reading.Depth == OnlineDepth.Unknown && ClickableMatcher.Find(await PageTools.ClickablesAsync(page), [GuideLink]) is { NavigatesByHref: true } link)
            {
                response = await page.GotoAsync(link.Href, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                await PageTools.SettleAsync(page);
                snapshot = await PageReader.SnapshotAsync(page, response);
                if (PageTools.TargetProblem(snapshot, response?.Status, "the guide") is { } p2) return (null, p2.Detail, page.Url);
                reading = OnlineShareRules.Read(snapshot.VisibleText);
            }
            if (evidence.Count < 3 && await context.ScreenshotAsync(page, $"guide-{evidence.Count + 1}") is { } shot) evidence.Add(shot);
            return (reading, reading.Depth == OnlineDepth.Unknown ? $"the page at {page.Url} states no 办理形式 or 到现场次数" : "", page.Url);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return (null, $"the guide could not be opened: {ex.Message.Split('\n')[0]}", null);
        }
        finally { try { await page.CloseAsync(); } catch (PlaywrightException) { } }
    }

}
