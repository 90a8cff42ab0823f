using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using ZhangbanProbe.Scores;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban scores import FILE...` and `zhangban scores list`: the human 体验官 evaluations.</summary>
public static class ScoresCommand
{
    public static Command Create()
    {
        var command = new Command("scores", "Human evaluations (体验官 grades and scores) of the 掌办指数");

        var files = new Argument<string[]>("files") { Description = "CSV (UTF-8 or GB18030) or XLSX files", Arity = ArgumentArity.OneOrMore };
        var import = new Command("import", "Import score files; every row is validated first, and a file with any error imports nothing");
        import.Arguments.Add(files);
        import.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            var store = services.GetRequiredService<HumanScoreStore>();
            var exit = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                ImportReport report;
                try { report = await store.ImportAsync(file, ct); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Console.Error.WriteLine($"{file}: the result store is unreachable: {ex.GetBaseException().Message}");
                    return 1;
                }
                if (!report.Ok)
                {
                    foreach (var e in report.Errors) Console.Error.WriteLine(e);
                    Console.Error.WriteLine($"{file}: {report.Errors.Count} problem(s); nothing was imported from this file.");
                    exit = 2;
                    continue;
                }
                Console.WriteLine($"{file}: {report.Rows} rows, {report.Added} added, {report.AlreadyPresent} already present");
            }
            return exit;
        }, ct));
        command.Subcommands.Add(import);

        var year = new Option<int?>("--year") { Description = "Only this report year" };
        var list = new Command("list", "List imported evaluations");
        list.Options.Add(year);
        list.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            await services.GetRequiredService<Storage.ProbeStore>().MigrateAsync(ct);
            var table = new Table().AddColumns("year", "province", "platform", "scope", "grade", "score", "group", "source");
            foreach (var e in await services.GetRequiredService<HumanScoreStore>().ListAsync(parse.GetValue(year), ct))
                table.AddRow(e.ReportYear.ToString(), e.Province, Markup.Escape(e.Platform), Markup.Escape(e.Scope), e.Grade ?? "", e.Score?.ToString("0.#") ?? "",
                    e.EvaluatorGroup ?? "", Markup.Escape(e.Source.Length > 60 ? e.Source[..60] + "…" : e.Source));
            Output.Stdout().Write(table);
            return 0;
        }, ct));
        command.Subcommands.Add(list);
        return command;
    }
}
