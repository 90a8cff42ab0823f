using ZhangbanProbe.Core.Catalogue;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.ResponseTime;

/// <summary>
/// <c>response-time</c>: how fast the entry page answers and renders (TTFB, DOMContentLoaded, load, LCP), the
/// median of several cold loads from the browser's own Navigation Timing and paint entries. It informs
/// 办理过程迅捷 and 技术体验顺畅: a platform that takes seconds to show its home page loses users before
/// any service starts. Timing loads take no screenshots; one separate evidence load does.
/// </summary>
public sealed class ResponseTimeProbe : IIndicatorProbe
{
    public const string ProbeKey = "response-time";

    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("响应速度", "response time"),
        SettingsSchema.Of<ResponseTimeSettings>(),
        [], ValueIsTiming: true);


    // One round trip: wait (macrotask polling, not animation frames, which starve under load) until the load
    // event has ended, then read Navigation Timing, FCP, and LCP (waiting at most 1 s for a first LCP entry,
    // since paint can come after load).
    public const string TimingScript = """
        async () => {
          const nav = () => performance.getEntriesByType('navigation')[0];
          for (let i = 0; i < 1000 && !(nav() && nav().loadEventEnd > 0); i++) await new Promise(r => setTimeout(r, 5));
          const n = nav();
          const lcp = await new Promise(resolve => {
            let po;
            const done = v => { try { po && po.disconnect(); } catch (e) { } resolve(v); };
            try {
              po = new PerformanceObserver(list => { const e = list.getEntries().at(-1); done(e.renderTime || e.startTime); });
              po.observe({ type: 'largest-contentful-paint', buffered: true });
            } catch (e) { done(null); }
            setTimeout(() => done(null), 1000);
          });
          const paint = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
          return { ttfb: n.responseStart, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                   fcp: paint ? paint.startTime : null, lcp: lcp };
        }
        """;

    private sealed class TimingJs
    {
        public double Ttfb { get; set; }
        public double Dcl { get; set; }
        public double Load { get; set; }
        public double? Fcp { get; set; }
        public double? Lcp { get; set; }
    }

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var budget = context.Settings.As<ResponseTimeSettings>();
        var entry = context.Portal.EntryUrl.ToString();
        var samples = new List<LoadTiming>();
        IReadOnlyList<string> urls = [entry];

        for (var i = 0; i < budget.Loads; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A fresh context per load: empty cache, new connections: a cold load, as a first-time user sees it.
            var browserContext = await context.NewBrowserContextAsync();
            try
            {
                var page = await browserContext.NewPageAsync();
                var response = await page.GotoAsync(entry, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                if (i == 0)
                {
                    urls = PageReader.UrlChain(response, entry);
                    var snapshot = await PageReader.SnapshotAsync(page, response);
                    if (PageTools.Obstacle(snapshot, response?.Status, "entry page") is { } o)
                        return await WithEvidence(context, ProbeObservation.Of(o.Outcome, o.Reason, o.Detail) with { Urls = urls });
                }
                var t = await page.EvaluateAsync<TimingJs>(TimingScript);
                samples.Add(new LoadTiming(t.Ttfb, t.Dcl, t.Load, t.Fcp, t.Lcp));
            }
            finally
            {
                await browserContext.CloseAsync();
            }
        }

        var observation = ResponseTimeRules.Decide(samples, budget) with { Urls = urls };
        return await WithEvidence(context, observation);
    }

    /// <summary>A separate evidence load (screenshots skew timings, so never during a timing load).</summary>
    private static async Task<ProbeObservation> WithEvidence(ProbeContext context, ProbeObservation observation)
    {
        if (!context.Evidence.Screenshots) return observation;
        try
        {
            var browserContext = await context.NewBrowserContextAsync();
            var page = await browserContext.NewPageAsync();
            await page.GotoAsync(context.Portal.EntryUrl.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var shot = await context.ScreenshotAsync(page, "entry");
            await browserContext.CloseAsync();
            return shot is null ? observation : observation with { Evidence = [.. observation.Evidence, shot] };
        }
        catch
        {
            return observation; // evidence is best effort; the verdict stands on the timing loads
        }
    }
}
