using System.Text.RegularExpressions;

namespace ZhangbanProbe.Probing.Pages;

/// <summary>Something on a page a user can activate: a link, a button, a select option, or a head alternate link.</summary>
public sealed record Clickable(int Index, string Tag, string Text, string Href, string HrefLang, string Title, string Aria, string Alt, string Target, bool Visible)
{
    /// <summary>Every label a user or a screen reader sees.</summary>
    public IEnumerable<string> Labels => new[] { Text, Title, Aria, Alt }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim());

    public bool NavigatesByHref => Href.StartsWith("http", StringComparison.OrdinalIgnoreCase) && Tag is "a" or "link";

    public override string ToString() => $"<{Tag}> '{Labels.FirstOrDefault() ?? ""}'{(Href.Length > 0 ? $" → {Href}" : "")}";
}

/// <summary>Pure matching of clickables against label patterns, so heuristics are tested without a browser.</summary>
public static class ClickableMatcher
{
    /// <summary>
    /// The best visible clickable whose label matches one of the patterns (earlier patterns win). Hidden ones never
    /// count (one visibility rule: what a user of the profile can see); <see cref="FindHidden"/> names them for the detail.
    /// </summary>
    public static Clickable? Find(IReadOnlyList<Clickable> all, IReadOnlyList<Regex> labelPatterns, Func<Clickable, bool>? extra = null) =>
        Match(all.Where(c => c.Visible).ToList(), labelPatterns, extra);

    /// <summary>A matching clickable that is on the page but hidden from the profile's user (reported, never counted).</summary>
    public static Clickable? FindHidden(IReadOnlyList<Clickable> all, IReadOnlyList<Regex> labelPatterns) =>
        Match(all.Where(c => !c.Visible && c.Tag != "link").ToList(), labelPatterns, null);

    /// <summary>" (a hidden … is on the page, not visible in this profile)" when there is one, else "".</summary>
    public static string HiddenNote(IReadOnlyList<Clickable> all, IReadOnlyList<Regex> labelPatterns) =>
        FindHidden(all, labelPatterns) is { } h ? $" (a hidden {h} is on the page, not visible in this profile: not counted)" : "";

    private static Clickable? Match(IReadOnlyList<Clickable> candidates, IReadOnlyList<Regex> labelPatterns, Func<Clickable, bool>? extra)
    {
        for (var p = 0; p < labelPatterns.Count; p++)
        {
            var match = candidates.FirstOrDefault(c => c.Tag != "link" && c.Labels.Any(l => labelPatterns[p].IsMatch(l)));
            if (match is not null) return match;
        }
        return extra is null ? null : candidates.FirstOrDefault(extra);
    }
}
