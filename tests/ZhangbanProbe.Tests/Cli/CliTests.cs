using ZhangbanProbe.Definitions;
using System.Text.Json;
using ZhangbanProbe.Application.Reporting;
using ZhangbanProbe.Cli.Reporting;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Cli;

/// <summary>The real `zhangban` program, as a user runs it.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class CliTests
{
    private static Dictionary<string, string> Env(string dir) => new()
    {
        ["ZHANGBAN_Browser__NavigationTimeout"] = "00:00:05",
    };

    private static string[] Common(string dir, string? postgres = null)
    {
        var args = new List<string> { "--evidence-dir", Path.Combine(dir, "evidence"), "--catalogue", TestPaths.FastCatalogue(dir) };
        if (postgres is null) args.AddRange(["--sqlite", Path.Combine(dir, "zb.db")]);
        else args.AddRange(["--postgres", postgres]);
        return args.ToArray();
    }

    /// <summary>The options of <see cref="Common"/> with the project's own catalogue (every indicator).</summary>
    private static string[] WholeCatalogue(string dir, string? postgres = null)
    {
        var args = Common(dir, postgres);
        args[Array.IndexOf(args, "--catalogue") + 1] = Path.Combine(TestPaths.RepoRoot, "probes", "catalogue.yaml");
        return args;
    }

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_replica_run_prints_the_table_and_the_json_equals_the_database(string provider)
    {
        var dir = TestPaths.NewTempDirectory();
        var postgres = provider == "postgres" ? (await PostgresServer.GetAsync()).NewDatabase() : null;
        var json = Path.Combine(dir, "run.json");

        var r = await CliProcess.RunAsync(dir, Env(dir),
            ["run", "--replicas", "--portal", "zhejiang", "--portal", "demo-500", "--portal", "demo-captcha", "--json", json, .. Common(dir, postgres)]);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("zhejiang", r.Stdout);
        Assert.Contains("浙江", r.Stdout);
        Assert.Contains("fail http-server-error", r.Stdout);
        Assert.Contains("blocked captcha", r.Stdout);
        Assert.Contains("[  3/3]", r.Stderr); // progress while it works

        var doc = RunJson.Read(json);
        Assert.Equal("zhangban-run/1", doc.Schema);
        Assert.Equal("replicas", doc.Trigger);
        Assert.Equal(3, doc.Results.Count);
        Assert.Contains(doc.Results, x => x.PortalId == "replica-zhejiang" && x.Outcome == "pass" && x.Reason == "within-budget" && x.Unit == "ms" && x.Value > 0);

        var store = new ProbeStore(Microsoft.Extensions.Options.Options.Create(new StorageOptions
        {
            SqlitePath = Path.Combine(dir, "zb.db"),
            PostgresConnectionString = postgres,
        }));
        var stored = (await store.GetRunAsync(doc.RunId))!;
        var portals = ZhangbanProbe.Definitions.PortalManifestLoader.LoadDirectory(TestPaths.PortalsDirectory).Portals;
        var fromDb = RunJson.ToDto(stored, []);
        Assert.Equal(
            JsonSerializer.Serialize(doc.Results.Select(x => x with { Province = null, Platform = null }).OrderBy(x => x.PortalId), RunJson.Options),
            JsonSerializer.Serialize(fromDb.Results.OrderBy(x => x.PortalId), RunJson.Options));
        Assert.Equal(doc.StartedAtUtc, stored.StartedAtUtc, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Validate_reports_broken_yaml_a_relative_url_and_a_duplicate_id_and_run_probes_nothing()
    {
        var dir = TestPaths.NewTempDirectory();
        var portals = Path.Combine(dir, "portals");
        Directory.CreateDirectory(portals);
        File.WriteAllText(Path.Combine(portals, "a.yaml"), "id: alpha\nprovince: 北京\nentry_url: https://a.gov.cn/\n");
        File.WriteAllText(Path.Combine(portals, "b.yaml"), "id: beta\nprovince: 天津\nentry_url: [unclosed\n");
        File.WriteAllText(Path.Combine(portals, "c.yaml"), "id: gamma\nprovince: 河北\nentry_url: relative/path\n");
        File.WriteAllText(Path.Combine(portals, "d.yaml"), "id: alpha\nprovince: 山西\nentry_url: https://d.gov.cn/\n");

        var validate = await CliProcess.RunAsync(dir, null, ["validate", "--portals", portals]);
        Assert.Equal(2, validate.ExitCode);
        Assert.Contains($"{portals}/b.yaml:3:", validate.Stderr);
        Assert.Contains($"{portals}/c.yaml:3:12: 'entry_url' must be an absolute http(s) URL", validate.Stderr);
        Assert.Contains($"{portals}/d.yaml:1:5: duplicate portal id 'alpha'", validate.Stderr);

        var run = await CliProcess.RunAsync(dir, null, ["run", "--portals", portals, .. Common(dir)]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("d.yaml:1:5", run.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "zb.db")), "nothing may run (or be stored) on invalid manifests");
    }

    [Fact]
    public async Task Unknown_portal_ids_are_bad_input()
    {
        var dir = TestPaths.NewTempDirectory();
        var r = await CliProcess.RunAsync(dir, null, ["run", "--portal", "atlantis", .. Common(dir)]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--portal atlantis: no portal manifest has this id", r.Stderr);
    }

    [Fact]
    public async Task No_browser_means_the_run_could_not_happen_exit_1()
    {
        var dir = TestPaths.NewTempDirectory();
        var env = new Dictionary<string, string> { ["ZHANGBAN_Browser__ExecutablePath"] = "/nonexistent/chromium" };
        var r = await CliProcess.RunAsync(dir, env, ["run", "--replicas", "--portal", "beijing", .. Common(dir)]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Browser:ExecutablePath", r.Stderr);
    }

    [Fact]
    public async Task Invalid_configuration_is_named_by_its_key()
    {
        var dir = TestPaths.NewTempDirectory();
        var r = await CliProcess.RunAsync(dir, new Dictionary<string, string> { ["ZHANGBAN_Browser__Profile"] = "tablet" }, ["run", .. Common(dir)]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Browser:Profile must be 'mobile', 'desktop' or 'app'", r.Stderr);
    }

    [Fact]
    public async Task An_unreachable_postgres_means_exit_1()
    {
        var dir = TestPaths.NewTempDirectory();
        var r = await CliProcess.RunAsync(dir, null,
            ["run", "--replicas", "--portal", "beijing", "--evidence-dir", dir, "--catalogue", TestPaths.FastCatalogue(dir), "--postgres", "Host=127.0.0.1;Port=1;Username=x;Timeout=2"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("unreachable", r.Stderr);
    }

    [Fact]
    public async Task A_portal_whose_first_pair_finishes_at_once_gets_every_pair_probed_and_the_run_completes()
    {
        // app-rating without a store id answers not-configured in 0 ms: the Task-keyed dispatcher lost the rest of such a host's pairs.
        var dir = TestPaths.NewTempDirectory();
        var json = Path.Combine(dir, "r.json");
        var r = await CliProcess.RunAsync(dir, Env(dir), ["run", "--replicas", "--portal", "beijing", "--portal", "shanghai", "--portal", "tianjin",
            "--indicator", "app-rating", "--indicator", "english-mode", "--json", json, .. WholeCatalogue(dir)]);

        Assert.True(r.ExitCode == 0, r.ToString());
        var doc = RunJson.Read(json);
        Assert.Equal("completed", doc.Status);
        Assert.Equal(6, doc.Results.Count);
        Assert.Empty(doc.Missing!);
        Assert.DoesNotContain("–", r.Stdout); // no empty cell in the table
        Assert.All(doc.Results, x => Assert.Equal($"{Environment.MachineName}/", x.Worker![..(Environment.MachineName.Length + 1)]));
    }

    [Fact]
    public async Task A_result_the_database_refuses_is_set_aside_named_and_the_run_is_incomplete_with_exit_1()
    {
        var dir = TestPaths.NewTempDirectory();
        var postgres = (await PostgresServer.GetAsync()).NewDatabase();
        var store = new ProbeStore(Microsoft.Extensions.Options.Options.Create(new StorageOptions { PostgresConnectionString = postgres }));
        await store.MigrateAsync();
        // The database refuses every english-mode row for good (an integrity error): the worker sets it aside.
        await using (var connection = new Npgsql.NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("""
                CREATE FUNCTION refuse_english() RETURNS trigger AS $$ BEGIN
                  IF NEW."IndicatorId" = 'english-mode' THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '23514'; END IF;
                  RETURN NEW; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER refuse BEFORE INSERT ON results FOR EACH ROW EXECUTE FUNCTION refuse_english();
                """, connection);
            await command.ExecuteNonQueryAsync();
        }
        var json = Path.Combine(dir, "r.json");
        var r = await CliProcess.RunAsync(dir, Env(dir), ["run", "--replicas", "--portal", "beijing", "--indicator", "app-rating", "--indicator", "english-mode",
            "--json", json, .. WholeCatalogue(dir, postgres)]);

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("incomplete", r.Stderr);
        Assert.Contains("replica-beijing/english-mode: set-aside", r.Stderr);
        Assert.Contains("missing", r.Stdout); // the table's cell (Spectre may wrap its cause)
        Assert.Contains("incomplete:", r.Stdout);
        var doc = RunJson.Read(json);
        Assert.Equal("incomplete", doc.Status);
        var missing = Assert.Single(doc.Missing!);
        Assert.Equal(("replica-beijing", "english-mode", "set-aside"), (missing.PortalId, missing.IndicatorId, missing.Cause));
        Assert.Contains("refused by the test", missing.Detail);
        var stored = (await store.GetRunAsync(doc.RunId))!;
        Assert.Equal(ZhangbanProbe.Core.Runs.RunStatus.Incomplete, stored.Status);
        Assert.Equal("app-rating", Assert.Single(stored.Results).IndicatorId);
        Assert.Equal(("replica-beijing", "english-mode"), (Assert.Single(stored.Missing).PortalId, stored.Missing[0].IndicatorId));
    }
}
