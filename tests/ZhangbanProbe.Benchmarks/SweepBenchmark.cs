using System.Diagnostics;
using Microsoft.Playwright;
using ZhangbanProbe.Replicas;

/// <summary>
/// Sweep benchmarks (not timed tests).
/// <c>inflight [hosts] [latency-ms] [concurrency]</c>: replicas answering their entry pages after an injected latency,
/// listed in a manifest folder of their own; `zhangban run --indicator response-time` over them and a bare Playwright
/// loop making the same visits (3 cold loads + 1 screenshot load per portal, one page per host at a time) at the same
/// concurrency, side by side. The replica server itself counts the pages (document requests) in flight and
/// integrates the count over time: the average over the sweep, divided by the concurrency, is how busy the slots were.
/// <c>memory [rounds]</c>: `zhangban run --replicas` over cheap indicators for at least 500 probes, sampling every
/// second the proportional memory (PSS) of the program and every process under it (Chromium), so shared pages are
/// counted once; prints the peak and the trend (median of the second fifth of the samples against the last fifth).
/// </summary>
public static class SweepBenchmark
{
    public static async Task<int> InFlightAsync(string root, int hosts, int latencyMs, int concurrency)
    {
        var sites = Enumerable.Range(0, hosts).Select(i => new ReplicaSite
        {
            Id = $"bench{i:00}", Province = "示例", Platform = $"基准{i}", Latency = TimeSpan.FromMilliseconds(latencyMs),
        }).ToList();
        await using var server = await ReplicaServer.StartAsync(sites);
        var work = Path.Combine(Path.GetTempPath(), $"zb-inflight-{Guid.NewGuid():N}");
        var portals = Path.Combine(work, "portals");
        Directory.CreateDirectory(portals);
        foreach (var s in sites)
            File.WriteAllText(Path.Combine(portals, s.Id + ".yaml"), $"id: {s.Id}\nprovince: 示例\nplatform: \"{s.Platform}\"\nentry_url: {server.EntryUrl(s.Id)}\n");
        Console.WriteLine($"pages in flight: {hosts} hosts, {latencyMs} ms latency per entry page, concurrency {concurrency}, response-time (3 cold loads + 1 evidence load per portal)");

        server.PagesInFlight.Reset();
        var sw = Stopwatch.StartNew();
        var json = Path.Combine(work, "run.json");
        await RunCliAsync(root, work, ["run", "--portals", portals, "--indicator", "response-time", "--concurrency", concurrency.ToString(),
            "--sqlite", Path.Combine(work, "z.db"), "--evidence-dir", Path.Combine(work, "ev"), "--json", json]);
        var z = (Seconds: sw.Elapsed.TotalSeconds, server.PagesInFlight.Average, server.PagesInFlight.Max, Span: server.PagesInFlight.Seconds);

        server.PagesInFlight.Reset();
        sw.Restart();
        await BareVisitsAsync(sites.Select(s => server.EntryUrl(s.Id)).ToList(), concurrency, Path.Combine(work, "bare"));
        var b = (Seconds: sw.Elapsed.TotalSeconds, server.PagesInFlight.Average, server.PagesInFlight.Max, Span: server.PagesInFlight.Seconds);

        Console.WriteLine("| | wall | pages in flight (mean over the sweep) | max | mean / concurrency |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| `zhangban run` | {z.Seconds:0.0} s | {z.Average:0.00} over {z.Span:0.0} s | {z.Max} | **{z.Average / concurrency:0.00}** |");
        Console.WriteLine($"| bare Playwright | {b.Seconds:0.0} s | {b.Average:0.00} over {b.Span:0.0} s | {b.Max} | {b.Average / concurrency:0.00} |");
        // Accuracy under load: each portal's stored time to first byte against the latency the server injected.
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json));
        var ttfb = doc.RootElement.GetProperty("results").EnumerateArray()
            .SelectMany(r => r.GetProperty("measurements").EnumerateArray())
            .Where(m => m.GetProperty("name").GetString() == "ttfb_ms").Select(m => m.GetProperty("value").GetDouble()).Order().ToList();
        if (ttfb.Count > 0)
        {
            var bound = latencyMs * 1.05 + 20;
            Console.WriteLine($"response-time, time to first byte over {ttfb.Count} portals: min {ttfb[0]:0} ms, median {ttfb[ttfb.Count / 2]:0} ms, max {ttfb[^1]:0} ms " +
                $"for {latencyMs} ms injected; within 5 % + 20 ms ({latencyMs} to {bound:0} ms): {ttfb.Count(t => t >= latencyMs && t <= bound)} of {ttfb.Count}");
        }
        return 0;
    }

    public static async Task<int> MemoryAsync(string root, int rounds)
    {
        var work = Path.Combine(Path.GetTempPath(), $"zb-memory-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        // Cheap indicators (one or two page visits each), so 41 replicas × 13 × rounds ≥ 500 probes stay minutes long.
        string[] indicators = ["gov-identity", "privacy-policy", "page-health", "mobile-friendly", "accessibility", "feedback-channel", "offline-channels",
            "login-options", "city-entries", "english-mode", "elderly-mode", "service-channels", "convenience-services"];
        var samples = new List<(double At, long PssKb, int Processes, long ProgramKb, int Round)>();
        var sw = Stopwatch.StartNew();
        for (var round = 1; round <= rounds; round++)
        {
            var args = new List<string> { "run", "--replicas", "--concurrency", "4", "--sqlite", Path.Combine(work, "z.db"), "--evidence-dir", Path.Combine(work, "ev") };
            foreach (var i in indicators) { args.Add("--indicator"); args.Add(i); }
            var r = round;
            await RunCliAsync(root, work, args, pid => { var (pss, n, own) = TreePssKb(pid); if (pss > 0) lock (samples) samples.Add((sw.Elapsed.TotalSeconds, pss, n, own, r)); });
        }
        if (samples.Count < 10) { Console.WriteLine("too few samples"); return 1; }
        long Median(IEnumerable<long> v) { var s = v.Order().ToList(); return s[s.Count / 2]; }
        var fifth = samples.Count / 5;
        var early = Median(samples.Skip(fifth).Take(fifth).Select(s => s.PssKb));
        var late = Median(samples.Skip(samples.Count - fifth).Select(s => s.PssKb));
        var peak = samples.MaxBy(s => s.PssKb);
        Console.WriteLine($"memory: {rounds} × (41 replicas × {indicators.Length} indicators) = {rounds * 41 * indicators.Length} probes at concurrency 4, {samples.Count} samples over {sw.Elapsed.TotalSeconds:0} s");
        Console.WriteLine($"peak PSS (program + Chromium, {peak.Processes} processes): {peak.PssKb / 1024.0:0} MiB at {peak.At:0} s");
        Console.WriteLine($"median PSS, second fifth of the samples: {early / 1024.0:0} MiB; last fifth: {late / 1024.0:0} MiB; change {(late - early) * 100.0 / early:+0.0;-0.0} % (the fifths run different indicators)");
        // The same workload again: a leak shows as a higher median in a later round than in the first.
        foreach (var g in samples.GroupBy(s => s.Round))
            Console.WriteLine($"round {g.Key}: median PSS {Median(g.Select(s => s.PssKb)) / 1024.0:0} MiB (program alone {Median(g.Select(s => s.ProgramKb)) / 1024.0:0} MiB), peak {g.Max(s => s.PssKb) / 1024.0:0} MiB");
        return 0;
    }

    /// <summary>Runs the CLI from its Release build, sampling the process tree once a second while it runs.</summary>
    internal static async Task RunCliAsync(string root, string work, IReadOnlyList<string> args, Action<int>? sample = null)
    {
        var dll = Path.Combine(root, "src", "ZhangbanProbe.Cli", "bin", "Release", "net10.0", "zhangban.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("build the CLI first: dotnet build -c Release", dll);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource();
        var sampler = sample is null ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                try { sample(p.Id); } catch { }
                try { await Task.Delay(1000, cts.Token); } catch (OperationCanceledException) { }
            }
        });
        await p.WaitForExitAsync();
        await cts.CancelAsync();
        await sampler;
        if (p.ExitCode is not (0 or 2)) throw new Exception($"zhangban {args[0]} exited {p.ExitCode}: {await stderr}");
    }

    /// <summary>Sum of PSS (kB) over a process and all its descendants, read from /proc.</summary>
    private static (long PssKb, int Processes, long RootKb) TreePssKb(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ppid = int.Parse(fields[1]);
                (children.TryGetValue(ppid, out var l) ? l : children[ppid] = []).Add(pid);
            }
            catch { }
        }
        long total = 0, own = 0;
        var count = 0;
        var stack = new Stack<int>([root]);
        while (stack.Count > 0)
        {
            var pid = stack.Pop();
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
                    if (line.StartsWith("Pss:", StringComparison.Ordinal))
                    {
                        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
                        total += kb;
                        if (pid == root) own = kb;
                        count++;
                        break;
                    }
            }
            catch { }
            if (children.TryGetValue(pid, out var kids)) foreach (var k in kids) stack.Push(k);
        }
        return (total, count, own);
    }

    /// <summary>The same visits as response-time makes, with bare Playwright: per host one page at a time, <paramref name="concurrency"/> hosts at once.</summary>
    private static async Task BareVisitsAsync(IReadOnlyList<Uri> entries, int concurrency, string shots)
    {
        Directory.CreateDirectory(shots);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BareBrowser.LaunchAsync(playwright);
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(entries.Select(async entry =>
        {
            await gate.WaitAsync();
            try
            {
                for (var i = 0; i <= 3; i++)
                {
                    await using var context = await BareBrowser.PhoneContextAsync(playwright, browser);
                    var page = await context.NewPageAsync();
                    await page.GotoAsync(entry.ToString(), new() { WaitUntil = WaitUntilState.Load });
                    if (i == 3) await BareBrowser.ScreenshotAsync(page, Path.Combine(shots, entry.Host + ".jpg"));
                    else await page.EvaluateAsync(ZhangbanProbe.Probing.Probes.ResponseTime.ResponseTimeProbe.TimingScript);
                }
            }
            finally { gate.Release(); }
        }));
    }
}
