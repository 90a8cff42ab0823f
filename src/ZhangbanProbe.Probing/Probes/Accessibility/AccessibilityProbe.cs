using ZhangbanProbe.Core.Catalogue;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.Accessibility;

/// <summary>
/// <c>accessibility</c>: axe-core (Deque.AxeCore.Playwright) on the entry page, WCAG 2.x A and AA rules;
/// violations counted by impact, "needs review" items kept apart. It informs 多用户覆盖: elderly and disabled
/// users depend on labels, contrast and structure. axe finds roughly half of WCAG issues: a pass is "no
/// automatically detectable violations", not "accessible".
/// </summary>
public sealed class AccessibilityProbe : IIndicatorProbe
{
    public const string ProbeKey = "accessibility";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("无障碍", "accessibility"),
        SettingsSchema.Of<NoSettings>(),
        []) { ReadsEntryOnly = true };

    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var (opened, stop) = await PageTools.OpenEntryAsync(context);
        if (stop is not null) return stop;
        var result = await opened.Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
        });
        int Count(string impact) => result.Violations.Count(v => string.Equals(v.Impact, impact, StringComparison.OrdinalIgnoreCase));
        var counts = new AxeCounts(Count("critical"), Count("serious"), Count("moderate"), Count("minor"),
            result.Violations.Sum(v => v.Nodes?.Length ?? 0), result.Incomplete.Length,
            result.Violations.Select(v => $"{v.Id} ({v.Impact}, {v.Nodes?.Length ?? 0})").ToList());
        var (outcome, reason, detail) = AccessibilityRules.Judge(counts);
        var shot = await context.ScreenshotAsync(opened.Page, "entry");
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail, Urls = opened.Urls,
            Value = result.Violations.Length, Unit = "violations",
            Measurements =
            [
                new("critical", counts.Critical, "rules"), new("serious", counts.Serious, "rules"),
                new("moderate", counts.Moderate, "rules"), new("minor", counts.Minor, "rules"),
                new("violating_elements", counts.Nodes, "count"), new("needs_review", counts.NeedsReview, "rules"),
            ],
            Evidence = shot is null ? [] : [shot],
        };
    }
}
