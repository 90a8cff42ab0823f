using System.Security.Cryptography;
using System.Text;

namespace ZhangbanProbe.Core.HumanScores;

/// <summary>
/// One human evaluation from a 掌办指数 edition: a platform graded overall, on a layer, or on one index indicator,
/// by all 体验官 or one evaluator group.
/// </summary>
public sealed record HumanEvaluation
{
    public required int ReportYear { get; init; }
    public required string Province { get; init; }
    public string Platform { get; init; } = "";
    /// <summary>The layer (可用 … 敢用), or null for an overall evaluation.</summary>
    public string? Layer { get; init; }
    /// <summary>The index indicator, or null for an overall or layer evaluation.</summary>
    public string? IndexIndicator { get; init; }
    public string? Grade { get; init; }
    public double? Score { get; init; }
    /// <summary>young, elderly, foreign, ... or null for all evaluators.</summary>
    public string? EvaluatorGroup { get; init; }
    /// <summary>The published rank (1 = best) in the evaluation's scope (overall or a layer), when the report gives one.</summary>
    public int? Rank { get; init; }
    public string Notes { get; init; } = "";
    public string Source { get; init; } = "";

    /// <summary>overall, a layer, or an index indicator: what the grade is about.</summary>
    public string Scope => IndexIndicator ?? Layer ?? "overall";

    /// <summary>A stable identity of the row's content: importing the same row twice adds nothing.</summary>
    public string ContentKey
    {
        get
        {
            var text = string.Join("\u001f", ReportYear, Province, Platform, Layer, IndexIndicator, Grade, Score?.ToString("R", System.Globalization.CultureInfo.InvariantCulture), EvaluatorGroup, Source, Notes)
                + (Rank is { } r ? "\u001frank" + r.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
        }
    }

    /// <summary>The identity of what is evaluated (two rows with the same identity in one file are a duplicate).</summary>
    public string Identity => string.Join("|", ReportYear, Province, Platform, Scope, EvaluatorGroup);
}
