using ZhangbanProbe.Core.HumanScores;

namespace ZhangbanProbe.Tests.HumanScores;

[Trait("Category", "Unit")]
public class HumanScoreValidatorTests
{
    private static readonly string[] Header = ["report_year", "province", "platform", "grade", "scope", "source"];

    private static ScoreFileRow Row(int n, params string[] cells) =>
        new(n, Header.Zip(cells).ToDictionary(p => p.First, p => p.Second));

    [Fact]
    public void An_invalid_grade_an_unknown_province_and_a_duplicated_row_are_all_reported_and_nothing_is_kept()
    {
        var (evaluations, errors) = HumanScoreValidator.Validate(Header,
        [
            Row(2, "2023", "浙江", "浙里办", "A+", "overall", "seed"),
            Row(3, "2023", "上海", "随申办", "A++", "overall", "seed"),
            Row(4, "2023", "亚特兰蒂斯", "x", "A", "overall", "seed"),
            Row(5, "2023", "浙江省", "浙里办", "A", "overall", "other source"),
        ]);
        Assert.Empty(evaluations);
        var text = errors.Select(e => e.Format("f.csv")).ToList();
        Assert.Equal(3, text.Count);
        Assert.Contains("f.csv: row 3, column 'grade': 'A++' is not a grade (A+, A, A-, B+, B, B-, C+, C, C-, D)", text);
        Assert.Contains(text, t => t.StartsWith("f.csv: row 4, column 'province': unknown province '亚特兰蒂斯'"));
        Assert.Contains("f.csv: row 5: duplicates row 2 (same year, province, platform, scope and evaluator group)", text);
    }

    [Fact]
    public void Province_names_layers_and_indicators_are_normalised()
    {
        string[] header = ["report_year", "province", "scope", "score", "evaluator_group"];
        var rows = new[]
        {
            new ScoreFileRow(2, new Dictionary<string, string> { ["report_year"] = "2024", ["province"] = "广西壮族自治区", ["scope"] = "便利性", ["score"] = "81.5", ["evaluator_group"] = "Elderly" }),
            new ScoreFileRow(3, new Dictionary<string, string> { ["report_year"] = "2024", ["province"] = "兵团", ["scope"] = "码上服务与通行", ["score"] = "60" }),
        };
        var (e, errors) = HumanScoreValidator.Validate(header, rows);
        Assert.Empty(errors);
        Assert.Equal(("广西", "好用", null, 81.5, "elderly"), (e[0].Province, e[0].Layer, e[0].IndexIndicator, e[0].Score!.Value, e[0].EvaluatorGroup));
        Assert.Equal(("新疆生产建设兵团", "好用", "“码上”服务与通行"), (e[1].Province, e[1].Layer, e[1].IndexIndicator));
    }

    [Fact]
    public void Unknown_columns_and_missing_required_columns_are_named()
    {
        var (_, errors) = HumanScoreValidator.Validate(["year", "province", "grade"], []);
        var text = errors.Select(e => e.Format("f.csv")).ToList();
        Assert.Contains(text, t => t.StartsWith("f.csv: row 1, column 'year': unknown column"));
        Assert.Contains("f.csv: row 1, column 'report_year': required column is missing", text);
    }

    [Fact]
    public void Scores_out_of_range_and_unknown_scopes_are_rejected()
    {
        string[] header = ["report_year", "province", "scope", "score"];
        var (_, errors) = HumanScoreValidator.Validate(header,
        [
            new ScoreFileRow(2, new Dictionary<string, string> { ["report_year"] = "2024", ["province"] = "北京", ["scope"] = "overall", ["score"] = "101" }),
            new ScoreFileRow(3, new Dictionary<string, string> { ["report_year"] = "2024", ["province"] = "北京", ["scope"] = "颜值", ["score"] = "70" }),
            new ScoreFileRow(4, new Dictionary<string, string> { ["report_year"] = "1999", ["province"] = "北京", ["scope"] = "overall", ["score"] = "70" }),
        ]);
        Assert.Equal([2, 3, 4], errors.Select(e => e.Row).ToArray());
        Assert.Equal(["score", "scope", "report_year"], errors.Select(e => e.Column).ToArray());
    }
}

[Trait("Category", "Unit")]
public class AgreementTests
{
    [Fact]
    public void Spearman_matches_hand_computed_values()
    {
        // One swapped pair in five: rho = 1 - 6·Σd²/(n(n²-1)) = 1 - 6·2/120 = 0.9.
        var r = Agreement.Spearman([(1, 1), (2, 2), (3, 3), (4, 5), (5, 4)]);
        Assert.Equal((5, 0.9, ""), (r.N, r.Rho!.Value, r.Warning));
        // Reversed: -1.
        Assert.Equal(-1, Agreement.Spearman([(1, 5), (2, 4), (3, 3), (4, 2), (5, 1)]).Rho);
        // Ties take average ranks: human ranks (1.5, 1.5, 3, 4) vs (1, 2, 3, 4): 4.5 / √(4.5·5) = 0.9487.
        var tied = Agreement.Spearman([(1, 1), (1, 2), (2, 3), (3, 4)]);
        Assert.Equal(0.9487, tied.Rho);
        Assert.Contains("too small", tied.Warning); // n = 4
    }

    [Fact]
    public void Degenerate_inputs_say_why_there_is_no_number()
    {
        Assert.Null(Agreement.Spearman([(1, 1)]).Rho);
        var allTied = Agreement.Spearman([(1, 1), (1, 2), (1, 3), (1, 4), (1, 5)]);
        Assert.Null(allTied.Rho);
        Assert.Contains("tie", allTied.Warning);
    }

    [Fact]
    public void Average_ranks()
    {
        Assert.Equal([2.5, 1, 2.5, 4], Agreement.Ranks([5, 1, 5, 9]));
    }
}
