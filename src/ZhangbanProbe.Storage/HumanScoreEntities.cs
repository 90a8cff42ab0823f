namespace ZhangbanProbe.Storage;

/// <summary>One imported human evaluation (体验官 grade or score), with where it came from.</summary>
public sealed class HumanEvaluationRow
{
    public long Id { get; set; }
    public int ReportYear { get; set; }
    public string Province { get; set; } = "";
    public string Platform { get; set; } = "";
    public string? Layer { get; set; }
    public string? IndexIndicator { get; set; }
    public string? Grade { get; set; }
    public double? Score { get; set; }
    public string? EvaluatorGroup { get; set; }
    public int? Rank { get; set; }
    public string Notes { get; set; } = "";
    public string Source { get; set; } = "";
    /// <summary>Hash of the row's content; unique, so importing the same row again adds nothing.</summary>
    public string ContentKey { get; set; } = "";
    public DateTime ImportedAtUtc { get; set; }
    public string ImportFile { get; set; } = "";
}
