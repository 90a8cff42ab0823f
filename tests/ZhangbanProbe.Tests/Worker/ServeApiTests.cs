using ZhangbanProbe.Core.Runs;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Serve;

/// <summary>`zhangban serve` as a real process: the token, the manifest-only rule, an ad-hoc run through the scheduler.</summary>
[Trait("Category", "Integration")]
[Collection("browser")]
public class ServeApiTests
{
    private const string Token = "test-token-0123456789";

    [Fact]
    public async Task The_api_needs_the_token_accepts_only_manifest_portals_and_runs_through_the_scheduler()
    {
        var dir = TestPaths.NewTempDirectory();
        await using var replicas = await ReplicaServer.StartAsync([new ReplicaSite { Id = "api-site", Province = "浙江", Platform = "测试办", Latency = TimeSpan.FromSeconds(1) }]);
        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        File.WriteAllText(Path.Combine(portals, "api-site.yaml"), $"id: api-site\nprovince: 浙江\nentry_url: {replicas.EntryUrl("api-site")}\n");
        var port = FreePort();
        using var serve = StartServe(dir, portals, TestPaths.FastCatalogue(dir), port, new Dictionary<string, string> { ["ZHANGBAN_Api__MaxConcurrentRuns"] = "1" });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await WaitHealthyAsync(http, serve);

            var body = JsonContent.Create(new { portals = new[] { "api-site" }, indicators = new[] { "response-time" } });
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/runs", body)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, "wrong-token-0123456789", new { portals = new[] { "api-site" } })).StatusCode);

            var url = await Send(http, Token, new { portals = new[] { "https://www.example.com/" } });
            Assert.Equal(HttpStatusCode.BadRequest, url.StatusCode);
            Assert.Contains("arbitrary URLs are not probed", await url.Content.ReadAsStringAsync());
            var urls = await Send(http, Token, new { urls = new[] { "https://www.example.com/" } });
            Assert.Equal(HttpStatusCode.BadRequest, urls.StatusCode);
            Assert.Contains("only portals named in the manifests", await urls.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, (await Send(http, Token, new { portals = new[] { "api-site" }, indicators = new[] { "no-such-probe" } })).StatusCode);

            // A host of a manifest portal is accepted as that portal.
            var accepted = await Send(http, Token, new { portals = new[] { replicas.EntryUrl("api-site").ToString() }, indicators = new[] { "response-time" } });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            // Api:MaxConcurrentRuns is 1 here: a second ad-hoc run while the first is in progress is refused.
            var second = await Send(http, Token, new { portals = new[] { "api-site" }, indicators = new[] { "response-time" } });
            Assert.Equal((HttpStatusCode)429, second.StatusCode);
            Assert.Contains("Api:MaxConcurrentRuns", await second.Content.ReadAsStringAsync());
            var runId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString();

            JsonElement run = default;
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{runId}");
                get.Headers.Authorization = new("Bearer", Token);
                var res = await http.SendAsync(get);
                Assert.Equal(HttpStatusCode.OK, res.StatusCode);
                run = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
                if (run.GetProperty("status").GetString() == "completed") break;
                await Task.Delay(500);
            }
            Assert.Equal("completed", run.GetProperty("status").GetString());
            var result = Assert.Single(run.GetProperty("results").EnumerateArray());
            Assert.Equal("pass", result.GetProperty("outcome").GetString());
            Assert.Equal("api", run.GetProperty("trigger").GetString());

            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/metrics")).StatusCode);
            using var metricsRequest = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            metricsRequest.Headers.Authorization = new("Bearer", Token);
            var metrics = await (await http.SendAsync(metricsRequest)).Content.ReadAsStringAsync();
            Assert.Contains("zhangban_probes_total", metrics);

            // Host filtering: a request naming another host (a DNS-rebinding page) is refused.
            using var rebinding = new HttpRequestMessage(HttpMethod.Get, "/healthz");
            rebinding.Headers.Host = "attacker.example.com";
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebinding)).StatusCode);

            // /healthz is public but says only its status; details need the token.
            var publicHealth = JsonDocument.Parse(await http.GetStringAsync("/healthz")).RootElement;
            Assert.Equal(["status"], publicHealth.EnumerateObject().Select(p => p.Name).ToArray());

            // No token: 401 before the body is read (10 MB is never read); too large with the token: 413.
            var big = new ByteArrayContent(new byte[10_000_000]);
            big.Headers.ContentType = new("application/json");
            try { Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/runs", big)).StatusCode); }
            catch (HttpRequestException) { /* the server answered 401 and closed before the body was sent: also not read */ }
            using var tooLarge = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = new ByteArrayContent(new byte[2_000_000]) };
            tooLarge.Content.Headers.ContentType = new("application/json");
            tooLarge.Headers.Authorization = new("Bearer", Token);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(tooLarge)).StatusCode);
        }
        finally
        {
            if (!serve.HasExited) serve.Kill(true);
            await serve.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_stopped_service_finishes_or_hands_back_its_probes_and_resumes_the_run_when_started_again()
    {
        var dir = TestPaths.NewTempDirectory();
        var sites = Enumerable.Range(0, 3).Select(i => new ReplicaSite { Id = $"gs-{i}", Province = "浙江", Latency = TimeSpan.FromSeconds(3) }).ToArray();
        await using var replicas = await ReplicaServer.StartAsync(sites);
        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        foreach (var s in sites) File.WriteAllText(Path.Combine(portals, s.Id + ".yaml"), $"id: {s.Id}\nprovince: 浙江\nentry_url: {replicas.EntryUrl(s.Id)}\n");
        var catalogue = ProbeScenario.TestCatalogue(dir);
        var env = new Dictionary<string, string> { ["ZHANGBAN_Run__Concurrency"] = "1" };
        var port = FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using (var first = StartServe(dir, portals, catalogue, port, env))
        {
            await WaitHealthyAsync(http, first);
            var accepted = await Send(http, Token, new { indicators = new[] { "gov-identity" } });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            // SIGTERM while the first probe is in flight.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && sites.Sum(s => s.EntryRequests) == 0) await Task.Delay(50);
            using (var term = Process.Start("kill", ["-TERM", first.Id.ToString()])) await term!.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await first.WaitForExitAsync(cts.Token);
            Assert.Equal(0, first.ExitCode); // a graceful stop, not a crash
        }
        Assert.True(sites.Sum(s => s.EntryRequests) < 3, "the service did not stop before probing everything");

        using var second = StartServe(dir, portals, catalogue, port, env);
        try
        {
            await WaitHealthyAsync(http, second);
            var store = new ZhangbanProbe.Storage.ProbeStore(Microsoft.Extensions.Options.Options.Create(new ZhangbanProbe.Storage.StorageOptions { SqlitePath = Path.Combine(dir, "zhangban.db") }));
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                var only = Assert.Single(await store.ListRunsAsync(5));
                if (only.Status == RunStatus.Completed)
                {
                    var full = await store.GetRunAsync(only.Id);
                    Assert.Equal(3, full!.Results.Count);
                    Assert.Equal(3, full.Results.Select(r => r.PortalId).Distinct().Count());
                    Assert.All(sites, s => Assert.InRange(s.EntryRequests, 1, 2)); // at most the handed-back probe twice
                    return;
                }
                await Task.Delay(500);
            }
            Assert.Fail("the interrupted run was not resumed and completed");
        }
        finally
        {
            if (!second.HasExited) second.Kill(true);
            await second.WaitForExitAsync();
        }
    }

    /// <summary>Starts a run through the API with the right token; returns its id.</summary>
    internal static async Task<Guid> StartRunAsync(HttpClient http, object body)
    {
        var res = await Send(http, Token, body);
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        return Guid.Parse(JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString()!);
    }

    internal static Task<HttpResponseMessage> Send(HttpClient http, string token, object body)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(body) };
        req.Headers.Authorization = new("Bearer", token);
        return http.SendAsync(req);
    }

    [Fact]
    public async Task A_second_serve_on_the_same_SQLite_file_is_refused_with_a_clear_message()
    {
        var dir = TestPaths.NewTempDirectory();
        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        var port = FreePort();
        using var first = StartServe(dir, portals, TestPaths.FastCatalogue(dir), port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await WaitHealthyAsync(http, first);
            using var second = StartServe(dir, portals, TestPaths.FastCatalogue(dir), FreePort());
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await second.WaitForExitAsync(cts.Token);
            Assert.Equal(2, second.ExitCode);
            Assert.False(first.HasExited);
        }
        finally
        {
            if (!first.HasExited) first.Kill(true);
            await first.WaitForExitAsync();
        }
    }

    internal static Process StartServe(string dir, string portals, string catalogue, int port, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "zhangban.dll"));
        foreach (var a in new[] { "--portals", portals, "--catalogue", catalogue, "serve" }) psi.ArgumentList.Add(a);
        psi.Environment["ZHANGBAN_Api__Token"] = Token;
        psi.Environment["ZHANGBAN_Api__Urls"] = $"http://127.0.0.1:{port}";
        psi.Environment["ZHANGBAN_Storage__SqlitePath"] = Path.Combine(dir, "zhangban.db");
        psi.Environment["ZHANGBAN_Storage__OutboxDirectory"] = Path.Combine(dir, "outbox");
        psi.Environment["ZHANGBAN_Evidence__Directory"] = Path.Combine(dir, "evidence");
        psi.Environment["ZHANGBAN_Browser__NavigationTimeout"] = "00:00:10";
        LiveReplicaRules.AddTo(psi.Environment);
        // Tests sign in many times a minute from one address; the rate-limit test sets its own limit.
        psi.Environment["ZHANGBAN_Api__LoginAttemptsPerMinute"] = "10000";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    internal static async Task WaitHealthyAsync(HttpClient http, Process serve)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(serve.HasExited, $"serve exited with {(serve.HasExited ? serve.ExitCode : 0)}");
            try
            {
                var h = await http.GetAsync("/healthz");
                if (h.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(300);
        }
        Assert.Fail("serve did not become healthy within 60 s");
    }

    internal static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
