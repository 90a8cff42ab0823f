using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Browser;
using ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes;

/// <summary>Pages that take: popups by the dozen, memory without end, lists by the hundred thousand.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class GreedyPageTests
{
    private static ReplicaSite Html(string id, string body)
        => HtmlSite(id, $"<h1>测试办</h1>{body}");

    [Fact]
    public async Task Popups_a_page_opens_by_itself_are_refused_and_counted_never_against_the_portal()
    {
        var results = await RunAsync("page-health",
        [
            Html("popups", """
                <p>首页</p>
                <script>
                  for (let i = 0; i < 30; i++) window.open('/p' + i);
                  // Around the window.open wrapper: a scripted click on a target=_blank link, and a form aimed at a new window.
                  const a = document.createElement('a'); a.href = '/'; a.target = '_blank'; document.body.appendChild(a); a.click();
                  const f = document.createElement('form'); f.action = '/'; f.target = '_blank'; document.body.appendChild(f); f.submit();
                  setInterval(() => window.open('/again'), 50);
                </script>
                """),
        ]);

        var r = results["popups"];
        Assert.True(r.Outcome == Outcome.Pass, r.Detail); // the popups are not the portal's failure
        Assert.InRange(r.Measurements.Single(m => m.Name == "popups_refused").Value, 30, 100_000);
        Assert.Contains("popups the page opened by itself", r.Detail);
    }

    [Fact]
    public async Task A_page_that_allocates_without_limit_ends_in_error_the_browser_stays_small_and_the_run_goes_on()
    {
        var peak = 0L;
        using var stop = new CancellationTokenSource();
        // The browser's whole process tree (every renderer, the GPU and network processes), sampled while it runs.
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var total = RendererWatchdog.Descendants(Environment.ProcessId).Sum(RendererWatchdog.ResidentBytes);
                peak = Math.Max(peak, total);
                await Task.Delay(20);
            }
        });

        var results = await RunAsync("response-time",
        [
            // Array buffers live outside V8's heap: only the renderer limit stops them.
            // Both allocate before the page has loaded, as fast as the renderer can.
            Html("buffers", """<script>const keep = []; for (;;) keep.push(new Uint8Array(32 << 20).fill(7));</script>"""),
            // Script objects: V8's heap limit stops them.
            Html("objects", """<script>const keep = []; for (let i = 0; ; i++) keep.push({ i, s: 'x'.repeat(64) + i });</script>"""),
            Site("calm"),
        ], settings: new() { ["Browser:RendererMemoryLimitMiB"] = "512", ["Resilience:Retries"] = "0" });

        await stop.CancelAsync();
        await sampler;
        foreach (var id in new[] { "buffers", "objects" })
            Assert.True((results[id].Outcome, results[id].Reason) == (Outcome.Error, Reason.BrowserCrash) || (results[id].Outcome, results[id].Reason) == (Outcome.Error, Reason.Timeout),
                $"{id}: {results[id].Outcome}/{results[id].Reason}: {results[id].Detail}");
        Assert.Equal((Outcome.Error, Reason.BrowserCrash), (results["buffers"].Outcome, results["buffers"].Reason));
        Assert.Contains("Browser:RendererMemoryLimitMiB", results["buffers"].Detail);
        Assert.Equal(Outcome.Pass, results["calm"].Outcome);
        Assert.True(peak < 2L << 30, $"the browser reached {peak >> 20} MiB");
    }

    [Fact]
    public async Task Lists_a_page_makes_endless_are_read_as_capped_samples_and_the_detail_says_so()
    {
        var results = await RunAsync("page-health",
        [
            Html("endless", """
                <div id="x"></div>
                <script>
                  const x = document.getElementById('x'); let html = '';
                  // Broken images without a request each (a data URL that does not decode), links by the thousand.
                  for (let i = 0; i < 6000; i++) html += '<a href="/l' + i + '">链接' + i + '</a>' + (i < 300 ? '<img src="data:image/png;base64,AAAA' + i + '" alt="">' : '');
                  x.innerHTML = html;
                  for (let i = 0; i < 1000; i++) console.error('错误 ' + i);
                </script>
                """),
        ]);

        var r = results["endless"];
        Assert.True(r.Outcome == Outcome.Fail, $"{r.Reason}: {r.Detail}"); // broken images and links, judged on the sample
        Assert.Contains("judged on capped samples", r.Detail);
        Assert.Contains("broken images: the first 200 of 300", r.Detail);
        Assert.Contains("links taken from the first 5000 of 6000 anchors", r.Detail);
        Assert.InRange(r.Measurements.Single(m => m.Name == "broken_images").Value, 1, 200);
        Assert.InRange(r.Measurements.Single(m => m.Name == "console_errors").Value, 1, 200);
    }
}
