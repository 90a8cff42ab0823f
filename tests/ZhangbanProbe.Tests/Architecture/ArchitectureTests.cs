using System.Text.RegularExpressions;
using System.Xml.Linq;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Architecture;

/// <summary>
/// The house rules, checked on the sources: dependencies point inward, state is compared as enums (the text of a state
/// lives in storage converters and code tables only), and a probe key is written once, in its probe.
/// </summary>
[Trait("Category", "Unit")]
public class ArchitectureTests
{
    private static readonly string Src = Path.Combine(TestPaths.RepoRoot, "src");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"));

    private static string Rel(string path) => Path.GetRelativePath(Src, path).Replace('\\', '/');

    // What each project may reference (inward only). The CLI may use everything; nothing may use the CLI.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["ZhangbanProbe.Core"] = [],
        ["ZhangbanProbe.Definitions"] = ["ZhangbanProbe.Core"],
        ["ZhangbanProbe.Probing"] = ["ZhangbanProbe.Core"],
        ["ZhangbanProbe.Storage"] = ["ZhangbanProbe.Core"],
        ["ZhangbanProbe.Replicas"] = ["ZhangbanProbe.Core"],
        ["ZhangbanProbe.Alerting"] = ["ZhangbanProbe.Core", "ZhangbanProbe.Storage"],
        ["ZhangbanProbe.Scores"] = ["ZhangbanProbe.Core", "ZhangbanProbe.Storage"],
        ["ZhangbanProbe.Application"] = ["ZhangbanProbe.Core", "ZhangbanProbe.Definitions", "ZhangbanProbe.Probing", "ZhangbanProbe.Storage",
            "ZhangbanProbe.Replicas", "ZhangbanProbe.Alerting", "ZhangbanProbe.Scores"],
        ["ZhangbanProbe.Dashboard"] = ["ZhangbanProbe.Application"],
        ["ZhangbanProbe.Worker"] = ["ZhangbanProbe.Application", "ZhangbanProbe.Dashboard"],
        ["ZhangbanProbe.Cli"] = ["ZhangbanProbe.Application", "ZhangbanProbe.Worker"],
    };

    [Fact]
    public void Project_references_point_inward_and_the_core_has_no_packages()
    {
        var projects = Directory.GetDirectories(Src).Select(Path.GetFileName).Where(n => File.Exists(Path.Combine(Src, n!, n + ".csproj"))).ToList();
        Assert.Equal(Allowed.Keys.Order(), projects.Order()!); // a new project states its place here
        foreach (var name in projects)
        {
            var xml = XDocument.Load(Path.Combine(Src, name!, name + ".csproj"));
            var refs = xml.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();
            Assert.All(refs, r => Assert.True(Allowed[name!].Contains(r), $"{name} must not reference {r}"));
        }
        var core = XDocument.Load(Path.Combine(Src, "ZhangbanProbe.Core", "ZhangbanProbe.Core.csproj"));
        Assert.Empty(core.Descendants("PackageReference")); // pure: no YAML, no EF, no HTTP
        Assert.DoesNotContain(SourceFiles().Where(f => Rel(f).StartsWith("ZhangbanProbe.Core/")), f => Regex.IsMatch(File.ReadAllText(f), @"\b(File|Directory)\.\w+\("));
    }

    [Fact]
    public void The_worker_has_no_cli_types_and_the_cli_holds_verbs_only()
    {
        Assert.DoesNotContain(SourceFiles().Where(f => Rel(f).StartsWith("ZhangbanProbe.Worker/")), f => File.ReadAllText(f).Contains("ZhangbanProbe.Cli"));
        var cli = SourceFiles().Where(f => Rel(f).StartsWith("ZhangbanProbe.Cli/")).Select(Rel).ToList();
        Assert.All(cli, f => Assert.True(f == "ZhangbanProbe.Cli/Program.cs" || f.StartsWith("ZhangbanProbe.Cli/Commands/") || f.StartsWith("ZhangbanProbe.Cli/Reporting/"), $"{f}: the CLI holds verbs (and their printing) only"));
    }

    // Every state's text: run status, trigger class, incident status and transition, notification state, misfire,
    // profile, channel type. Compared, assigned or matched as text anywhere but the code tables, it is a bug waiting.
    private const string StateWords = "running|completed|cancelled|abandoned|open|resolved|rejected|opened|reminded|approved|pending|sending|sent|dead|held|digesting|awaiting-review|catch-up-once|skip|mobile|desktop|email|webhook|wecom|dingtalk|sweep|replicas|real";

    private static readonly Regex StateAsString = new(
        $@"(==|!=|\bis|\bor|\bcase|Status\s*=|Type\s*=|Equals\()\s*\(?\s*""({StateWords})""|""({StateWords})""\s*(==|!=)|StartsWith\(""schedule:""");

    // The code tables: the one place each state's text is written (and read back by storage converters).
    private static readonly string[] CodeTables = ["ZhangbanProbe.Core/StateCode.cs", "ZhangbanProbe.Core/Runs/RunSeries.cs"];

    [Fact]
    public void No_state_is_compared_as_a_string_outside_the_code_tables()
    {
        var offences = SourceFiles().Where(f => !CodeTables.Contains(Rel(f)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//") && !x.line.TrimStart().StartsWith("///") && !x.line.Contains("ErrorMessage =") && StateAsString.IsMatch(x.line))
            .Select(x => $"{Rel(x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.True(offences.Count == 0, "state compared as text:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_state_rule_catches_what_it_is_meant_to()
    {
        Assert.Matches(StateAsString, """if (run.Status == "running") return;""");
        Assert.Matches(StateAsString, """n.Status = "held";""");
        Assert.Matches(StateAsString, """if (trigger.StartsWith("schedule:")) {""");
        Assert.Matches(StateAsString, """case "wecom":""");
        Assert.DoesNotMatch(StateAsString, """var label = "running total";""");
    }

    // Literals equal to a probe key that are not probe keys: an ARIA role and a CSS class of the replica pages.
    private static readonly HashSet<(string Key, string File)> NotProbeKeys =
    [
        ("search", "ZhangbanProbe.Definitions/StepScriptParser.cs"),
        ("search", "ZhangbanProbe.Replicas/ReplicaPages.cs"),
    ];

    [Fact]
    public void A_probe_key_is_written_once_in_its_probe_and_referenced_through_its_constant()
    {
        var offences = new List<string>();
        foreach (var key in RegisteredProbes.Declarations.Keys)
        {
            var owners = SourceFiles().Where(f => File.ReadAllText(f).Contains($"public const string ProbeKey = \"{key}\";")).Select(Rel).ToList();
            var folder = Path.GetDirectoryName(Assert.Single(owners))!.Replace('\\', '/');
            offences.AddRange(SourceFiles().Where(f => !Rel(f).StartsWith(folder + "/") && File.ReadAllText(f).Contains($"\"{key}\"") && !NotProbeKeys.Contains((key, Rel(f))))
                .Select(f => $"{Rel(f)} writes \"{key}\"; use its probe's ProbeKey (or its declaration)"));
        }
        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }
}
