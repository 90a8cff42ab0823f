using System.Diagnostics;
using Microsoft.Playwright;
using ZhangbanProbe.Replicas;

// Benchmark: a replica sweep through `zhangban run` against a bare Playwright loop making the same page visits
// (per portal: N cold timing loads in fresh contexts, each reading the same Navigation Timing/paint entries, + 1
// evidence load with a screenshot) with the same browser and concurrency. The difference is ZhangbanProbe's own
// cost: process start, configuration, manifests, runner, block detection, storage. Rounds alternate A/B to share machine noise; prints medians and the ratio.
//   dotnet run -c Release --project tests/ZhangbanProbe.Benchmarks -- [rounds] [concurrency]
if (args.Length > 0 && args[0] == "inflight")
    return await SweepBenchmark.InFlightAsync(FindRoot(), args.Length > 1 ? int.Parse(args[1]) : 10, args.Length > 2 ? int.Parse(args[2]) : 2000, args.Length > 3 ? int.Parse(args[3]) : 4);
if (args.Length > 0 && args[0] == "memory") return await SweepBenchmark.MemoryAsync(FindRoot(), args.Length > 1 ? int.Parse(args[1]) : 1);
if (args.Length > 0 && args[0] == "catalogue")
    return await CatalogueBenchmark.RunAsync(FindRoot(), args.Length > 1 ? int.Parse(args[1]) : 2, args.Length > 2 ? int.Parse(args[2]) : 4);
if (args.Length > 0 && args[0] == "dashboard") return await DashboardBenchmark.RunAsync(FindRoot(), args.Length > 1 ? int.Parse(args[1]) : 365);
var rounds = args.Length > 0 ? int.Parse(args[0]) : 3;
var concurrency = args.Length > 1 ? int.Parse(args[1]) : 4;
const int loads = 3;
var root = FindRoot();
var portalIds = ReplicaCatalogue.Default().Where(s => !s.Id.StartsWith("demo-")).Select(s => s.Id).ToList();
var work = Path.Combine(Path.GetTempPath(), $"zb-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(work);

Console.WriteLine($"replica sweep: {portalIds.Count} portals × ({loads} timing loads + 1 evidence load), concurrency {concurrency}, {rounds} rounds");
var bare = new List<double>();
var zhangban = new List<double>();
if (Environment.GetEnvironmentVariable("BENCH_BARE_ONLY") == "1")
{
    portalIds = portalIds.Take(16).ToList();
    Console.WriteLine($"bare only, 16 portals: {await BareLoopAsync():0.00} s");
    return 0;
}
for (var round = 1; round <= rounds; round++)
{
    // Alternate which goes first, so warm-up and drift fall on both sides.
    double b, z;
    if (round % 2 == 1) { b = await BareLoopAsync(); z = await ZhangbanRunAsync(round); }
    else { z = await ZhangbanRunAsync(round); b = await BareLoopAsync(); }
    bare.Add(b);
    zhangban.Add(z);
    Console.WriteLine($"round {round}: bare Playwright {b:0.00} s, zhangban run {z:0.00} s, ratio {z / b:0.000}");
}
double Median(List<double> v) { var s = v.OrderBy(x => x).ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
Console.WriteLine($"median: bare Playwright {Median(bare):0.00} s, zhangban run {Median(zhangban):0.00} s, ratio {Median(zhangban) / Median(bare):0.000} (target ≤ 1.15)");
return 0;

async Task<double> BareLoopAsync()
{
    await using var server = await ReplicaServer.StartAsync();
    var sw = Stopwatch.StartNew();
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await BareBrowser.LaunchAsync(playwright);
    using var gate = new SemaphoreSlim(concurrency);
    var shots = Path.Combine(work, "bare");
    Directory.CreateDirectory(shots);
    await Task.WhenAll(portalIds.Select(async id =>
    {
        await gate.WaitAsync();
        try
        {
            for (var i = 0; i <= loads; i++)
            {
                await using var context = await BareBrowser.PhoneContextAsync(playwright, browser);
                var page = await context.NewPageAsync();
                var resp = await page.GotoAsync(server.EntryUrl(id).ToString(), new() { WaitUntil = WaitUntilState.Load });
                if (Environment.GetEnvironmentVariable("BENCH_SNAPSHOT") == "1" && i == 0)
                {
                    await page.TitleAsync(); await page.EvaluateAsync<string>("() => document.body ? document.body.innerText : ''"); await page.ContentAsync();
                }
                if (i == loads) await BareBrowser.ScreenshotAsync(page, Path.Combine(shots, id + ".jpg"));
                else await page.EvaluateAsync(ZhangbanProbe.Probing.Probes.ResponseTime.ResponseTimeProbe.TimingScript); // the same timing read
            }
        }
        finally { gate.Release(); }
    }));
    return sw.Elapsed.TotalSeconds;
}

async Task<double> ZhangbanRunAsync(int round)
{
    var dll = Path.Combine(root, "src", "ZhangbanProbe.Cli", "bin", "Release", "net10.0", "zhangban.dll");
    if (!File.Exists(dll)) throw new FileNotFoundException("build the CLI first: dotnet build -c Release", dll);
    var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
    foreach (var a in new[] { dll, "run", "--replicas", "--indicator", "response-time", "--concurrency", concurrency.ToString(), "--sqlite", Path.Combine(work, $"z{round}.db"), "--evidence-dir", Path.Combine(work, "ev") })
        psi.ArgumentList.Add(a);
    foreach (var id in portalIds) { psi.ArgumentList.Add("--portal"); psi.ArgumentList.Add(id); }
    var sw = Stopwatch.StartNew();
    using var p = Process.Start(psi)!;
    var stdout = p.StandardOutput.ReadToEndAsync();
    var stderr = p.StandardError.ReadToEndAsync();
    await p.WaitForExitAsync();
    if (p.ExitCode != 0) throw new Exception($"zhangban run exited {p.ExitCode}: {await stderr}");
    return sw.Elapsed.TotalSeconds;
}

static string FindRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "ZhangbanProbe.sln"))) return d.FullName;
    throw new InvalidOperationException("run from inside the repository");
}
