using ZhangbanProbe.Core.Runs;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.ResponseTime;
using static ZhangbanProbe.Tests.Serve.ServeApiTests;

namespace ZhangbanProbe.Tests.Serve;

/// <summary>Several `serve` processes on one PostgreSQL database: exactly once per fire, recovery, database outages.</summary>
[Trait("Category", "Integration")]
[Collection("browser")]
public class ClusterTests
{
    private const string Token = "test-token-0123456789";

    private sealed class Cluster : IAsyncDisposable
    {
        public required string Dir { get; init; }
        public required string Portals { get; init; }
        public required string Catalogue { get; init; }
        public required string ConnectionString { get; init; }
        public List<(Process Process, HttpClient Http)> Workers { get; } = [];

        public async Task<(Process, HttpClient)> StartWorkerAsync(Dictionary<string, string> env)
        {
            var port = FreePort();
            var all = new Dictionary<string, string>(env)
            {
                ["ZHANGBAN_Storage__PostgresConnectionString"] = ConnectionString,
                ["ZHANGBAN_Schedule__CheckinInterval"] = "00:00:01",
                ["ZHANGBAN_Resilience__RetryDelay"] = "00:00:00.100",
            };
            var workerDir = Directory.CreateDirectory(Path.Combine(Dir, $"worker-{Workers.Count}")).FullName; // own outbox, as on its own machine
            var p = StartServe(workerDir, Portals, Catalogue, port, all);
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Workers.Add((p, http));
            await WaitHealthyAsync(http, p);
            return (p, http);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (p, http) in Workers)
            {
                try { if (!p.HasExited) p.Kill(true); await p.WaitForExitAsync(); } catch { }
                http.Dispose();
            }
        }
    }

    private static async Task<Cluster> ClusterAsync(ReplicaServer replicas, string connectionString)
    {
        var dir = TestPaths.NewTempDirectory();
        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        foreach (var site in replicas.Sites)
            File.WriteAllText(Path.Combine(portals, site.Id + ".yaml"), $"id: {site.Id}\nprovince: {site.Province}\nentry_url: {replicas.EntryUrl(site.Id)}\n");
        return new Cluster { Dir = dir, Portals = portals, Catalogue = ProbeScenario.TestCatalogue(dir), ConnectionString = connectionString };
    }

    private static ProbeStore Store(string connectionString) => new(Options.Create(new StorageOptions { PostgresConnectionString = connectionString }));

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    /// <summary>Polls the store until the run is completed or the time is up (tolerating a database still coming back).</summary>
    private static async Task<ZhangbanProbe.Core.Results.ProbeRun?> WaitCompletedAsync(string cs, Guid runId, TimeSpan within)
    {
        ZhangbanProbe.Core.Results.ProbeRun? run = null;
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try { if ((run = await Store(cs).GetRunAsync(runId))?.Status == RunStatus.Completed) return run; } catch (Exception) { /* the database may still be coming back */ }
            await Task.Delay(1000);
        }
        return run;
    }

    private static ReplicaSite[] Sites(string prefix, int n, TimeSpan latency) =>
        Enumerable.Range(0, n).Select(i => new ReplicaSite { Id = $"{prefix}-{i}", Province = "浙江", Platform = "测试办", Latency = latency }).ToArray();

    [Fact]
    public async Task Two_workers_run_each_portal_and_indicator_exactly_once_per_fire()
    {
        var pg = await PostgresServer.GetAsync();
        var cs = pg.NewDatabase("cl");
        var sites = Sites("cl", 4, TimeSpan.FromMilliseconds(200));
        await using var replicas = await ReplicaServer.StartAsync(sites);
        await using var cluster = await ClusterAsync(replicas, cs);
        var sweep = new Dictionary<string, string>
        {
            ["ZHANGBAN_Schedule__Sweeps__test__Cron"] = "0/15 * * * * ?",
            ["ZHANGBAN_Schedule__Sweeps__test__Spread"] = "00:00:02",
            ["ZHANGBAN_Schedule__Sweeps__test__Indicators__0"] = "gov-identity",
        };
        await cluster.StartWorkerAsync(sweep);
        await cluster.StartWorkerAsync(sweep);

        // Wait for at least two completed sweeps.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && await ScalarAsync(cs, "select count(*) from runs where \"Status\" = 'completed'") < 2)
            await Task.Delay(1000);
        await cluster.DisposeAsync(); // stop both before counting: no sweep half-way while we look

        var runs = (await Store(cs).ListRunsAsync(50)).Where(r => r.Trigger == "schedule:test").ToList();
        var completed = runs.Where(r => r.Status == RunStatus.Completed).ToList();
        Assert.True(completed.Count >= 2, $"only {completed.Count} completed sweeps");
        foreach (var run in completed)
        {
            var full = await Store(cs).GetRunAsync(run.Id);
            Assert.Equal(4, full!.Results.Count);
            Assert.Equal(4, full.Results.Select(r => (r.PortalId, r.IndicatorId)).Distinct().Count());
        }
        // Exactly once: each site's entry page was opened once per sweep that reached it, never twice for one fire.
        foreach (var site in sites)
        {
            var probedIn = 0;
            foreach (var run in runs) probedIn += (await Store(cs).GetRunAsync(run.Id))!.Results.Count(r => r.PortalId == site.Id);
            Assert.Equal(probedIn, site.EntryRequests);
            Assert.True(site.MaxConcurrentPages <= 1, $"{site.Id}: {site.MaxConcurrentPages} pages at once");
        }
        Assert.Equal(runs.Count, runs.Select(r => r.StartedAtUtc.ToString("yyyyMMddHHmm") + r.Id).Distinct().Count());
        Assert.Equal(0, await ScalarAsync(cs, "select count(*) from (select \"RunId\", \"PortalId\", \"IndicatorId\" from results group by 1,2,3 having count(*) > 1) d"));

        // One pipeline: `zhangban run` over the same pairs stores the same rows as the sweep did (what was observed; the
        // run, times and evidence files are its own).
        var cli = await CliProcess.RunAsync(cluster.Dir, new Dictionary<string, string> { ["ZHANGBAN_Storage__PostgresConnectionString"] = cs },
            ["run", "--portals", cluster.Portals, "--catalogue", cluster.Catalogue, "--indicator", "gov-identity", "--evidence-dir", Path.Combine(cluster.Dir, "cli-evidence")]);
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        var cliRun = (await Store(cs).ListRunsAsync(50)).Single(r => r.Origin == RunOrigin.Cli);
        var byCli = (await Store(cs).GetRunAsync(cliRun.Id))!.Results.ToDictionary(r => r.PortalId);
        var bySweep = (await Store(cs).GetRunAsync(completed[0].Id))!.Results.ToDictionary(r => r.PortalId);
        Assert.Equal(bySweep.Keys.Order(), byCli.Keys.Order());
        static object Row(ZhangbanProbe.Core.Results.ProbeResult r) => new
        {
            r.IndicatorId, r.Outcome, r.Reason, r.Value, r.Unit, r.Detail, r.Profile, r.Attempts, Urls = string.Join(" ", r.Urls),
            Measurements = string.Join(" ", r.Measurements.Select(m => $"{m.Name}={m.Value}{m.Unit}")),
            Evidence = string.Join(" ", r.Evidence.Select(e => e.Kind)),
        };
        foreach (var (portal, sweepRow) in bySweep) Assert.Equal(Row(sweepRow), Row(byCli[portal]));
    }

    [Fact]
    public async Task A_sweep_measures_with_its_own_definitions_while_probes_changes_and_a_broken_edit_keeps_the_last_good_ones()
    {
        var pg = await PostgresServer.GetAsync();
        var cs = pg.NewDatabase("defs");
        var sites = Sites("df", 4, TimeSpan.FromMilliseconds(600)).Append(new ReplicaSite { Id = "df-down", Province = "浙江", Platform = "测试办", Status = 500 }).ToArray();
        await using var replicas = await ReplicaServer.StartAsync(sites);
        await using var cluster = await ClusterAsync(replicas, cs);
        File.Delete(Path.Combine(cluster.Portals, "df-down.yaml")); // only a place a broken manifest can point at
        var sweep = new Dictionary<string, string>
        {
            ["ZHANGBAN_Schedule__Sweeps__test__Cron"] = "0/20 * * * * ?",
            ["ZHANGBAN_Schedule__Sweeps__test__Spread"] = "00:00:08",
            ["ZHANGBAN_Schedule__Sweeps__test__Indicators__0"] = "response-time",
            ["ZHANGBAN_Run__Concurrency"] = "1",
        };
        await cluster.StartWorkerAsync(sweep);
        var (_, http) = await cluster.StartWorkerAsync(sweep);

        async Task<Guid> NextSweepAsync(ICollection<Guid> seen)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                var run = (await Store(cs).ListRunsAsync(20)).FirstOrDefault(r => r.Trigger == "schedule:test" && !seen.Contains(r.Id));
                if (run is not null) { seen.Add(run.Id); return run.Id; }
                await Task.Delay(200);
            }
            throw new TimeoutException("no new sweep within 60 s");
        }

        // The first sweep has begun (one portal job's result is in, the others are spread over the next seconds):
        // now a manifest points elsewhere and the catalogue tightens a threshold.
        var seen = new List<Guid>();
        var first = await NextSweepAsync(seen);
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && await ScalarAsync(cs, $"select count(*) from results where \"RunId\" = '{first}'") < 1) await Task.Delay(100);
        var editedAt = DateTime.UtcNow;
        File.WriteAllText(Path.Combine(cluster.Portals, "df-0.yaml"), $"id: df-0\nprovince: 浙江\nentry_url: {replicas.EntryUrl("df-down")}\n");
        TestCatalogue.Load(cluster.Catalogue).With<ResponseTimeSettings>(ResponseTimeProbe.ProbeKey, s => s with { LoadBudget = TimeSpan.FromMilliseconds(100) }).Save(cluster.Catalogue);

        var firstRun = await WaitCompletedAsync(cs, first, TimeSpan.FromSeconds(60));
        Assert.Equal(RunStatus.Completed, firstRun?.Status);
        // Portal jobs ran after the edit, and every one measured with the sweep's definitions: the old entry, the old budget.
        Assert.Contains(firstRun!.Results, r => r.StartedAtUtc > editedAt);
        Assert.All(firstRun.Results, r => Assert.Equal((Outcome.Pass, Reason.WithinBudget), (r.Outcome, r.Reason)));

        // The next sweep takes the new definitions, and the runs name both.
        var second = await NextSweepAsync(seen);
        var secondRun = await WaitCompletedAsync(cs, second, TimeSpan.FromSeconds(60));
        Assert.Equal(RunStatus.Completed, secondRun?.Status);
        Assert.Equal((Outcome.Fail, Reason.HttpServerError), secondRun!.Results.Where(r => r.PortalId == "df-0").Select(r => (r.Outcome, r.Reason)).Single());
        Assert.All(secondRun.Results.Where(r => r.PortalId != "df-0"), r => Assert.Equal((Outcome.Degraded, Reason.OverBudget), (r.Outcome, r.Reason)));
        Assert.NotNull(firstRun.DefinitionsHash);
        Assert.NotNull(secondRun.DefinitionsHash);
        Assert.NotEqual(firstRun.DefinitionsHash, secondRun.DefinitionsHash);
        Assert.Equal(2, await ScalarAsync(cs, $"select count(*) from definitions where \"Hash\" in ('{firstRun.DefinitionsHash}', '{secondRun.DefinitionsHash}')"));
        var changes = await CliProcess.RunAsync(cluster.Dir, new Dictionary<string, string> { ["ZHANGBAN_Storage__PostgresConnectionString"] = cs },
            ["runs", "show", second.ToString(), "--portals", cluster.Portals, "--catalogue", cluster.Catalogue]);
        Assert.True(changes.ExitCode == 0, changes.ToString());
        Assert.Contains($"definitions {secondRun.DefinitionsHash}", changes.Stdout);
        Assert.Contains("portal df-0: entry_url changed", changes.Stdout);
        Assert.Contains("indicator response-time: load_budget 3s → 100ms", changes.Stdout);

        // A broken edit: sweeps go on with the last good definitions, and /healthz names the problem with file:line:col.
        var broken = File.ReadAllText(cluster.Catalogue).Replace("load_budget: 100ms", "load_budget: soon");
        Assert.Contains("load_budget: soon", broken);
        File.WriteAllText(cluster.Catalogue, broken);
        var third = await NextSweepAsync(seen);
        var thirdRun = await WaitCompletedAsync(cs, third, TimeSpan.FromSeconds(60));
        Assert.Equal(RunStatus.Completed, thirdRun?.Status);
        Assert.Equal(secondRun.DefinitionsHash, thirdRun!.DefinitionsHash);
        using var health = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        health.Headers.Authorization = new("Bearer", Token);
        var body = JsonDocument.Parse(await (await http.SendAsync(health)).Content.ReadAsStringAsync()).RootElement;
        var definitions = body.GetProperty("checks").GetProperty("definitions");
        Assert.Equal("degraded", definitions.GetProperty("status").GetString());
        var line = File.ReadAllLines(cluster.Catalogue).ToList().FindIndex(l => l.Contains("load_budget: soon")) + 1;
        Assert.Contains($"{cluster.Catalogue}:{line}:", definitions.GetProperty("detail").GetString());
        Assert.Contains(secondRun.DefinitionsHash![..12], definitions.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_killed_worker_has_its_unfinished_probes_completed_by_the_other()
    {
        var pg = await PostgresServer.GetAsync();
        var cs = pg.NewDatabase("kill");
        var sites = Sites("kl", 6, TimeSpan.FromSeconds(2));
        await using var replicas = await ReplicaServer.StartAsync(sites);
        await using var cluster = await ClusterAsync(replicas, cs);
        var env = new Dictionary<string, string> { ["ZHANGBAN_Run__Concurrency"] = "1" };
        var (victim, victimHttp) = await cluster.StartWorkerAsync(env);
        await cluster.StartWorkerAsync(env);

        var runId = await StartRunAsync(victimHttp, new { indicators = new[] { "gov-identity" } });

        // Kill one worker as soon as the first result is in (it is then mid-way through its next portal).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && await ScalarAsync(cs, $"select count(*) from results where \"RunId\" = '{runId}'") < 1) await Task.Delay(200);
        victim.Kill(true);
        await victim.WaitForExitAsync();

        var run = await WaitCompletedAsync(cs, runId, TimeSpan.FromSeconds(120));
        Assert.Equal(RunStatus.Completed, run?.Status);
        Assert.Equal(6, run!.Results.Count);
        Assert.Equal(6, run.Results.Select(r => r.PortalId).Distinct().Count());
    }

    [Fact]
    public async Task Results_ready_while_the_database_is_down_arrive_once_it_is_back()
    {
        var pg = await PostgresServer.StartPrivateAsync();
        try
        {
            var cs = pg.NewDatabase("down");
            var sites = Sites("dn", 5, TimeSpan.FromSeconds(3));
            await using var replicas = await ReplicaServer.StartAsync(sites);
            await using var cluster = await ClusterAsync(replicas, cs);
            var (worker, http) = await cluster.StartWorkerAsync(new Dictionary<string, string> { ["ZHANGBAN_Run__Concurrency"] = "1" });

            var runId = await StartRunAsync(http, new { indicators = new[] { "gov-identity" } });

            var deadline = DateTime.UtcNow.AddSeconds(60);
            long stored = 0;
            while (DateTime.UtcNow < deadline && (stored = await ScalarAsync(cs, $"select count(*) from results where \"RunId\" = '{runId}'")) < 1) await Task.Delay(200);
            // Stop the database while the next probe is in flight (its page request has started, its result is not stored).
            while (DateTime.UtcNow < deadline && sites.Sum(s => s.EntryRequests) <= stored) await Task.Delay(50);
            await pg.StopServerAsync();
            // Probes in flight finish while the database is away; their results wait in the outbox.
            var outbox = Path.Combine(cluster.Dir, "worker-0", "outbox");
            deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && (!Directory.Exists(outbox) || Directory.GetFiles(outbox, "*.json").Length == 0)) await Task.Delay(300);
            Assert.True(Directory.Exists(outbox) && Directory.GetFiles(outbox, "*.json").Length > 0, "no result reached the outbox while the database was down");
            var health = await http.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            await pg.StartServerAsync();

            var run = await WaitCompletedAsync(cs, runId, TimeSpan.FromSeconds(150));
            Assert.False(worker.HasExited);
            Assert.Equal(RunStatus.Completed, run?.Status);
            Assert.Equal(5, run!.Results.Count);
            Assert.Equal(5, run.Results.Select(r => r.PortalId).Distinct().Count());
            Assert.Empty(Directory.GetFiles(outbox, "*.json"));
            Assert.All(sites, s => Assert.Equal(1, s.EntryRequests)); // nothing probed twice
        }
        finally { pg.Stop(); }
    }

    [Fact]
    public async Task A_sweep_missed_while_down_is_caught_up_once_or_skipped_as_configured()
    {
        var pg = await PostgresServer.GetAsync();
        var cs = pg.NewDatabase("mis");
        var sites = new[] { new ReplicaSite { Id = "mis-a", Province = "浙江" }, new ReplicaSite { Id = "mis-b", Province = "江苏" } };
        await using var replicas = await ReplicaServer.StartAsync(sites);
        await using var cluster = await ClusterAsync(replicas, cs);
        File.WriteAllText(Path.Combine(cluster.Portals, "mis-a.yaml"), $"id: mis-a\nprovince: 浙江\ngroup: a\nentry_url: {replicas.EntryUrl("mis-a")}\n");
        File.WriteAllText(Path.Combine(cluster.Portals, "mis-b.yaml"), $"id: mis-b\nprovince: 江苏\ngroup: b\nentry_url: {replicas.EntryUrl("mis-b")}\n");
        var env = new Dictionary<string, string>
        {
            ["ZHANGBAN_Schedule__MisfireThreshold"] = "00:00:01",
            ["ZHANGBAN_Schedule__Sweeps__catchup__Cron"] = "0/20 * * * * ?",
            ["ZHANGBAN_Schedule__Sweeps__catchup__Group"] = "a",
            ["ZHANGBAN_Schedule__Sweeps__catchup__Spread"] = "00:00:00",
            ["ZHANGBAN_Schedule__Sweeps__catchup__Misfire"] = "catch-up-once",
            ["ZHANGBAN_Schedule__Sweeps__catchup__Indicators__0"] = "gov-identity",
            ["ZHANGBAN_Schedule__Sweeps__skipper__Cron"] = "0/20 * * * * ?",
            ["ZHANGBAN_Schedule__Sweeps__skipper__Group"] = "b",
            ["ZHANGBAN_Schedule__Sweeps__skipper__Spread"] = "00:00:00",
            ["ZHANGBAN_Schedule__Sweeps__skipper__Misfire"] = "skip",
            ["ZHANGBAN_Schedule__Sweeps__skipper__Indicators__0"] = "gov-identity",
        };
        // Run once so the triggers are stored, then go down just after a fire.
        var (worker, _) = await cluster.StartWorkerAsync(env);
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (DateTime.UtcNow < deadline && await ScalarAsync(cs, "select count(*) from runs where \"Status\" = 'completed'") < 2) await Task.Delay(300);
        Assert.Equal(2, await ScalarAsync(cs, "select count(*) from runs where \"Status\" = 'completed'"));
        worker.Kill(true);
        await worker.WaitForExitAsync();

        // Stay down across the next fire time, and come back a few seconds after it.
        var now = DateTime.UtcNow;
        var nextFire = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second / 20 * 20, DateTimeKind.Utc).AddSeconds(20);
        await Task.Delay(nextFire.AddSeconds(3) - DateTime.UtcNow);
        var before = (await Store(cs).ListRunsAsync(50)).Select(r => r.Id).ToHashSet();
        await cluster.StartWorkerAsync(env);
        await Task.Delay(TimeSpan.FromSeconds(8)); // still before the following fire (nextFire + 20 s)
        var fresh = (await Store(cs).ListRunsAsync(50)).Where(r => !before.Contains(r.Id)).ToList();
        Assert.Contains(fresh, r => r.Trigger == "schedule:catchup");
        Assert.DoesNotContain(fresh, r => r.Trigger == "schedule:skipper");
        Assert.Single(fresh, r => r.Trigger == "schedule:catchup"); // once, not once per missed fire
    }
}
