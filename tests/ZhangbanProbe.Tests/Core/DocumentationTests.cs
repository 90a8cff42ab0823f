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
    public void The_typed_state_table_lists_every_enum_value_as_stored()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        void Row<T>() where T : struct, Enum
        {
            var row = Regex.Match(readme, $@"^\| {typeof(T).Name} \| (.*) \|$", RegexOptions.Multiline);
            Assert.True(row.Success, $"README's typed state table lacks {typeof(T).Name}");
            Assert.Equal(ZhangbanProbe.Core.StateCode.All<T>(), row.Groups[1].Value.Split(", "));
        }
        Row<ZhangbanProbe.Core.Runs.RunStatus>();
        Row<ZhangbanProbe.Core.Runs.RunOrigin>();
        Row<ZhangbanProbe.Core.Runs.RunTarget>();
        Row<ZhangbanProbe.Core.Runs.BrowserProfile>();
        Row<ZhangbanProbe.Core.Alerts.IncidentKind>();
        Row<ZhangbanProbe.Core.Alerts.IncidentStatus>();
        Row<ZhangbanProbe.Core.Alerts.IncidentTransition>();
        Row<ZhangbanProbe.Core.Alerts.NotificationState>();
        Row<ZhangbanProbe.Core.Alerts.ChannelType>();
        Row<ZhangbanProbe.Worker.MisfirePolicy>();
        // The stored spellings of earlier versions still read back.
        Assert.Equal(ZhangbanProbe.Core.Runs.RunOrigin.Sweep, ZhangbanProbe.Core.StateCode.Parse<ZhangbanProbe.Core.Runs.RunOrigin>(ZhangbanProbe.Core.Runs.RunTriggers.ToCode(ZhangbanProbe.Core.Runs.RunOrigin.Sweep)));
        Assert.Equal(ZhangbanProbe.Core.Alerts.NotificationState.AwaitingReview, ZhangbanProbe.Core.StateCode.Parse<ZhangbanProbe.Core.Alerts.NotificationState>("awaiting-review"));
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
