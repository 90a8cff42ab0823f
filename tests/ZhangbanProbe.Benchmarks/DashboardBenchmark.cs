using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Storage;

/// <summary>
/// Dashboard benchmark (not a timed test): a store filled with a year of nightly sweeps (33 platforms × 15 indicators ×
/// 365 nights, SQLite), the worker host started in this process, and the median time of the overview, a portal page
/// and the compare page as a signed-in researcher sees them (loopback HTTP: server time plus a few hundred µs).
///   dotnet run -c Release --project tests/ZhangbanProbe.Benchmarks -- dashboard [nights]
/// </summary>
public static class DashboardBenchmark
{
    public static async Task<int> RunAsync(string root, int nights)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"zb-dash-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "zhangban.db");
        var portals = Directory.GetFiles(Path.Combine(root, "probes", "portals"), "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)).Order().ToList();
        var indicators = Regex.Matches(File.ReadAllText(Path.Combine(root, "probes", "catalogue.yaml")), @"^  - key: (\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var store = new ProbeStore(Options.Create(new StorageOptions { SqlitePath = db }));
        await store.MigrateAsync();

        var fill = Stopwatch.StartNew();
        var random = new Random(20261129);
        var today = DateTime.UtcNow.Date;
        var first = today.AddDays(-nights + 1);
        for (var n = 0; n < nights; n++)
        {
            var at = first.AddDays(n).AddHours(18); // 02:00 Beijing
            await using var ctx = store.CreateContext();
            var run = new RunRow
            {
                Id = Guid.CreateVersion7(), StartedAtUtc = at, FinishedAtUtc = at.AddMinutes(20), Status = RunStatus.Completed, Trigger = RunTriggers.Schedule("nightly"),
                Origin = RunOrigin.Sweep, Target = RunTarget.Real, Series = "nightly", PortalIds = string.Join(',', portals), IndicatorIds = string.Join(',', indicators),
            };
            var k = 0;
            foreach (var p in portals)
            foreach (var i in indicators)
            {
                var roll = random.NextDouble();
                var (outcome, reason) = roll < 0.7 ? (Outcome.Pass, Reason.Ok) : roll < 0.8 ? (Outcome.Degraded, Reason.OverBudget) : roll < 0.95 ? (Outcome.Fail, Reason.Missing) : (Outcome.Error, Reason.Timeout);
                var row = new ResultRow
                {
                    PortalId = p, IndicatorId = i, Outcome = outcome.ToCode(), Reason = reason.ToCode(), StartedAtUtc = at.AddSeconds(k++), DurationMs = 2000,
                    Detail = "benchmark row", Urls = $"https://{p}.example.gov.cn/", Profile = BrowserProfile.Mobile,
                };
                if (i == "response-time")
                {
                    var load = 1500 + random.NextDouble() * 1500;
                    row.Value = Math.Round(load); row.Unit = "ms";
                    row.Measurements = [new() { Name = "ttfb_ms", Value = load / 5, Unit = "ms" }, new() { Name = "load_ms", Value = load, Unit = "ms" }, new() { Name = "lcp_ms", Value = load * 0.8, Unit = "ms" }];
                }
                run.Results.Add(row);
            }
            ctx.Runs.Add(run);
            await ctx.SaveChangesAsync();
        }
        var year = today.Year;
        await using (var ctx = store.CreateContext())
        {
            foreach (var p in portals)
            {
                var province = Regex.Match(File.ReadAllText(Path.Combine(root, "probes", "portals", p + ".yaml")), @"^province:\s*(\S+)", RegexOptions.Multiline).Groups[1].Value.Trim('"');
                ctx.HumanEvaluations.Add(new HumanEvaluationRow { ReportYear = year, Province = province, Platform = p, Grade = new[] { "A", "B", "C" }[random.Next(3)], ContentKey = $"bench-{p}", ImportedAtUtc = DateTime.UtcNow, Source = "benchmark" });
            }
            await ctx.SaveChangesAsync();
        }
        Console.WriteLine($"filled {nights} nights × {portals.Count} platforms × {indicators.Count} indicators = {nights * portals.Count * indicators.Count} results in {fill.Elapsed.TotalSeconds:0} s ({new FileInfo(db).Length / 1048576} MB)");

        var port = FreePort();
        const string token = "benchmark-token-0123456789";
        var app = ZhangbanProbe.Worker.ServeHost.Build(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = db, ["Api:Token"] = token, ["Api:Urls"] = $"http://127.0.0.1:{port}",
            ["Run:PortalsDirectory"] = Path.Combine(root, "probes", "portals"), ["Run:CatalogueFile"] = Path.Combine(root, "probes", "catalogue.yaml"),
            ["Evidence:Directory"] = Path.Combine(dir, "evidence"), ["Storage:OutboxDirectory"] = Path.Combine(dir, "outbox"),
            [$"Editions:{year}:From"] = first.ToString("yyyy-MM-dd"), [$"Editions:{year}:To"] = today.ToString("yyyy-MM-dd"),
            ["Schedule:Sweeps:nightly:Cron"] = "0 0 2 1 1 ? 2099",
        }, verbose: false);
        await app.StartAsync();
        try
        {
            var cookies = new CookieContainer();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var login = await http.GetStringAsync("/login");
            var csrf = Regex.Match(login, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            var signIn = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = csrf, ["token"] = token }));
            if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"login failed: {signIn.StatusCode}");
            foreach (var (name, path) in new[] { ("overview", "/dash"), ("portal page", $"/dash/portals/{portals[0]}"), ("compare", $"/dash/compare?year={year}"), ("incidents", "/dash/incidents"), ("runs", "/dash/runs") })
            {
                var times = new List<double>();
                for (var i = 0; i < 7; i++)
                {
                    var sw = Stopwatch.StartNew();
                    var response = await http.GetAsync(path);
                    var body = await response.Content.ReadAsStringAsync();
                    sw.Stop();
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {response.StatusCode}");
                    if (i > 0) times.Add(sw.Elapsed.TotalMilliseconds); // the first request warms up
                }
                times.Sort();
                Console.WriteLine($"{name,-12} {path,-40} median {times[times.Count / 2],7:0.0} ms  (max {times[^1]:0.0} ms)  target < 300 ms");
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        return 0;
    }

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
