using System.Text.RegularExpressions;

namespace ZhangbanProbe.Probing.Pages;

/// <summary>Something on a page a user can activate: a link, a button, a select option, or a head alternate link.</summary>
public sealed record Clickable(int Index, string Tag, string Text, string Href, string HrefLang, string Title, string Aria, string Alt, string Target, bool Visible)
{
    /// <summary>Every label a user or a screen reader sees.</summary>
    public IEnumerable<string> Labels => new[] { Text, Title, Aria, Alt }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim());

    public bool NavigatesByHref => Href.StartsWith("http", StringComparison.OrdinalIgnoreCase) && Tag is "a" or "link";

    public override string ToString() => $"<{Tag}> '{Text}'{(Href.Length > 0 ? $" → {Href}" : "")}";
}

/// <summary>Pure matching of clickables against label patterns, so heuristics are tested without a browser.</summary>
public static class ClickableMatcher
{
    /// <summary>The best clickable whose label matches one of the patterns (earlier patterns win; visible before hidden).</summary>
    public static Clickable? Find(IReadOnlyList<Clickable> all, IReadOnlyList<Regex> labelPatterns, Func<Clickable, bool>? extra = null)
    {
        for (var p = 0; p < labelPatterns.Count; p++)
        {
            var match = all.Where(c => c.Tag != "link" && c.Labels.Any(l => labelPatterns[p].IsMatch(l)))
                .OrderByDescending(c => c.Visible).FirstOrDefault();
            if (match is not null) return match;
        }
        return extra is null ? null : all.Where(extra).OrderByDescending(c => c.Visible).FirstOrDefault();
    }
}
