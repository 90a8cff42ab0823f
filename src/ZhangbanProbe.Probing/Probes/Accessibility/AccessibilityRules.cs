using ZhangbanProbe.Core.Outcomes;

namespace ZhangbanProbe.Probing.Probes.Accessibility;

/// <summary>axe-core's findings, counted by impact; "needs review" items kept apart.</summary>
public sealed record AxeCounts(int Critical, int Serious, int Moderate, int Minor, int Nodes, int NeedsReview, IReadOnlyList<string> Rules);

public static class AccessibilityRules
{
    /// <summary>
    /// No WCAG A/AA violations: pass. Only moderate or minor ones: degraded. Critical or serious ones: fail.
    /// "Needs review" items never decide: axe could not tell, and neither can we without a human.
    /// </summary>
    public static (Outcome, Reason, string) Judge(AxeCounts c)
    {
        var summary = $"violations by impact: critical {c.Critical}, serious {c.Serious}, moderate {c.Moderate}, minor {c.Minor} ({c.Nodes} elements); needs review {c.NeedsReview}";
        if (c.Rules.Count > 0) summary += "; rules: " + string.Join(", ", c.Rules.Take(10));
        if (c.Critical + c.Serious > 0) return (Outcome.Fail, Reason.A11yViolations, summary);
        if (c.Moderate + c.Minor > 0) return (Outcome.Degraded, Reason.A11yViolations, summary);
        return (Outcome.Pass, Reason.Ok, summary);
    }
}
