using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.ProgressQuery;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record ProgressQuerySettings
{
    [Setting("answer_budget", "No status or not-found text by then: fail (no-answer)", Min = "1s", Max = "2m")]
    public TimeSpan AnswerBudget { get; init; } = TimeSpan.FromSeconds(10);
}
