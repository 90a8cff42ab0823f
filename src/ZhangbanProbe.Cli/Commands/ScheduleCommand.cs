using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Quartz;
using Spectre.Console;
using ZhangbanProbe.Worker;
using ZhangbanProbe.Application.Runs;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban schedule`: the configured sweeps and their next fire times (no database needed).</summary>
public static class ScheduleCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--next") { Description = "How many fire times to show per sweep", DefaultValueFactory = _ => 3 };
        var command = new Command("schedule", "Show the scheduled sweeps and their next fire times") { count };
        command.SetAction(parse =>
        {
            var config = ZhangbanProbe.Application.Composition.ZhangbanHost.AddSources(new ConfigurationBuilder(), GlobalOptions.Overrides(parse)).Build();
            var options = config.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>() ?? new ScheduleOptions();
            var check = new ScheduleOptionsValidator().Validate(null, options);
            if (check.Failed)
            {
                foreach (var f in check.Failures!) Console.Error.WriteLine($"configuration: {f}");
                return 2;
            }
            var table = new Table().AddColumns("sweep", "group", "cron", "time zone", "spread", "misfire", "next fire times");
            foreach (var (name, s) in options.Sweeps.OrderBy(k => k.Key))
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone);
                var cron = CronExpression.Parse(s.Cron).WithTimeZone(zone);
                var times = new List<string>();
                var t = DateTimeOffset.UtcNow;
                for (var i = 0; i < parse.GetValue(count) && cron.GetNextValidTimeAfter(t) is { } next; i++)
                {
                    times.Add(TimeZoneInfo.ConvertTime(next, zone).ToString("yyyy-MM-dd HH:mm:ss zzz"));
                    t = next;
                }
                table.AddRow(Markup.Escape(name), Markup.Escape(s.Group), Markup.Escape(s.Cron), s.TimeZone, s.Spread.ToString(), s.Misfire, string.Join("\n", times));
            }
            Output.Stdout().Write(table);
            return 0;
        });
        return command;
    }
}
