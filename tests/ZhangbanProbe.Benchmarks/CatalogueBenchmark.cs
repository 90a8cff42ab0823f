using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Replicas;

/// <summary>
/// <c>catalogue [rounds] [concurrency]</c>: the README's main command — `zhangban run --replicas`, every replica × every
/// indicator, mobile profile — against a bare Playwright script making only the visits those results needed, side by
/// side in alternating rounds. The bare side reads them from the run's own JSON: per result a fresh phone context, each
/// page of its recorded URL chain loaded, one screenshot per screenshot in its evidence; response-time's three cold
/// timing loads besides. It reads nothing and judges nothing, so the ratio is what ZhangbanProbe costs on top of the
/// visits: clicking, reading, audits (axe), storage. Each round's verdicts are compared with the first round's.
/// </summary>
public static class CatalogueBenchmark
{
    private sealed record Visit(string PortalId, string Indicator, IReadOnlyList<string> Urls, int Screenshots, int ColdLoads);

    public static async Task<int> RunAsync(string root, int rounds, int concurrency)
    {
        var work = Path.Combine(Path.GetTempPath(), $"zb-catalogue-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        Console.WriteLine($"whole catalogue: `zhangban run --replicas` (all replicas × all indicators) and bare Playwright making its visits, concurrency {concurrency}, {rounds} rounds");
        var rows = new List<(int Round, double Zhangban, double Bare, int Pairs, int Pages)>();
        string? firstJson = null;
        for (var round = 1; round <= rounds; round++)
        {
            // Round 1 must run zhangban first (the bare side replays its visits); later rounds alternate the order.
            double z = 0, b = 0;
            int pairs = 0, pages = 0;
            async Task Zhangban()
            {
                var json = Path.Combine(work, $"run{round}.json");
                var sw = Stopwatch.StartNew();
                await SweepBenchmark.RunCliAsync(root, work, ["run", "--replicas", "--concurrency", concurrency.ToString(), "--json", json,
                    "--sqlite", Path.Combine(work, $"z{round}.db"), "--evidence-dir", Path.Combine(work, $"ev{round}")]);
                z = sw.Elapsed.TotalSeconds;
                firstJson ??= json;
                if (json != firstJson) Console.WriteLine($"round {round}: {Differences(firstJson, json)} pairs with another outcome or reason than round 1");
            }
            async Task Bare()
            {
                var visits = Visits(firstJson!);
                pairs = visits.Count;
                pages = visits.Sum(v => v.Urls.Count + v.ColdLoads);
                var sw = Stopwatch.StartNew();
                await BareVisitsAsync(visits, concurrency, Path.Combine(work, $"bare{round}"));
                b = sw.Elapsed.TotalSeconds;
            }
            if (round % 2 == 1) { await Zhangban(); await Bare(); } else { await Bare(); await Zhangban(); }
            rows.Add((round, z, b, pairs, pages));
            Console.WriteLine($"round {round}: zhangban run {z:0.0} s, bare Playwright {b:0.0} s ({pairs} visits, {pages} page loads), ratio {z / b:0.000}");
        }
        Console.WriteLine("| round | `zhangban run` | bare Playwright | ratio |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var r in rows) Console.WriteLine($"| {r.Round} | {r.Zhangban:0.0} s | {r.Bare:0.0} s | {r.Zhangban / r.Bare:0.000} |");
        return 0;
    }

    private static List<Visit> Visits(string json)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        var visits = new List<Visit>();
        foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            var indicator = r.GetProperty("indicatorId").GetString()!;
            var urls = r.TryGetProperty("urls", out var u) && u.ValueKind == JsonValueKind.Array
                ? u.EnumerateArray().Select(x => x.GetString()!).Where(x => x.StartsWith("http", StringComparison.Ordinal)).ToList() : [];
            var shots = r.TryGetProperty("evidence", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Count(x => x.GetProperty("kind").GetString() == "screenshot") : 0;
            visits.Add(new Visit(r.GetProperty("portalId").GetString()!, indicator, urls, shots, indicator == "response-time" ? 3 : 0));
        }
        // The probes that only read the entry page need one load of it between them (gather once, audit many).
        var readers = new ServiceCollection().AddIndicatorProbes().BuildServiceProvider().GetServices<IIndicatorProbe>()
            .Where(p => p.Declaration.ReadsEntryOnly).Select(p => p.Key).ToHashSet();
        return visits.Where(v => !readers.Contains(v.Indicator))
            .Concat(visits.Where(v => readers.Contains(v.Indicator)).GroupBy(v => v.PortalId)
                .Select(g => new Visit(g.Key, "entry readers", g.First().Urls, g.Sum(v => v.Screenshots), 0)))
            .ToList();
    }

    private static int Differences(string a, string b)
    {
        Dictionary<(string, string), (string?, string?)> Read(string path)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(
                r => (r.GetProperty("portalId").GetString()!, r.GetProperty("indicatorId").GetString()!),
                r => (r.GetProperty("outcome").GetString(), r.GetProperty("reason").GetString()));
        }
        var x = Read(a);
        var y = Read(b);
        return x.Keys.Union(y.Keys).Count(k => !x.TryGetValue(k, out var vx) || !y.TryGetValue(k, out var vy) || vx != vy);
    }

    /// <summary>
    /// The visits on a replica server of the same catalogue (its ports are new: each URL is moved to the port now
    /// serving its scheme), one page per portal at a time and <paramref name="concurrency"/> portals at once, as
    /// `zhangban run` is polite.
    /// </summary>
    private static async Task BareVisitsAsync(IReadOnlyList<Visit> visits, int concurrency, string shots)
    {
        Directory.CreateDirectory(shots);
        await using var server = await ReplicaServer.StartAsync();
        // HTTPS replicas share one TLS port (by SNI), everything else the one HTTP port: only the ports are new.
        string Move(string url) => new UriBuilder(url) { Port = url.StartsWith("https:", StringComparison.Ordinal) ? server.HttpsPort : server.Port }.Uri.ToString();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BareBrowser.LaunchAsync(playwright);
        using var gate = new SemaphoreSlim(concurrency);
        var n = 0;
        await Task.WhenAll(visits.GroupBy(v => v.PortalId).Select(async portal =>
        {
            await gate.WaitAsync();
            try
            {
                foreach (var v in portal)
                {
                    for (var i = 0; i < v.ColdLoads && v.Urls.Count > 0; i++)
                    {
                        await using var cold = await BareBrowser.PhoneContextAsync(playwright, browser, ignoreHttpsErrors: true);
                        var page = await cold.NewPageAsync();
                        try
                        {
                            await page.GotoAsync(Move(v.Urls[0]), new() { WaitUntil = WaitUntilState.Load, Timeout = 10_000 });
                            await page.EvaluateAsync(ZhangbanProbe.Probing.Probes.ResponseTime.ResponseTimeProbe.TimingScript);
                        }
                        catch (Exception ex) when (ex is PlaywrightException or TimeoutException) { }
                    }
                    await using var context = await BareBrowser.PhoneContextAsync(playwright, browser, ignoreHttpsErrors: true);
                    var p = await context.NewPageAsync();
                    foreach (var url in v.Urls)
                    {
                        try { await p.GotoAsync(Move(url), new() { WaitUntil = WaitUntilState.Load, Timeout = 10_000 }); }
                        catch (Exception ex) when (ex is PlaywrightException or TimeoutException) { }
                    }
                    for (var s = 0; s < v.Screenshots; s++)
                    {
                        try { await BareBrowser.ScreenshotAsync(p, Path.Combine(shots, $"{Interlocked.Increment(ref n)}.jpg")); }
                        catch (Exception ex) when (ex is PlaywrightException or TimeoutException) { }
                    }
                }
            }
            finally { gate.Release(); }
        }));
    }
}
