using System.Globalization;

namespace ZhangbanProbe.Core.HumanScores;

/// <summary>One data row of a score file: its 1-based row number in the file (header = 1) and its cells by column.</summary>
public sealed record ScoreFileRow(int Row, IReadOnlyDictionary<string, string> Cells);

/// <summary>A problem in a score file, by row and column.</summary>
public sealed record ScoreFileError(int Row, string Column, string Reason)
{
    public string Format(string path) => Column.Length == 0 ? $"{path}: row {Row}: {Reason}" : $"{path}: row {Row}, column '{Column}': {Reason}";
}

/// <summary>
/// Validates every row of a score file before anything is written (the import is all-or-nothing) and turns
/// valid rows into <see cref="HumanEvaluation"/>s. Pure: the file readers hand it rows.
/// </summary>
public static class HumanScoreValidator
{
    public static readonly string[] KnownColumns =
        ["report_year", "province", "platform", "scope", "layer", "indicator", "grade", "score", "rank", "evaluator_group", "notes", "source"];

    public static (IReadOnlyList<HumanEvaluation> Evaluations, IReadOnlyList<ScoreFileError> Errors) Validate(
        IReadOnlyList<string> header, IReadOnlyList<ScoreFileRow> rows)
    {
        var errors = new List<ScoreFileError>();
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var c in columns.Where(c => !KnownColumns.Contains(c)))
            errors.Add(new(1, c, $"unknown column (known: {string.Join(", ", KnownColumns)})"));
        foreach (var required in new[] { "report_year", "province" })
            if (!columns.Contains(required)) errors.Add(new(1, required, "required column is missing"));
        if (!columns.Contains("grade") && !columns.Contains("score") && !columns.Contains("rank")) errors.Add(new(1, "grade", "a 'grade', 'score' or 'rank' column is needed"));
        if (errors.Count > 0) return ([], errors);

        var evaluations = new List<HumanEvaluation>();
        var seen = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            string Cell(string c) => row.Cells.TryGetValue(c, out var v) ? v.Trim() : "";
            var before = errors.Count;

            int year = 0;
            if (!int.TryParse(Cell("report_year"), NumberStyles.Integer, CultureInfo.InvariantCulture, out year) || year < 2021 || year > 2100)
                errors.Add(new(row.Row, "report_year", $"'{Cell("report_year")}' is not a report year (2021 or later)"));

            var province = IndexModel.NormaliseProvince(Cell("province"));
            if (province is null)
                errors.Add(new(row.Row, "province", $"unknown province '{Cell("province")}' (expected one of the 31 provinces or 新疆生产建设兵团, e.g. 浙江 or 浙江省)"));

            string? grade = Cell("grade").Replace('＋', '+').Replace('－', '-').Replace('–', '-').ToUpperInvariant();
            if (grade.Length == 0) grade = null;
            else if (!IndexModel.Grades.Contains(grade))
                errors.Add(new(row.Row, "grade", $"'{Cell("grade")}' is not a grade ({string.Join(", ", IndexModel.Grades)})"));

            double? score = null;
            if (Cell("score").Length > 0)
            {
                if (double.TryParse(Cell("score"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is >= 0 and <= 100) score = s;
                else errors.Add(new(row.Row, "score", $"'{Cell("score")}' is not a score from 0 to 100"));
            }
            int? rank = null;
            if (Cell("rank").Length > 0)
            {
                if (int.TryParse(Cell("rank"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rk) && rk is >= 1 and <= 100) rank = rk;
                else errors.Add(new(row.Row, "rank", $"'{Cell("rank")}' is not a rank (1 = best)"));
            }
            if (grade is null && score is null && rank is null && Cell("grade").Length == 0 && Cell("score").Length == 0 && Cell("rank").Length == 0)
                errors.Add(new(row.Row, "grade", "neither a grade, a score nor a rank is given"));

            // Scope: 'overall', a layer, or an index indicator; or the layer / indicator columns.
            string? layer = null, indicator = null;
            var scope = Cell("scope");
            var layerCell = Cell("layer");
            var indicatorCell = Cell("indicator");
            if (indicatorCell.Length > 0 || (scope.Length > 0 && scope != "overall" && IndexModel.NormaliseLayer(scope) is null))
            {
                var name = indicatorCell.Length > 0 ? indicatorCell : scope;
                indicator = IndexModel.CanonicalIndicator(name);
                if (indicator is null)
                    errors.Add(new(row.Row, indicatorCell.Length > 0 ? "indicator" : "scope", $"'{name}' is neither 'overall', a layer (可用, 管用, 好用, 爱用, 敢用) nor an index indicator"));
                else layer = IndexModel.LayerOf(indicator) is { Length: > 0 } l ? l : null;
            }
            else if (layerCell.Length > 0 || (scope.Length > 0 && scope != "overall"))
            {
                var name = layerCell.Length > 0 ? layerCell : scope;
                layer = IndexModel.NormaliseLayer(name);
                if (layer is null) errors.Add(new(row.Row, layerCell.Length > 0 ? "layer" : "scope", $"'{name}' is not a layer (可用, 管用, 好用, 爱用, 敢用)"));
            }
            if (layerCell.Length > 0 && indicator is not null && IndexModel.NormaliseLayer(layerCell) is { } given && layer is not null && given != layer)
                errors.Add(new(row.Row, "layer", $"indicator '{indicator}' belongs to layer {layer}, not {given}"));

            // Evaluator groups are a closed vocabulary (青年, 老年, 外籍, 残障, 少数民族语言); empty or 全体 means all evaluators.
            string? group = null;
            var groupCell = Cell("evaluator_group");
            if (groupCell.Length > 0 && groupCell is not ("全体" or "all" or "全部"))
            {
                group = IndexModel.NormaliseEvaluatorGroup(groupCell);
                if (group is null)
                    errors.Add(new(row.Row, "evaluator_group", $"'{groupCell}' is not an evaluator group (青年, 老年, 外籍, 残障, 少数民族语言; or young, elderly, foreign, disabled, ethnic-language)"));
            }

            if (errors.Count > before) continue;
            var evaluation = new HumanEvaluation
            {
                ReportYear = year,
                Province = province!,
                Platform = Cell("platform"),
                Layer = layer,
                IndexIndicator = indicator,
                Grade = grade,
                Score = score,
                EvaluatorGroup = group,
                Rank = rank,
                Notes = Cell("notes"),
                Source = Cell("source"),
            };
            if (seen.TryGetValue(evaluation.Identity, out var firstRow))
            {
                errors.Add(new(row.Row, "", $"duplicates row {firstRow} (same year, province, platform, scope and evaluator group)"));
                continue;
            }
            seen[evaluation.Identity] = row.Row;
            evaluations.Add(evaluation);
        }
        return errors.Count > 0 ? ([], errors) : (evaluations, errors);
    }
}
