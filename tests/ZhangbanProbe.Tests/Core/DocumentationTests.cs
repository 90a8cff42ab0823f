using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Core;

/// <summary>What the README promises is what the code has: every reason documented under its outcome; the image runs unprivileged.</summary>
[Trait("Category", "Unit")]
public class DocumentationTests
{
    private static string Root => TestPaths.RepoRoot;

    [Fact]
    public void Every_reason_is_in_the_outcomes_table_under_its_outcome()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        foreach (var reason in Enum.GetValues<Reason>())
        {
            var outcome = reason.NaturalOutcome().ToString().ToLowerInvariant();
            var row = Regex.Match(readme, $@"^\| `{outcome}` \|.*$", RegexOptions.Multiline).Value;
            Assert.True(row.Contains($"`{reason.ToCode()}`"), $"README's outcomes table lacks `{reason.ToCode()}` under `{outcome}`");
        }
    }

    [Fact]
    public void The_docker_image_does_not_run_as_root()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Root, "docker", "Dockerfile"));
        var user = dockerfile.Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotNull(user);
        Assert.DoesNotMatch(@"^USER\s+(root|0)(:|\s|$)", user);
    }
}
