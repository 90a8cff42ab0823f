using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Definitions;

/// <summary>Parses and validates <c>steps:</c> lists of manifest hints, with file:line:col problems.</summary>
public static class StepScriptParser
{
    public const int MaxSteps = 30;

    private static readonly HashSet<string> LocatorKeys = ["selector", "role", "name", "text", "label", "placeholder"];
    private static readonly HashSet<string> OtherKeys = ["value", "key", "url", "timeout"];

    /// <summary>WAI-ARIA roles Playwright's getByRole accepts.</summary>
    public static readonly HashSet<string> AriaRoles =
    [
        "alert", "alertdialog", "application", "article", "banner", "blockquote", "button", "caption", "cell", "checkbox", "code",
        "columnheader", "combobox", "complementary", "contentinfo", "definition", "deletion", "dialog", "directory", "document",
        "emphasis", "feed", "figure", "form", "generic", "grid", "gridcell", "group", "heading", "img", "insertion", "link", "list",
        "listbox", "listitem", "log", "main", "marquee", "math", "meter", "menu", "menubar", "menuitem", "menuitemcheckbox",
        "menuitemradio", "navigation", "none", "note", "option", "paragraph", "presentation", "progressbar", "radio", "radiogroup",
        "region", "row", "rowgroup", "rowheader", "scrollbar", "search", "searchbox", "separator", "slider", "spinbutton", "status",
        "strong", "subscript", "superscript", "switch", "tab", "table", "tablist", "tabpanel", "term", "textbox", "time", "timer",
        "toolbar", "tooltip", "tree", "treegrid", "treeitem",
    ];

    public static IReadOnlyList<ScriptStep> Parse(string path, string probeKey, YamlNode node, IReadOnlyCollection<string> allowedHosts, List<ManifestProblem> problems)
    {
        void Problem(YamlNode at, string message) => problems.Add(new(path, (int)at.Start.Line, (int)at.Start.Column, $"hints.{probeKey}.steps: {message}"));
        var steps = new List<ScriptStep>();
        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            Problem(node, "must be a non-empty list of steps (open, click, fill, press, select, submit, wait, read)");
            return steps;
        }
        if (seq.Children.Count > MaxSteps) Problem(seq, $"{seq.Children.Count} steps; at most {MaxSteps}");
        var filled = false;

        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode map || map.Children.Count != 1 || map.Children.Keys.Single() is not YamlScalarNode actionKey)
            {
                Problem(item, "each step is one action with its argument, e.g. '- click: \"#query\"'");
                continue;
            }
            var actionName = actionKey.Value ?? "";
            if (!Enum.TryParse<StepAction>(actionName, ignoreCase: true, out var action) || actionName.Any(char.IsUpper))
            {
                Problem(actionKey, $"unknown action '{actionName}' (known: open, click, fill, press, select, submit, wait, read)");
                continue;
            }
            var argument = map.Children.Values.Single();
            var line = (int)item.Start.Line;
            var (locator, fields, ok) = ReadArgument(argument, action, Problem);
            if (!ok) continue;

            TimeSpan? timeout = null;
            if (fields.TryGetValue("timeout", out var t))
            {
                if (t.Value is { } tv && ProbeSettings.TryParseDuration(tv, out var d) && d > TimeSpan.Zero && d <= TimeSpan.FromMinutes(2)) timeout = d;
                else Problem(t.Node, $"timeout '{t.Value}' must be a duration up to 2m, such as 5s");
            }
            string? value = null;
            switch (action)
            {
                case StepAction.Open:
                    var url = fields.TryGetValue("url", out var u) ? u : default;
                    if (url.Value is null) { Problem(argument, "open needs a URL (relative to the entry page, or on a host this manifest names)"); continue; }
                    // A path first: on Unix, "/x" parses as an absolute file URI.
                    // "//host/x" and "/\\host" are other hosts, not paths.
                    if (url.Value.StartsWith("//", StringComparison.Ordinal) || url.Value.StartsWith("/\\", StringComparison.Ordinal))
                    { Problem(url.Node, $"'{url.Value}' names another host: open takes a path starting with a single / or a URL on a host of this portal"); continue; }
                    if (url.Value.StartsWith('/')) { }
                    else if (Uri.TryCreate(url.Value, UriKind.Absolute, out var abs))
                    {
                        if (abs.Scheme is not ("http" or "https")) { Problem(url.Node, $"'{url.Value}' is not an http(s) URL"); continue; }
                        if (!allowedHosts.Contains(abs.Host, StringComparer.OrdinalIgnoreCase))
                        { Problem(url.Node, $"'{abs.Host}' is not a host of this portal ({string.Join(", ", allowedHosts)}): scripts stay on the portal"); continue; }
                    }
                    else { Problem(url.Node, $"'{url.Value}' must be an absolute URL or a path starting with /"); continue; }
                    value = url.Value;
                    break;
                case StepAction.Fill or StepAction.Select:
                    if (!fields.TryGetValue("value", out var v)) { Problem(argument, $"{actionName} needs a value (placeholders: {{case_number}}, {{term}})"); continue; }
                    value = v.Value;
                    break;
                case StepAction.Press:
                    value = fields.TryGetValue("key", out var k) ? k.Value : "Enter";
                    break;
                case StepAction.Wait:
                    if (fields.TryGetValue("url", out var w)) value = w.Value;
                    if (locator is null && value is null) { Problem(argument, "wait needs a locator, text or url"); continue; }
                    break;
            }
            if (action is StepAction.Click or StepAction.Fill or StepAction.Press or StepAction.Select or StepAction.Read && locator is null)
            {
                Problem(argument, $"{actionName} needs a locator: a selector string, or selector/role/text/label/placeholder");
                continue;
            }
            if (action == StepAction.Submit && locator is null && !filled)
            {
                Problem(argument, "submit without a locator presses Enter in the last filled field: put a fill before it, or give a locator");
                continue;
            }
            filled |= action == StepAction.Fill;
            steps.Add(new ScriptStep(action, locator, value, timeout, path, line));
        }
        return steps;
    }

    private static (StepLocator?, Dictionary<string, (string? Value, YamlNode Node)>, bool) ReadArgument(YamlNode argument, StepAction action, Action<YamlNode, string> problem)
    {
        var fields = new Dictionary<string, (string? Value, YamlNode Node)>();
        if (argument is YamlScalarNode scalar)
        {
            var text = scalar.Value?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (action == StepAction.Submit) return (null, fields, true); // submit: press Enter in the last filled field
                problem(argument, $"{action.ToString().ToLowerInvariant()} needs an argument");
                return (null, fields, false);
            }
            if (action == StepAction.Open) { fields["url"] = (text, argument); return (null, fields, true); }
            return (new StepLocator(Selector: text), fields, true);
        }
        if (argument is not YamlMappingNode map)
        {
            problem(argument, "a step's argument is a selector string or a mapping (selector, role, name, text, label, placeholder, value, key, url, timeout)");
            return (null, fields, false);
        }
        var ok = true;
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (!LocatorKeys.Contains(key) && !OtherKeys.Contains(key))
            {
                problem(k, $"unknown key '{key}' (known: {string.Join(", ", LocatorKeys.Concat(OtherKeys))})");
                ok = false;
                continue;
            }
            if (v is not YamlScalarNode s) { problem(v, $"'{key}' must be a single value"); ok = false; continue; }
            fields[key] = (s.Value, v);
        }
        var given = LocatorKeys.Where(fields.ContainsKey).Except(["name"]).ToList();
        if (given.Count > 1) { problem(map, $"give one of selector, role, text, label, placeholder (got {string.Join(", ", given)})"); ok = false; }
        if (fields.ContainsKey("name") && !fields.ContainsKey("role")) { problem(fields["name"].Node, "'name' goes with 'role'"); ok = false; }
        if (fields.TryGetValue("role", out var role) && !AriaRoles.Contains(role.Value ?? ""))
        { problem(role.Node, $"'{role.Value}' is not an ARIA role (e.g. button, link, textbox, searchbox, combobox)"); ok = false; }
        StepLocator? locator = given.Count == 0 ? null : new StepLocator(
            fields.GetValueOrDefault("selector").Value, fields.GetValueOrDefault("role").Value, fields.GetValueOrDefault("name").Value,
            fields.GetValueOrDefault("text").Value, fields.GetValueOrDefault("label").Value, fields.GetValueOrDefault("placeholder").Value);
        return (locator, fields, ok);
    }
}
