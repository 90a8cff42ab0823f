using ZhangbanProbe.Tests.HumanScores;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Cli;

/// <summary>`zhangban scores import` as a researcher runs it, with files built to hold it.</summary>
[Trait("Category", "Integration")]
public class ScoresCommandTests
{
    [Fact]
    public async Task Hostile_score_files_are_refused_one_by_one_the_process_stays_small_and_the_good_file_beside_them_imports()
    {
        var dir = TestPaths.NewTempDirectory();
        var hostile = HostileScoreFileTests.WriteAll(dir);
        var good = Path.Combine(dir, "good.csv");
        File.WriteAllText(good, "report_year,province,platform,grade\n2026,北京,北京通,A\n");
        string[] store = ["--sqlite", Path.Combine(dir, "zb.db")];

        var import = await CliProcess.RunAsync(dir, null, ["scores", "import", .. hostile.Select(h => h.File), good, .. store]);

        Assert.Equal(2, import.ExitCode);
        foreach (var (file, limit) in hostile)
            Assert.Contains(import.Stderr.Split('\n'), l => l.StartsWith(file + ":", StringComparison.Ordinal) && l.Contains(limit, StringComparison.Ordinal));
        Assert.Contains($"{good}: 1 rows, 1 added", import.Stdout);
        // The whole process, runtime included, while it unpacked, parsed and refused every file above.
        Assert.InRange(import.PeakWorkingSet, 1, 256L << 20);

        var list = await CliProcess.RunAsync(dir, null, ["scores", "list", .. store]);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("北京通", list.Stdout);
        Assert.DoesNotContain("浙里办", list.Stdout); // nothing from the hostile files (their rows name 北京通 only, and none were read)
    }
}
