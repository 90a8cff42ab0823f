using Spectre.Console;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>Standard output for tables; wide when redirected so tables in files and pipes are not wrapped.</summary>
public static class Output
{
    public static IAnsiConsole Stdout()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected) console.Profile.Width = 240;
        return console;
    }
}
