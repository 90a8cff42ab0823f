using ZhangbanProbe.Definitions;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.HumanScores;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Catalogue;

/// <summary>Every index indicator accounted for; evaluator groups a closed vocabulary; a probe's audience compared with its group.</summary>
[Trait("Category", "Unit")]
public class CoverageTests
{
    private static readonly string[] Keys = ["response-time", "english-mode", "elderly-mode", "accessibility", "progress-query", "search", "city-entries", "login-options",
        "feedback-channel", "offline-channels", "page-health", "mobile-friendly", "gov-identity", "privacy-policy", "transport-security"];

    private static IndicatorCatalogue Load(string path) => CatalogueLoader.Load(path, RegisteredProbes.Find);

    [Fact]
    public void The_coverage_table_lists_every_indicator_of_the_index_with_probes_or_a_human_only_reason()
    {
        var coverage = Load(TestPaths.CatalogueFile).Coverage();
        Assert.Equal(IndexModel.AllIndicators.Select(x => x.Indicator).Order(), coverage.Select(r => r.Indicator).Order());
        Assert.All(coverage, r => Assert.True(r.Probes.Count > 0 || !string.IsNullOrWhiteSpace(r.HumanOnlyReason), r.Indicator));
        Assert.Contains(coverage, r => r.Indicator == "用户优选意愿" && r.HumanOnlyReason is not null);
        Assert.Contains(coverage, r => r.Indicator == "多用户覆盖" && r.Audiences.Contains("foreign") && r.Audiences.Contains("elderly"));
    }

    [Fact]
    public void An_indicator_neither_measured_nor_declared_human_only_fails_validation()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "catalogue.yaml");
        File.WriteAllText(path, File.ReadAllText(TestPaths.CatalogueFile).Replace("  - indicator: 用户优选意愿\n    reason: preference is asked of users\n", ""));
        var ex = Assert.Throws<ManifestException>(() => Load(path));
        Assert.Contains(ex.Problems, p => p.ToString().Contains("index indicator '用户优选意愿' (爱用) is neither mapped to a probe nor declared under human_only"));
    }

    [Fact]
    public void An_unknown_evaluator_group_names_its_row_and_column_and_nothing_is_imported()
    {
        string[] header = ["report_year", "province", "grade", "scope", "evaluator_group"];
        var (evaluations, errors) = HumanScoreValidator.Validate(header,
        [
            new ScoreFileRow(2, new Dictionary<string, string> { ["report_year"] = "2024", ["province"] = "浙江", ["grade"] = "A", ["scope"] = "可用", ["evaluator_group"] = "外籍" }),
            new ScoreFileRow(3, new Dictionary<string, string> { ["report_year"] = "2024", ["province"] = "浙江", ["grade"] = "A", ["scope"] = "可用", ["evaluator_group"] = "火星人" }),
        ]);
        Assert.Empty(evaluations);
        Assert.Contains(errors.Select(e => e.Format("s.csv")), t => t.StartsWith("s.csv: row 3, column 'evaluator_group': '火星人' is not an evaluator group"));
    }

    [Theory]
    [InlineData("外籍", "foreign")]
    [InlineData("老年", "elderly")]
    [InlineData("残障", "disabled")]
    [InlineData("青年", "young")]
    [InlineData("少数民族语言", "ethnic-language")]
    public void Chinese_group_names_are_aliases(string alias, string code) => Assert.Equal(code, IndexModel.NormaliseEvaluatorGroup(alias));

    [Fact]
    public void A_probe_with_an_audience_is_set_beside_its_groups_grade_and_the_level_used_is_shown()
    {
        var catalogue = Load(TestPaths.CatalogueFile);
        var portal = new PortalManifest { Id = "zhejiang", Province = "浙江", Platform = "浙里办", EntryUrl = new Uri("https://www.zjzwfw.gov.cn/") };
        HumanEvaluation H(string grade, string? group) => new() { ReportYear = 2025, Province = "浙江", Layer = "可用", Grade = grade, EvaluatorGroup = group };
        var report = Comparison.Build(2025, [H("A", null), H("C", "foreign")], [portal], catalogue.Entries, (_, _) => null);
        var english = report.Rows.Single(r => r.ProbeKey == "english-mode");
        Assert.Equal("C", english.Human!.Grade);
        Assert.Equal("layer/foreign", english.HumanLevel);
        var search = report.Rows.Single(r => r.ProbeKey == "gov-identity");
        Assert.Null(search.Human); // 敢用 has no grade here
        Assert.Equal("A", report.Rows.Single(r => r.ProbeKey == "offline-channels").Human!.Grade); // all evaluators
    }
}
