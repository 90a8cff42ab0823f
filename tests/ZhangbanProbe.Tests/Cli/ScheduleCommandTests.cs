using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Cli;

[Trait("Category", "Integration")]
public class ScheduleCommandTests
{
    [Fact]
    public async Task Schedule_shows_the_next_nightly_fire_times_in_shanghai_time()
    {
        var dir = TestPaths.NewTempDirectory();
        var r = await CliProcess.RunAsync(dir, new Dictionary<string, string> { ["ZHANGBAN_Schedule__Sweeps__weekly__Cron"] = "0 30 3 ? * MON" }, ["schedule", "--next", "2"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("nightly", r.Stdout);
        Assert.Contains("02:00:00 +08:00", r.Stdout);
        Assert.Contains("weekly", r.Stdout);
        Assert.Contains("03:30:00 +08:00", r.Stdout);
        Assert.Contains("catch-up-once", r.Stdout);
    }

    [Fact]
    public async Task A_bad_cron_or_time_zone_is_bad_configuration_named_by_its_key()
    {
        var dir = TestPaths.NewTempDirectory();
        var env = new Dictionary<string, string>
        {
            ["ZHANGBAN_Schedule__Sweeps__nightly__Cron"] = "every night at two",
            ["ZHANGBAN_Schedule__Sweeps__nightly__TimeZone"] = "Mars/Olympus",
        };
        var schedule = await CliProcess.RunAsync(dir, env, ["schedule"]);
        Assert.Equal(2, schedule.ExitCode);
        Assert.Contains("Schedule:Sweeps:nightly:Cron", schedule.Stderr);
        Assert.Contains("Schedule:Sweeps:nightly:TimeZone", schedule.Stderr);

        env["ZHANGBAN_Api__Urls"] = "http://127.0.0.1:0";
        var serve = await CliProcess.RunAsync(dir, env, ["serve"]);
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("Schedule:Sweeps:nightly:Cron", serve.Stderr);
    }
}
