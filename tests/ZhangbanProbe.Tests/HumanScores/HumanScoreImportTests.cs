using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using ZhangbanProbe.Scores;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.HumanScores;

[Trait("Category", "Integration")]
public class HumanScoreImportTests
{
    private static string SeedFile => Path.Combine(TestPaths.RepoRoot, "data", "human-grades.csv");

    private static async Task<List<HumanEvaluationRow>> Stored(ProbeHost host)
    {
        await host.Get<ProbeStore>().MigrateAsync();
        await using var db = host.Get<ProbeStore>().CreateContext();
        return await db.HumanEvaluations.OrderBy(h => h.Id).ToListAsync();
    }

    [Fact]
    public async Task The_seed_grades_import_with_their_sources_and_again_add_nothing()
    {
        await using var host = new ProbeHost();
        var store = host.Get<HumanScoreStore>();

        var first = await store.ImportAsync(SeedFile);
        Assert.True(first.Ok, string.Join("\n", first.Errors));
        Assert.Equal((8, 8, 0), (first.Rows, first.Added, first.AlreadyPresent));
        var again = await store.ImportAsync(SeedFile);
        Assert.Equal((8, 0, 8), (again.Rows, again.Added, again.AlreadyPresent));

        var rows = await Stored(host);
        Assert.Equal(8, rows.Count);
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        var zj = rows.Single(r => r.Province == "浙江");
        Assert.Equal((2023, "浙里办", "A+", (string?)null, (string?)null), (zj.ReportYear, zj.Platform, zj.Grade, zj.Layer, zj.IndexIndicator));
        Assert.Contains(rows, r => r.ReportYear == 2025 && r.Province == "山东" && r.Grade == "A+" && r.Source.Contains("Qilu Evening News"));
    }

    [Fact]
    public async Task A_file_with_errors_imports_nothing_and_names_rows_and_columns()
    {
        await using var host = new ProbeHost();
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, "bad.csv");
        File.WriteAllText(path, """
            report_year,province,platform,grade,scope,source
            2023,浙江,浙里办,A+,overall,seed
            2023,上海,随申办,A++,overall,seed
            2023,火星,火星办,A,overall,seed
            2023,浙江,浙里办,A+,overall,seed
            """, new UTF8Encoding(false));

        var report = await host.Get<HumanScoreStore>().ImportAsync(path);

        Assert.False(report.Ok);
        Assert.Equal(3, report.Errors.Count);
        Assert.Contains(report.Errors, e => e.Contains("row 3, column 'grade'"));
        Assert.Contains(report.Errors, e => e.Contains("row 4, column 'province'") && e.Contains("火星"));
        Assert.Contains(report.Errors, e => e.Contains("row 5: duplicates row 2"));
        Assert.Empty(await Stored(host));
    }

    [Fact]
    public async Task Gb18030_csv_and_xlsx_with_the_same_rows_give_the_same_result()
    {
        var dir = TestPaths.NewTempDirectory();
        var text = File.ReadAllText(SeedFile, Encoding.UTF8);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbPath = Path.Combine(dir, "grades-gb18030.csv");
        File.WriteAllBytes(gbPath, Encoding.GetEncoding("GB18030").GetBytes(text));
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(File.ReadAllBytes(gbPath))); // really not UTF-8

        var bomPath = Path.Combine(dir, "grades-bom.csv");
        File.WriteAllText(bomPath, text, new UTF8Encoding(true));

        var xlsxPath = Path.Combine(dir, "grades.xlsx");
        var (header, rows) = ScoreFileReader.Read(SeedFile);
        await MiniExcel.SaveAsAsync(xlsxPath, rows.Select(r => header.ToDictionary(h => h, h => (object?)(h == "report_year" ? int.Parse(r.Cells[h]) : r.Cells[h]))).ToList());

        var results = new List<List<string>>();
        foreach (var file in new[] { SeedFile, gbPath, bomPath, xlsxPath })
        {
            await using var host = new ProbeHost();
            var report = await host.Get<HumanScoreStore>().ImportAsync(file);
            Assert.True(report.Ok, string.Join("\n", report.Errors));
            Assert.Equal(8, report.Added);
            results.Add((await Stored(host)).Select(r => $"{r.ReportYear}|{r.Province}|{r.Platform}|{r.Grade}|{r.Layer}|{r.IndexIndicator}|{r.Source}|{r.ContentKey}").ToList());
        }
        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Contains(results[1], r => r.StartsWith("2023|浙江|浙里办|A+"));
    }

    [Fact]
    public async Task Unsupported_or_missing_files_are_clear_errors()
    {
        await using var host = new ProbeHost();
        var report = await host.Get<HumanScoreStore>().ImportAsync("/nonexistent/grades.csv");
        Assert.Equal("/nonexistent/grades.csv: no such file", Assert.Single(report.Errors));
        var txt = Path.Combine(TestPaths.NewTempDirectory(), "grades.pdf");
        File.WriteAllText(txt, "x");
        Assert.Contains("not supported", Assert.Single((await host.Get<HumanScoreStore>().ImportAsync(txt)).Errors));
    }
}
