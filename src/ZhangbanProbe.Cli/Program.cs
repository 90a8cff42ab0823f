using System.CommandLine;
using ZhangbanProbe.Cli.Commands;

// zhangban: objective probes of China's provincial mobile government service platforms.
var root = new RootCommand("zhangban — measures the objective indicators of the 掌办指数 on provincial government service platforms");
GlobalOptions.AddTo(root);
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(IndicatorsCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
root.Subcommands.Add(AlertsCommand.Create());
root.Subcommands.Add(ScoresCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ScheduleCommand.Create());
root.Subcommands.Add(TokensCommand.Create());
root.Subcommands.Add(ChannelsCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var e in parse.Errors) Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("Try 'zhangban --help'.");
    return 2;
}
// On SIGTERM/Ctrl+C the verb's token is cancelled; give `serve` time to finish or hand back its probes
// (Schedule:ShutdownTimeout, 2 min by default) instead of System.CommandLine's 2 s before a forced exit.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(3) });
