using MiniExcelLibs;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.HumanScores;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Scores;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.HumanScores;

/// <summary>A score file's formula cell is exported as text: a spreadsheet opening the export never runs it.</summary>
[Trait("Category", "Unit")]
public class ExportSafetyTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("浙江省大数据局", "浙江省大数据局")]
    public void Formula_cells_are_neutralised(string cell, string exported) => Assert.Equal(exported, CompareService.Neutralize(cell));

    [Fact]
    public async Task A_hyperlink_formula_from_a_score_file_exports_as_text_in_csv_and_xlsx()
    {
        var human = new HumanEvaluation { ReportYear = 2025, Province = "浙江", Grade = "A", Source = "=HYPERLINK(\"http://x\",\"y\")" };
        var portal = new PortalManifest { Id = "zhejiang", Province = "浙江", Platform = "浙里办", EntryUrl = new Uri("https://www.zjzwfw.gov.cn/") };
        var entry = new CatalogueEntry { ProbeKey = "gov-identity", Layer = "敢用" };
        var report = Comparison.Build(2025, [human], [portal], [entry], (_, _) => null);
        var dir = TestPaths.NewTempDirectory();
        await CompareService.ExportCsvAsync(report, Path.Combine(dir, "c.csv"));
        await CompareService.ExportXlsxAsync(report, Path.Combine(dir, "c.xlsx"));
        var csv = await File.ReadAllTextAsync(Path.Combine(dir, "c.csv"));
        Assert.Contains("'=HYPERLINK", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain(",\"=HYPERLINK", csv);
        var rows = MiniExcel.Query(Path.Combine(dir, "c.xlsx"), useHeaderRow: true, sheetName: "comparison").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("'=HYPERLINK(\"http://x\",\"y\")", rows.Single()["human_source"]);
    }
}
