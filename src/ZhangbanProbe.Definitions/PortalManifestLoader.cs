using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Definitions;

/// <summary>
/// Reads and validates portal manifests (one YAML file per platform). Collects every problem with its
/// file, line and column, so a maintainer fixes them all in one pass; returns no portals when any is found.
/// </summary>
public static class PortalManifestLoader
{
    private static readonly HashSet<string> KnownKeys =
        ["id", "province", "platform", "entry_url", "alternate_urls", "access_channels", "confidence", "group", "notes", "hints"];

    private static readonly HashSet<string> Confidences = ["high", "medium", "low"];

    public sealed record LoadResult(IReadOnlyList<PortalManifest> Portals, IReadOnlyList<ManifestProblem> Problems)
    {
        public bool IsValid => Problems.Count == 0;
    }

    /// <param name="knownProbes">Probe keys hints may be given for (null: not checked).</param>
    /// <param name="knownHints">Hint names each probe takes (null: not checked).</param>
    public static LoadResult LoadDirectory(string directory, IReadOnlyCollection<string>? knownProbes = null, IReadOnlyDictionary<string, IReadOnlyCollection<string>>? knownHints = null)
    {
        var problems = new List<ManifestProblem>();
        if (!Directory.Exists(directory))
        {
            problems.Add(new(directory, 1, 1, "portal manifest folder not found"));
            return new([], problems);
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0) problems.Add(new(directory, 1, 1, "no portal manifests (*.yaml) in this folder"));

        var portals = new List<(PortalManifest Portal, Mark IdMark)>();
        foreach (var file in files)
        {
            var (portal, idMark) = ParseFile(file, File.ReadAllText(file), problems, knownProbes, knownHints);
            if (portal is not null) portals.Add((portal, idMark));
        }

        var seen = new Dictionary<string, PortalManifest>(StringComparer.OrdinalIgnoreCase);
        foreach (var (portal, mark) in portals)
        {
            if (seen.TryGetValue(portal.Id, out var first))
                problems.Add(new(portal.SourcePath, (int)mark.Line, (int)mark.Column,
                    $"duplicate portal id '{portal.Id}' (already defined in {first.SourcePath})"));
            else seen[portal.Id] = portal;
        }

        return problems.Count > 0 ? new([], problems) : new(portals.Select(p => p.Portal).ToList(), problems);
    }

    /// <summary>Parses one manifest text; problems are appended, and null is returned when it is unusable.</summary>
    public static (PortalManifest? Portal, Mark IdMark) ParseFile(string path, string text, List<ManifestProblem> problems, IReadOnlyCollection<string>? knownProbes = null,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>>? knownHints = null)
    {
        var before = problems.Count;
        var yaml = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            yaml.Load(reader);
        }
        catch (YamlException ex)
        {
            // The parser may notice the fault only at the end of the file; point at the last real line then.
            var lines = text.Split('\n');
            var lastLine = Array.FindLastIndex(lines, l => l.Trim().Length > 0) + 1;
            var (line, col) = ex.Start.Line > lastLine ? (Math.Max(1, lastLine), 1) : ((int)ex.Start.Line, (int)ex.Start.Column);
            problems.Add(new(path, line, col, $"broken YAML: {TrimYamlMessage(ex)}"));
            return (null, Mark.Empty);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            var start = yaml.Documents.Count > 0 ? yaml.Documents[0].RootNode.Start : Mark.Empty;
            problems.Add(new(path, Math.Max(1, (int)start.Line), Math.Max(1, (int)start.Column), "a portal manifest must be a mapping of keys (id, province, entry_url, ...)"));
            return (null, Mark.Empty);
        }

        string? Scalar(string key, bool required, out Mark mark)
        {
            mark = root.Start;
            if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                if (required) problems.Add(new(path, (int)root.Start.Line, (int)root.Start.Column, $"missing required key '{key}'"));
                return null;
            }
            mark = node.Start;
            if (node is not YamlScalarNode s)
            {
                problems.Add(new(path, (int)node.Start.Line, (int)node.Start.Column, $"'{key}' must be a single value"));
                return null;
            }
            if (required && string.IsNullOrWhiteSpace(s.Value))
            {
                problems.Add(new(path, (int)node.Start.Line, (int)node.Start.Column, $"'{key}' must not be empty"));
                return null;
            }
            return s.Value?.Trim();
        }

        foreach (var key in root.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!KnownKeys.Contains(name))
                problems.Add(new(path, (int)key.Start.Line, (int)key.Start.Column,
                    $"unknown key '{name}' (known keys: {string.Join(", ", KnownKeys)})"));
        }

        var id = Scalar("id", true, out var idMark);
        if (id is not null && !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]*$"))
            problems.Add(new(path, (int)idMark.Line, (int)idMark.Column, $"id '{id}' must be lower-case letters, digits and dashes"));
        else if (id is { Length: > MaxIdLength })
            problems.Add(new(path, (int)idMark.Line, (int)idMark.Column, $"id '{id}' is longer than {MaxIdLength} characters (the result store's limit)"));
        else if (id is not null && id.StartsWith(ZhangbanProbe.Core.Runs.ReplicaIds.Prefix, StringComparison.Ordinal))
            problems.Add(new(path, (int)idMark.Line, (int)idMark.Column, $"id '{id}' starts with '{ZhangbanProbe.Core.Runs.ReplicaIds.Prefix}', which is reserved for replica portals"));
        var province = Scalar("province", true, out _);
        var platform = Scalar("platform", false, out _) ?? "";
        var entryText = Scalar("entry_url", true, out var entryMark);
        var entry = entryText is null ? null : AbsoluteUrl(entryText, "entry_url", entryMark, path, problems);
        var confidence = Scalar("confidence", false, out var confMark) ?? "high";
        if (!Confidences.Contains(confidence))
            problems.Add(new(path, (int)confMark.Line, (int)confMark.Column, $"confidence '{confidence}' must be high, medium or low"));
        var group = Scalar("group", false, out _) ?? "default";
        var notes = Scalar("notes", false, out _) ?? "";

        var alternates = new List<Uri>();
        if (root.Children.TryGetValue(new YamlScalarNode("alternate_urls"), out var altNode))
        {
            if (altNode is YamlSequenceNode seq)
            {
                foreach (var item in seq)
                {
                    if (item is YamlScalarNode s && s.Value is { } v)
                    {
                        var u = AbsoluteUrl(v, "alternate_urls", item.Start, path, problems);
                        if (u is not null) alternates.Add(u);
                    }
                    else problems.Add(new(path, (int)item.Start.Line, (int)item.Start.Column, "each alternate URL must be a single value"));
                }
            }
            else if (altNode is not YamlScalarNode { Value: null or "" })
                problems.Add(new(path, (int)altNode.Start.Line, (int)altNode.Start.Column, "'alternate_urls' must be a list of URLs"));
        }

        var channels = root.Children.TryGetValue(new YamlScalarNode("access_channels"), out var channelsNode)
            ? ParseChannels(channelsNode, path, problems) : AccessChannels.None;

        var hints = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        var steps = new Dictionary<string, IReadOnlyList<ScriptStep>>(StringComparer.OrdinalIgnoreCase);
        var hosts = new[] { entry }.Concat(alternates).Concat(channels.Urls).Where(u => u is not null).Select(u => u!.Host).ToList();
        if (root.Children.TryGetValue(new YamlScalarNode("hints"), out var hintsNode))
        {
            if (hintsNode is YamlMappingNode hm)
            {
                foreach (var (k, v) in hm.Children)
                {
                    var probeKey = ((YamlScalarNode)k).Value ?? "";
                    if (knownProbes is not null && !knownProbes.Contains(probeKey, StringComparer.OrdinalIgnoreCase))
                        problems.Add(new(path, (int)k.Start.Line, (int)k.Start.Column, $"hints for unknown probe '{probeKey}' (known: {string.Join(", ", knownProbes.Order())})"));
                    if (v is not YamlMappingNode pm)
                    {
                        problems.Add(new(path, (int)v.Start.Line, (int)v.Start.Column, $"hints for '{probeKey}' must be a mapping"));
                        continue;
                    }
                    var dict = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var (hk, hv) in pm.Children)
                    {
                        var hintName = ((YamlScalarNode)hk).Value ?? "";
                        if (knownHints is not null && knownHints.TryGetValue(probeKey, out var names) && !names.Contains(hintName, StringComparer.OrdinalIgnoreCase))
                            problems.Add(new(path, (int)hk.Start.Line, (int)hk.Start.Column,
                                $"unknown hint '{probeKey}.{hintName}' (known: {(names.Count == 0 ? "none" : string.Join(", ", names))})"));
                        if (UrlHints.Contains(hintName) && hv is YamlScalarNode { Value: { } hintUrl })
                            AbsoluteUrl(hintUrl, $"hints.{probeKey}.{hintName}", hv.Start, path, problems);
                        if (((YamlScalarNode)hk).Value == "steps")
                            steps[probeKey] = StepScriptParser.Parse(path, probeKey, hv, hosts, problems);
                        else if (hv is YamlScalarNode hs) dict[((YamlScalarNode)hk).Value ?? ""] = hs.Value ?? "";
                        else problems.Add(new(path, (int)hv.Start.Line, (int)hv.Start.Column, $"hint '{probeKey}.{((YamlScalarNode)hk).Value}' must be a single value"));
                    }
                    hints[probeKey] = dict;
                }
            }
            else if (hintsNode is not YamlScalarNode { Value: null or "" })
                problems.Add(new(path, (int)hintsNode.Start.Line, (int)hintsNode.Start.Column, "'hints' must be a mapping of probe key to hints"));
        }

        if (problems.Count > before || id is null || province is null || entry is null) return (null, idMark);

        return (new PortalManifest
        {
            Id = id,
            Province = province,
            Platform = platform,
            EntryUrl = entry,
            AlternateUrls = alternates,
            AccessChannels = channels,
            Confidence = confidence,
            Group = group,
            Notes = notes,
            Hints = hints,
            Steps = steps,
            SourcePath = path,
        }, idMark);
    }

    /// <summary>
    /// <c>access_channels:</c> — <c>web</c> and <c>h5</c> (URLs), <c>app</c> (<c>name</c> as the stores list it, <c>ios_app_store_id</c> digits,
    /// <c>android_package</c> a package name, <c>user_agent_token</c>), <c>mini_program</c> (<c>wechat</c>, <c>alipay</c>
    /// names). Every value is checked with file:line; unknown keys are refused.
    /// </summary>
    private static AccessChannels ParseChannels(YamlNode node, string path, List<ManifestProblem> problems)
    {
        void Problem(YamlNode at, string message) => problems.Add(new(path, (int)at.Start.Line, (int)at.Start.Column, message));
        if (node is YamlScalarNode { Value: null or "" }) return AccessChannels.None;
        if (node is not YamlMappingNode map)
        {
            Problem(node, "'access_channels' must be a mapping (web, h5, app, mini_program)");
            return AccessChannels.None;
        }
        Dictionary<string, YamlNode> Keys(YamlMappingNode m, string where, params string[] known)
        {
            var found = new Dictionary<string, YamlNode>();
            foreach (var (k, v) in m.Children)
            {
                var name = (k as YamlScalarNode)?.Value ?? "";
                if (!known.Contains(name)) Problem(k, $"unknown key '{where}.{name}' (known: {string.Join(", ", known)})");
                else found[name] = v;
            }
            return found;
        }
        string? Text(Dictionary<string, YamlNode> m, string key, string where, System.Text.RegularExpressions.Regex? shape, string expected)
        {
            if (!m.TryGetValue(key, out var v)) return null;
            if (v is not YamlScalarNode { Value: var text } || string.IsNullOrWhiteSpace(text))
            {
                Problem(v, $"'{where}.{key}' must be a single non-empty value (leave it out when it is not known)");
                return null;
            }
            text = text.Trim();
            if (shape is not null && !shape.IsMatch(text))
            {
                Problem(v, $"'{where}.{key}' '{text}' is not {expected}");
                return null;
            }
            return text;
        }
        var top = Keys(map, "access_channels", "web", "h5", "app", "mini_program");
        Uri? Url(string key) => top.TryGetValue(key, out var v) ? v is YamlScalarNode { Value: { } u } ? AbsoluteUrl(u, $"access_channels.{key}", v.Start, path, problems) : null : null;
        AppChannel? app = null;
        if (top.TryGetValue("app", out var appNode))
        {
            if (appNode is YamlMappingNode am)
            {
                var a = Keys(am, "access_channels.app", "name", "ios_app_store_id", "android_package", "user_agent_token");
                app = new AppChannel(
                    Text(a, "ios_app_store_id", "access_channels.app", new(@"^\d{6,12}$"), "an App Store id (6 to 12 digits, e.g. 1234567890)"),
                    Text(a, "android_package", "access_channels.app", new(@"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$"), "an Android package name (e.g. com.example.app)"),
                    Text(a, "user_agent_token", "access_channels.app", new(@"^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$"), "a user-agent token (letters, digits, _ . / -; e.g. ZLBApp/7.0)"))
                {
                    Name = Text(a, "name", "access_channels.app", new(@"^.{1,64}$"), "a name of at most 64 characters"),
                };
            }
            else Problem(appNode, "'access_channels.app' must be a mapping (name, ios_app_store_id, android_package, user_agent_token)");
        }
        MiniProgramChannel? mini = null;
        if (top.TryGetValue("mini_program", out var miniNode))
        {
            if (miniNode is YamlMappingNode mm)
            {
                var n = Keys(mm, "access_channels.mini_program", "wechat", "alipay");
                mini = new MiniProgramChannel(Text(n, "wechat", "access_channels.mini_program", new(@"^.{1,64}$"), "a name of at most 64 characters"),
                    Text(n, "alipay", "access_channels.mini_program", new(@"^.{1,64}$"), "a name of at most 64 characters"));
            }
            else Problem(miniNode, "'access_channels.mini_program' must be a mapping (wechat, alipay)");
        }
        return new AccessChannels { Web = Url("web"), H5 = Url("h5"), App = app, MiniProgram = mini };
    }

    /// <summary>The result store's limit on portal and indicator ids.</summary>
    public const int MaxIdLength = 64;

    // Hints that name a page to open: absolute http(s) only (never file:, data:, javascript:).
    private static readonly string[] UrlHints = ["url", "https_url", "http_url"];

    private static Uri? AbsoluteUrl(string text, string key, Mark mark, string path, List<ManifestProblem> problems)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host))
            return uri;
        problems.Add(new(path, (int)mark.Line, (int)mark.Column, $"'{key}' must be an absolute http(s) URL, got '{text}'"));
        return null;
    }

    private static string TrimYamlMessage(YamlException ex)
    {
        var m = ex.InnerException?.Message ?? ex.Message;
        var idx = m.IndexOf("): ", StringComparison.Ordinal);
        return idx >= 0 && m.StartsWith('(') ? m[(idx + 3)..] : m;
    }
}
