using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using ZhangbanProbe.Application.Reporting;
using ZhangbanProbe.Cli.Reporting;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Application.Definitions;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban runs` lists stored runs; `zhangban runs show ID` prints one (and can export its JSON).</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var take = new Option<int>("--last") { Description = "How many runs to list", DefaultValueFactory = _ => 20 };
        var command = new Command("runs", "List stored runs, newest first");
        command.Options.Add(take);
        command.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            var store = services.GetRequiredService<ProbeStore>();
            await store.MigrateAsync(ct);
            var table = new Table().AddColumns("run", "started (UTC)", "finished (UTC)", "trigger", "status", "portals", "indicators");
            foreach (var r in await store.ListRunsAsync(parse.GetValue(take), ct))
                table.AddRow(r.Id.ToString(), r.StartedAtUtc.ToString("u"), r.FinishedAtUtc?.ToString("u") ?? "", r.Trigger, ZhangbanProbe.Core.StateCode.Of(r.Status),
                    r.PortalIds.Count.ToString(), Markup.Escape(string.Join(",", r.IndicatorIds)));
            Output.Stdout().Write(table);
            var outbox = services.GetRequiredService<ResultOutbox>();
            if (outbox.Pending > 0) Console.Error.WriteLine($"{outbox.Pending} result(s) wait in the outbox ({outbox.Directory}) for the database");
            if (outbox.SetAside is { Count: > 0 } aside)
                Console.Error.WriteLine($"{aside.Count} result(s) refused by the database and set aside in {outbox.Directory} (each beside its .error.txt): {string.Join(", ", aside.Take(5))}");
            return 0;
        }, ct));

        var id = new Argument<Guid>("run-id") { Description = "The run id" };
        var json = new Option<string?>("--json") { Description = "Also write the run as JSON to this file" };
        var show = new Command("show", "Print a stored run as a table");
        show.Arguments.Add(id);
        show.Options.Add(json);
        show.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            var store = services.GetRequiredService<ProbeStore>();
            await store.MigrateAsync(ct);
            var run = await store.GetRunAsync(parse.GetValue(id), ct);
            if (run is null)
            {
                Console.Error.WriteLine($"run-id: no run {parse.GetValue(id)} in {store.Describe()}");
                return 2;
            }
            // Shown with the definitions the run was planned with, named by their hash, and what changed since the run before.
            var definitions = services.GetRequiredService<DefinitionsStore>();
            var portals = (await definitions.ViewAsync(run, ct)).Portals;
            RunTable.Write(Output.Stdout(), run, portals);
            if (run.DefinitionsHash is { } hash)
            {
                Console.WriteLine($"definitions {hash}");
                if (await definitions.ChangesSincePreviousAsync(run, ct) is { } changes)
                    Console.WriteLine(changes.Count == 0 ? "  the same as the run before" : "  changed since the run before:\n" + string.Join("\n", changes.Select(c => "    " + c)));
            }
            else Console.WriteLine("definitions: not recorded (a run from before definitions snapshots)");
            if (parse.GetValue(json) is { } path) await RunJson.WriteAsync(path, run, portals);
            return 0;
        }, ct));
        command.Subcommands.Add(show);
        return command;
    }
}
