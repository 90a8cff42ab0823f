using ZhangbanProbe.Core.Catalogue;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.PageHealth;

/// <summary>What was wrong on the entry page.</summary>
/// <param name="Sampled">Lists the page made longer than the probe reads: each judged on its capped sample, said in the detail.</param>
public sealed record HealthFindings(IReadOnlyList<string> ConsoleErrors, IReadOnlyList<string> FailedRequests, IReadOnlyList<string> BrokenImages, IReadOnlyList<string> BrokenLinks, int LinksChecked,
    IReadOnlyList<string>? Sampled = null);

/// <summary>Pure judgement of page health.</summary>
public static class PageHealthRules
{
    /// <summary>Broken links, images or requests: fail; only script (console) errors: degraded; nothing: pass.</summary>
    public static (Outcome, Reason, string) Judge(HealthFindings f)
    {
        var parts = new List<string>();
        if (f.BrokenLinks.Count > 0) parts.Add($"{f.BrokenLinks.Count} broken link(s) of {f.LinksChecked} checked: {string.Join(", ", f.BrokenLinks.Take(5))}");
        if (f.BrokenImages.Count > 0) parts.Add($"{f.BrokenImages.Count} broken image(s): {string.Join(", ", f.BrokenImages.Take(5))}");
        if (f.FailedRequests.Count > 0) parts.Add($"{f.FailedRequests.Count} failed request(s): {string.Join(", ", f.FailedRequests.Take(5))}");
        if (f.ConsoleErrors.Count > 0) parts.Add($"{f.ConsoleErrors.Count} console error(s): {string.Join(" | ", f.ConsoleErrors.Take(3))}");
        var sampled = f.Sampled is { Count: > 0 } s ? $"; judged on capped samples: {string.Join(", ", s)}" : "";
        if (parts.Count == 0) return (Outcome.Pass, Reason.Ok, $"no console errors, failed requests, broken images or broken links ({f.LinksChecked} links checked){sampled}");
        var detail = string.Join("; ", parts) + sampled;
        if (f.BrokenLinks.Count > 0 || f.BrokenImages.Count > 0 || f.FailedRequests.Count > 0) return (Outcome.Fail, Reason.DeadLink, detail);
        return (Outcome.Degraded, Reason.ConsoleErrors, detail);
    }
}

/// <summary>
/// <c>page-health</c>: console errors, failed requests, broken images and broken links on the entry page. It
/// informs 技术体验顺畅: broken pieces on the front page are what users meet first. Links are checked on the
/// portal's own host only, at most <c>max_links</c> (default 30), politely one at a time.
/// </summary>
public sealed class PageHealthProbe : IIndicatorProbe
{
    private sealed class LinkStatus
    {
        public string Url { get; set; } = "";
        public int Status { get; set; }
    }

    /// <summary>Most entries kept of any list the page fills (console errors, failed requests, broken images).</summary>
    public const int ListCap = 200;

    /// <summary>Most anchors looked at for same-host links to check.</summary>
    public const int AnchorScanLimit = 5000;

    private sealed class PageLists
    {
        public string[] BrokenImages { get; set; } = [];
        public int BrokenImagesTotal { get; set; }
        public string[] Links { get; set; } = [];
        public int AnchorsTotal { get; set; }
        public int AnchorsScanned { get; set; }
    }

    public const string ProbeKey = "page-health";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("页面健康", "page health"),
        SettingsSchema.Of<PageHealthSettings>(),
        []);

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var maxLinks = context.Settings.As<PageHealthSettings>().MaxLinks;
        var consoleErrors = new CappedList(ListCap);
        var failed = new CappedList(ListCap, clip: 600);
        var unreachable = new CappedList(50, clip: 600);
        var (opened, stop) = await PageTools.OpenAsync(context, beforeNavigation: page =>
        {
            // Lists a page fills are capped: a hostile page cannot make the worker hold (or store) without bound.
            page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };
            page.PageError += (_, e) => consoleErrors.Add(e.Split('\n', 2)[0]);
            // A request our network could not make (DNS, refused, timed out) says nothing about the portal: listed, not counted.
            page.RequestFailed += (_, r) =>
            {
                if (FailureClassifier.IsOurNetworkFailure(r.Failure)) unreachable.Add($"{CappedList.Clip(r.Url, 500)} ({r.Failure})");
                else failed.Add($"{CappedList.Clip(r.Url, 500)} ({r.Failure})");
            };
            page.Response += (_, r) => { if (FailureClassifier.IsDeadLinkStatus(r.Status) && !r.Request.IsNavigationRequest) failed.Add($"{CappedList.Clip(r.Url, 500)} (HTTP {r.Status})"); };
        });
        if (stop is not null) return stop;
        var page = opened.Page;

        // Read in the page and capped there: a page with a million images or links hands over a sample, not the million.
        var read = await page.EvaluateAsync<PageLists>("""
            ([cap, maxLinks, scanLimit]) => {
              const broken = []; let brokenTotal = 0;
              for (const i of document.images) if (i.complete && i.naturalWidth === 0 && i.src) { brokenTotal++; if (broken.length < cap) broken.push(i.src.slice(0, 500)); }
              const anchors = document.querySelectorAll('a[href]'); const links = []; const seen = new Set();
              const here = location.href.split('#')[0];
              const scanned = Math.min(anchors.length, scanLimit);
              for (let k = 0; k < scanned && links.length < maxLinks; k++) {
                let u; try { u = new URL(anchors[k].href); } catch { continue; }
                if (u.hostname !== location.hostname || !u.protocol.startsWith('http')) continue;
                const h = u.href.split('#')[0];
                if (h === here || seen.has(h) || h.length > 2000) continue;
                seen.add(h); links.push(h);
              }
              return { brokenImages: broken, brokenImagesTotal: brokenTotal, links, anchorsTotal: anchors.length, anchorsScanned: scanned };
            }
            """, new object[] { ListCap, maxLinks, AnchorScanLimit });
        var brokenImages = read.BrokenImages;
        var links = read.Links.ToList();
        var sampled = new List<string>();
        if (read.BrokenImagesTotal > brokenImages.Length) sampled.Add($"broken images: the first {brokenImages.Length} of {read.BrokenImagesTotal}");
        if (read.AnchorsTotal > read.AnchorsScanned) sampled.Add($"links taken from the first {read.AnchorsScanned} of {read.AnchorsTotal} anchors");
        if (consoleErrors.Overflow > 0) sampled.Add($"console errors: the first {ListCap} (+{consoleErrors.Overflow} more)");
        if (failed.Overflow > 0) sampled.Add($"failed requests: the first {ListCap} (+{failed.Overflow} more)");
        // Checked from inside the page (same origin, the browser's own network stack and cookies), one at a time.
        var statuses = await page.EvaluateAsync<LinkStatus[]>("""
            async (links) => { const out = [];
              for (const l of links) {
                const c = new AbortController(); const t = setTimeout(() => c.abort(), 10000);
                try { const r = await fetch(l, { method: 'GET', redirect: 'follow', credentials: 'include', signal: c.signal }); out.push({ url: l, status: r.status }); }
                catch (e) { out.push({ url: l, status: -1 }); }
                finally { clearTimeout(t); }
              }
              return out; }
            """, links);
        // A link that could not be fetched at all (network, timeout) says nothing about the portal: not counted.
        // A refusal (403, 429, 503: a WAF turning scripted requests away) is not a dead link either.
        var brokenLinks = statuses.Where(x => FailureClassifier.IsDeadLinkStatus(x.Status)).Select(x => $"{x.Url} (HTTP {x.Status})").ToList();
        var notChecked = statuses.Count(x => x.Status < 0 || (x.Status >= 400 && !FailureClassifier.IsDeadLinkStatus(x.Status)));

        // Images already reported as broken are not counted twice as failed requests.
        var failedRequests = failed.Items.Where(x => !brokenImages.Any(i => x.StartsWith(i))).Distinct().ToList();
        var findings = new HealthFindings(consoleErrors.Items.Distinct().ToList(), failedRequests, brokenImages, brokenLinks, links.Count - notChecked, sampled);
        var (outcome, reason, detail) = PageHealthRules.Judge(findings);
        if (unreachable.Items is { Count: > 0 } notOurs) detail += $"; not counted (unreachable from here, may be our network): {string.Join(", ", notOurs.Take(3))}";
        var shot = await context.ScreenshotAsync(page, "entry");
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail, Urls = opened.Urls,
            Value = findings.ConsoleErrors.Count + findings.FailedRequests.Count + findings.BrokenImages.Count + findings.BrokenLinks.Count, Unit = "problems",
            Measurements =
            [
                new("console_errors", findings.ConsoleErrors.Count, "count"), new("failed_requests", findings.FailedRequests.Count, "count"),
                new("broken_images", findings.BrokenImages.Count, "count"), new("broken_links", findings.BrokenLinks.Count, "count"),
                new("links_checked", findings.LinksChecked, "count"),
            ],
            Evidence = shot is null ? [] : [shot],
        };
    }
}
