using System.Net;
using System.Text.Json;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;
using static ZhangbanProbe.Tests.Serve.ServeApiTests;

namespace ZhangbanProbe.Tests.Serve;

/// <summary>A real `serve` on PostgreSQL ends a sweep whose portal jobs are all gone: incomplete, named, counted in /metrics.</summary>
[Trait("Category", "Integration")]
[Collection("browser")]
public class RunAuditorTests
{
    private const string Token = "test-token-0123456789";

    [Theory]
    [InlineData(false)] // beta's manifest is gone: probed once more, still no result: incomplete
    [InlineData(true)]  // beta is still a portal: probed once more (its host refuses: error connection-refused), completed
    public async Task A_sweep_with_no_work_left_is_probed_once_more_then_ends_completed_or_incomplete_and_counted(bool betaStillThere)
    {
        var dir = TestPaths.NewTempDirectory();
        var postgres = (await PostgresServer.GetAsync()).NewDatabase();
        var store = new ProbeStore(Microsoft.Extensions.Options.Options.Create(new StorageOptions { PostgresConnectionString = postgres }));
        await store.MigrateAsync();
        // A sweep whose worker stored one result and whose other portal job is gone (not in the scheduler any more).
        var run = new ProbeRun
        {
            Id = Guid.CreateVersion7(), StartedAtUtc = DateTime.UtcNow.AddMinutes(-10), Trigger = RunTriggers.Schedule("nightly"),
            PortalIds = ["alpha", "beta"], IndicatorIds = ["response-time"],
        };
        await store.BeginRunAsync(run);
        await store.SaveResultAsync(ProbeResult.From(run.Id, "alpha", "response-time", ProbeObservation.Of(Outcome.Pass, Reason.WithinBudget, "seeded"),
            run.StartedAtUtc, TimeSpan.FromSeconds(1)) with { Worker = "gone-worker/7" });

        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        File.WriteAllText(Path.Combine(portals, "alpha.yaml"), "id: alpha\nprovince: 北京\nentry_url: http://alpha.localhost:9/\n");
        if (betaStillThere) File.WriteAllText(Path.Combine(portals, "beta.yaml"), "id: beta\nprovince: 天津\nentry_url: http://beta.localhost:9/\n");
        var port = FreePort();
        using var serve = StartServe(dir, portals, TestPaths.FastCatalogue(dir), port, new Dictionary<string, string>
        {
            ["ZHANGBAN_Storage__PostgresConnectionString"] = postgres,
            ["ZHANGBAN_Schedule__RunAuditInterval"] = "00:00:02",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        try
        {
            await WaitHealthyAsync(http, serve);
            JsonElement doc = default;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                var res = await http.GetAsync($"/api/runs/{run.Id}");
                Assert.Equal(HttpStatusCode.OK, res.StatusCode);
                doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
                if (doc.GetProperty("status").GetString() != "running") break;
                await Task.Delay(500);
            }
            if (betaStillThere)
            {
                Assert.Equal("completed", doc.GetProperty("status").GetString());
                var beta = doc.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("portalId").GetString() == "beta");
                Assert.Equal("error", beta.GetProperty("outcome").GetString());
                Assert.Empty(doc.GetProperty("missing").EnumerateArray());
                return;
            }
            Assert.Equal("incomplete", doc.GetProperty("status").GetString());
            var missing = Assert.Single(doc.GetProperty("missing").EnumerateArray());
            Assert.Equal(("beta", "response-time", "not-probed"),
                (missing.GetProperty("portalId").GetString(), missing.GetProperty("indicatorId").GetString(), missing.GetProperty("cause").GetString()));
            Assert.Equal("gone-worker/7", Assert.Single(doc.GetProperty("results").EnumerateArray()).GetProperty("worker").GetString());

            var metrics = await http.GetStringAsync("/metrics");
            Assert.Contains("zhangban_runs_incomplete_total", metrics);
            Assert.Equal(RunStatus.Incomplete, (await store.GetRunHeaderAsync(run.Id))!.Status);
        }
        finally
        {
            if (!serve.HasExited) { serve.Kill(true); await serve.WaitForExitAsync(); }
        }
    }
}
