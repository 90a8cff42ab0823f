using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.Search;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record SearchSettings
{
    [Setting("term", "The high-frequency item searched for (社保; 公积金 and 身份证 are others)")]
    public string Term { get; init; } = "社保";

    [Setting("answer_budget", "Nothing shown by then: fail (no-answer)", Min = "1s", Max = "2m")]
    public TimeSpan AnswerBudget { get; init; } = TimeSpan.FromSeconds(8);
}
