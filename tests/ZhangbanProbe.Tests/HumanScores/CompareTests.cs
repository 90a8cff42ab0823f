using ZhangbanProbe.Definitions;
using System.Text;
using MiniExcelLibs;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Scores;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.HumanScores;

/// <summary>Human grades beside machine results of a replica run, with statistics checked against hand computation.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class CompareTests
{
    [Fact]
    public async Task Compare_on_replica_data_gives_the_table_the_hand_computed_rho_and_the_disagreements()
    {
        await using var host = new ProbeHost(new() { ["Run:Concurrency"] = "1" });
        // Medians of three loads a second apart, so the order of platforms is not left to a loaded machine (500 ms
        // once flipped under CI); a wide budget keeps the slowest replica a pass.
        Assert.Equal(host.Get<ProbeDataLoader>().CatalogueFile, TestPaths.FastCatalogue(host.Directory, s => s with { Loads = 3, LoadBudget = TimeSpan.FromSeconds(9) }));
        var grades = Path.Combine(host.Directory, "grades-2025.csv");
        File.WriteAllText(grades, """
            report_year,province,platform,grade,scope,source
            2025,浙江,浙里办,A+,overall,test
            2025,上海,随申办,A,overall,test
            2025,江西,赣服通,A-,overall,test
            2025,山东,爱山东,B+,overall,test
            2025,海南,海易办,B,overall,test
            2025,湖北,鄂汇办,C,overall,test
            """);
        Assert.True((await host.Get<HumanScoreStore>().ImportAsync(grades)).Ok);

        // Replicas of six platforms. Loads in the human order except Shandong and Hainan swapped; Zhejiang is down.
        await using var replicas = await ReplicaServer.StartAsync([
            new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办", Status = 500 },
            new ReplicaSite { Id = "shanghai", Province = "上海", Platform = "随申办", Latency = TimeSpan.FromMilliseconds(100) },
            new ReplicaSite { Id = "jiangxi", Province = "江西", Platform = "赣服通", Latency = TimeSpan.FromMilliseconds(1100) },
            new ReplicaSite { Id = "shandong", Province = "山东", Platform = "爱山东", Latency = TimeSpan.FromMilliseconds(3100) },
            new ReplicaSite { Id = "hainan", Province = "海南", Platform = "海易办", Latency = TimeSpan.FromMilliseconds(2100) },
            new ReplicaSite { Id = "hubei", Province = "湖北", Platform = "鄂汇办", Latency = TimeSpan.FromMilliseconds(4100) },
        ]);
        var run = await host.Get<RunService>().RunAsync(new RunRequest { Portals = ReplicaPortals.Manifests(replicas), Trigger = "replicas" }, null, CancellationToken.None);
        Assert.Equal(0, run.ExitCode);

        var portals = PortalManifestLoader.LoadDirectory(TestPaths.PortalsDirectory).Portals;
        var catalogue = host.Get<ProbeDataLoader>().LoadCatalogue();
        var report = await host.Get<CompareService>().CompareAsync(2025, portals, catalogue, new EditionPeriod(DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1)), includeReplicas: true, rankDistance: 3);

        Assert.Equal(33, report.Rows.Count); // every platform, with or without a human grade
        var zj = report.Rows.Single(r => r.PortalId == "zhejiang");
        Assert.Equal(("A+", "overall", "fail"), (zj.Human!.Grade, zj.HumanLevel, zj.Machine!.Outcome.ToString().ToLowerInvariant()));
        Assert.Null(report.Rows.Single(r => r.PortalId == "beijing").Human);

        // Hand computation: n = 5 (Zhejiang failed, so it has no timing); ranks differ only by the swapped pair:
        // rho = 1 - 6·(1² + 1²) / (5·(25 - 1)) = 0.9.
        var agreement = Assert.Single(report.Agreements);
        Assert.Equal(5, agreement.Result.N);
        Assert.Equal(0.9, agreement.Result.Rho);
        Assert.Equal("", agreement.Result.Warning);

        // Disagreements by rank distance (3 places here, among 6): Zhejiang is first for the humans and last for the
        // probe (it fails); Hubei is last for both, so no disagreement — no invented grade cut-offs.
        Assert.Equal(["zhejiang"], report.Disagreements.Select(d => d.Row.PortalId).ToArray());
        Assert.Contains("humans place it 1 of 6 (overall A+), the probe 6 of 6 (fail http-server-error); rank distance ≥ 3", report.Disagreements.Single().Explanation);

        // Replica runs are not real portals: left out unless asked for.
        var real = await host.Get<CompareService>().CompareAsync(2025, portals, catalogue, new EditionPeriod(DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1)), includeReplicas: false);
        Assert.All(real.Rows, r => Assert.Null(r.Machine));

        // The CLI prints the same and exports CSV (UTF-8 with BOM) and XLSX.
        var csv = Path.Combine(host.Directory, "compare.csv");
        var xlsx = Path.Combine(host.Directory, "compare.xlsx");
        var missing = await CliProcess.RunAsync(host.Directory, null, ["compare", "--year", "2025", "--sqlite", Path.Combine(host.Directory, "zhangban.db")]);
        Assert.Equal(2, missing.ExitCode); // no configured evaluation period: never guessed
        Assert.Contains("Editions:2025:From", missing.Stderr);
        var period = new Dictionary<string, string> { ["ZHANGBAN_Editions__2025__From"] = DateTime.UtcNow.AddDays(-1).ToString("O"), ["ZHANGBAN_Editions__2025__To"] = DateTime.UtcNow.AddDays(1).ToString("O"), ["ZHANGBAN_Compare__RankDistance"] = "3" };
        var cli = await CliProcess.RunAsync(host.Directory, period, ["compare", "--year", "2025", "--replicas",
            "--sqlite", Path.Combine(host.Directory, "zhangban.db"), "--catalogue", host.Get<ProbeDataLoader>().CatalogueFile, "--csv", csv, "--xlsx", xlsx]);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains("A+ (overall)", cli.Stdout);
        Assert.Contains("0.900", cli.Stdout);
        Assert.Contains("disagreements (1), for re-review", cli.Stdout);
        Assert.Contains("1000 bootstrap resamples, seed 20251129", cli.Stdout);
        Assert.Contains("reproduce: zhangban run --portal zhejiang --indicator response-time", cli.Stdout);

        var bytes = File.ReadAllBytes(csv);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("report_year,province,platform,portal_id,human_level", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("2025,浙江,浙里办,zhejiang,overall,overall,A+") && l.Contains(",fail,http-server-error,"));
        var sheet = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "comparison").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(33, sheet.Count);
        Assert.Contains(sheet, r => (string)r["province"] == "湖北" && (string)r["human_grade"] == "C" && (string)r["outcome"] == "pass");
    }
}
