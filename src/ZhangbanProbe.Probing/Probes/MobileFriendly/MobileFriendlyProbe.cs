using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.MobileFriendly;

/// <summary>What the mobile checks measured.</summary>
public sealed record MobileFindings(bool Viewport, double ScrollWidth, double ViewportWidth, double TextPx, int Targets, int SmallTargets);

/// <summary>Pure judgement; the first failing check names the reason, the detail lists them all.</summary>
public static class MobileFriendlyRules
{
    public static (Outcome, Reason, string) Judge(MobileFindings f, double minTextPx, double maxSmallTargetShare)
    {
        var problems = new List<(Reason, string)>();
        if (!f.Viewport) problems.Add((Reason.NoViewport, "no <meta name=viewport content=width=device-width>"));
        if (f.ScrollWidth > f.ViewportWidth + 1) problems.Add((Reason.HorizontalOverflow, $"content {f.ScrollWidth:0} px wide on a {f.ViewportWidth:0} px screen"));
        if (f.TextPx < minTextPx) problems.Add((Reason.SmallText, $"median text size {f.TextPx:0.#} px < {minTextPx:0} px"));
        var share = f.Targets == 0 ? 0 : (double)f.SmallTargets / f.Targets;
        if (share > maxSmallTargetShare) problems.Add((Reason.SmallTapTargets, $"{f.SmallTargets} of {f.Targets} tap targets smaller than 24×24 px"));
        var facts = $"viewport meta {(f.Viewport ? "yes" : "no")}, width {f.ScrollWidth:0}/{f.ViewportWidth:0} px, text {f.TextPx:0.#} px, small tap targets {f.SmallTargets}/{f.Targets}";
        return problems.Count == 0
            ? (Outcome.Pass, Reason.Ok, facts)
            : (Outcome.Fail, problems[0].Item1, string.Join("; ", problems.Select(p => p.Item2)) + $" ({facts})");
    }
}

/// <summary>
/// <c>mobile-friendly</c>: at the mobile profile's width, the entry page declares a viewport, has no horizontal
/// overflow, a legible base text size and tap targets of at least 24×24 px (WCAG 2.2). It informs 技术体验顺畅:
/// these platforms are meant for phones. Settings: <c>min_text_px</c> (12), <c>max_small_target_share</c> (0.25).
/// </summary>
public sealed class MobileFriendlyProbe : IIndicatorProbe
{
    public const string ProbeKey = "mobile-friendly";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("移动端适配", "mobile friendliness"),
        SettingsSchema.Of<MobileFriendlySettings>(),
        []) { ReadsEntryOnly = true };

    private sealed class Js
    {
        public bool Viewport { get; set; }
        public double ScrollWidth { get; set; }
        public double ViewportWidth { get; set; }
        public int Targets { get; set; }
        public int Small { get; set; }
        public int Candidates { get; set; }
    }

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var (opened, stop) = await PageTools.OpenEntryAsync(context);
        if (stop is not null) return stop;
        var page = opened.Page;
        var js = await page.EvaluateAsync<Js>("""
            () => {
              const vp = document.querySelector('meta[name=viewport]');
              const content = vp ? (vp.getAttribute('content') || '') : '';
              const candidates = document.querySelectorAll('a[href], button, input[type=submit], [role=button]');
              const targets = Array.from(candidates).slice(0, 5000)
                .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
              return { viewport: /width\s*=\s*device-width/.test(content),
                       scrollWidth: document.documentElement.scrollWidth, viewportWidth: window.innerWidth,
                       targets: targets.length, small: targets.filter(r => r.width < 24 || r.height < 24).length, candidates: candidates.length };
            }
            """);
        var textPx = await PageTools.TextSizeAsync(page);
        // Mobile browsers widen the layout viewport to fit wide content, so compare with the screen the user has.
        var screenWidth = page.ViewportSize?.Width ?? js.ViewportWidth;
        var findings = new MobileFindings(js.Viewport, js.ScrollWidth, screenWidth, textPx, js.Targets, js.Small);
        var settings = context.Settings.As<MobileFriendlySettings>();
        var (outcome, reason, detail) = MobileFriendlyRules.Judge(findings, settings.MinTextPx, settings.MaxSmallTargetShare);
        // More than the probe measures: the share is judged on the first 5000, and the detail says so.
        if (js.Candidates > 5000) detail += $"; tap targets judged on the first 5000 of {js.Candidates}";
        var shot = await context.ScreenshotAsync(page, "mobile");
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail, Urls = opened.Urls,
            Measurements =
            [
                new("viewport_meta", js.Viewport ? 1 : 0, "bool"), new("scroll_width_px", js.ScrollWidth, "px"), new("viewport_width_px", screenWidth, "px"),
                new("text_px", textPx, "px"), new("tap_targets", js.Targets, "count"), new("small_tap_targets", js.Small, "count"),
            ],
            Evidence = shot is null ? [] : [shot],
        };
    }
}
