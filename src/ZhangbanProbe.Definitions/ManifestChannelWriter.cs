using System.Text.RegularExpressions;

namespace ZhangbanProbe.Definitions;

/// <summary>
/// Writes one fact into a manifest's text — <c>access_channels.app.ios_app_store_id</c> — keeping every other line and
/// comment as the researcher wrote them. Pure text in, text out; the caller validates the result before saving.
/// </summary>
public static partial class ManifestChannelWriter
{
    public sealed record Edit(string Text, string? Replaced);

    /// <param name="comment">Written after the value, on its line (the source: who confirmed it, and when).</param>
    public static Edit SetIosAppStoreId(string text, string id, string comment)
    {
        if (!IdShape().IsMatch(id)) throw new ArgumentException($"'{id}' is not an App Store id (6 to 12 digits)", nameof(id));
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[^1] == "") lines.RemoveAt(lines.Count - 1);
        var clean = comment.Replace('\n', ' ').Replace('\r', ' ');
        string Line(int indent) => $"{new string(' ', indent)}ios_app_store_id: \"{id}\"  # {clean}";

        var top = lines.FindIndex(l => TopKey().Match(l) is { Success: true } m && m.Groups[1].Value == "access_channels");
        string? replaced = null;
        if (top < 0)
        {
            lines.AddRange(["access_channels:", "  app:", Line(4)]);
        }
        else
        {
            var end = BlockEnd(lines, top, 0);
            var app = FindChild(lines, top + 1, end, "app", out var appIndent);
            if (app < 0)
            {
                var indent = ChildIndent(lines, top + 1, end) ?? 2;
                lines.InsertRange(top + 1, [$"{new string(' ', indent)}app:", Line(indent + 2)]);
            }
            else
            {
                var appEnd = BlockEnd(lines, app, appIndent);
                var existing = FindChild(lines, app + 1, appEnd, "ios_app_store_id", out var idIndent);
                if (existing >= 0)
                {
                    replaced = ValueOf().Match(lines[existing]) is { Success: true } v ? v.Groups[1].Value : lines[existing].Trim();
                    lines[existing] = Line(idIndent);
                }
                else lines.Insert(app + 1, Line(ChildIndent(lines, app + 1, appEnd) ?? appIndent + 2));
            }
        }
        return new(string.Join(newline, lines) + newline, replaced);
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;
    private static bool Blank(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');

    // The first line after start that is indented no deeper than the block's own key.
    private static int BlockEnd(List<string> lines, int start, int indent)
    {
        for (var i = start + 1; i < lines.Count; i++)
            if (!Blank(lines[i]) && Indent(lines[i]) <= indent) return i;
        return lines.Count;
    }

    private static int? ChildIndent(List<string> lines, int from, int to)
    {
        for (var i = from; i < to; i++) if (!Blank(lines[i])) return Indent(lines[i]);
        return null;
    }

    private static int FindChild(List<string> lines, int from, int to, string key, out int indent)
    {
        var childIndent = ChildIndent(lines, from, to);
        indent = childIndent ?? 0;
        for (var i = from; i < to; i++)
            if (!Blank(lines[i]) && Indent(lines[i]) == childIndent && lines[i].TrimStart().StartsWith(key + ":", StringComparison.Ordinal)) return i;
        return -1;
    }

    [GeneratedRegex(@"^\d{6,12}$")] private static partial Regex IdShape();
    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*):")] private static partial Regex TopKey();
    [GeneratedRegex(@"ios_app_store_id:\s*[""']?(\d+)")] private static partial Regex ValueOf();
}
