using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using ZhangbanProbe.Application.Reporting;
using ZhangbanProbe.Cli.Reporting;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Replicas;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban run`: probe the selected portals now, print the table, store the run, optionally write JSON.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var portal = new Option<string[]>("--portal") { Description = "Portal id to probe (repeatable; default all)", Arity = ArgumentArity.ZeroOrMore };
        var indicator = new Option<string[]>("--indicator") { Description = "Indicator probe to run (repeatable; default all available)", Arity = ArgumentArity.ZeroOrMore };
        var concurrency = new Option<int?>("--concurrency") { Description = "Pairs probed at once (default 4). Config: Run:Concurrency" };
        var json = new Option<string?>("--json") { Description = "Write the run as JSON (schema zhangban-run/1) to this file" };
        var replicas = new Option<bool>("--replicas") { Description = "Start the local replica portals on 127.0.0.1 and probe them instead of the real portals (offline demo)" };
        var desktop = new Option<bool>("--desktop") { Description = "Use the desktop browser profile instead of the mobile one. Config: Browser:Profile" };
        var app = new Option<bool>("--app") { Description = "Use the app profile: the platform app's web view (its user-agent token from the manifest) on its H5 entry. Config: Browser:Profile=app" };
        var asSweep = new Option<string?>("--as-sweep") { Description = "Put this run in the series of the named sweep (for operators who schedule the CLI with cron): it then counts for streaks, alerts and baselines" };

        var command = new Command("run", "Probe portals now and store the run");
        foreach (var o in new Option[] { portal, indicator, concurrency, json, replicas, desktop, app, asSweep }) command.Options.Add(o);

        command.SetAction(async (parse, ct) =>
        {
            var extra = new Dictionary<string, string?>();
            if (parse.GetValue(concurrency) is { } c) extra["Run:Concurrency"] = c.ToString();
            if (parse.GetValue(desktop) && parse.GetValue(app))
            {
                Console.Error.WriteLine("--desktop and --app: choose one profile");
                return 2;
            }
            if (parse.GetValue(desktop)) extra["Browser:Profile"] = "desktop";
            if (parse.GetValue(app)) extra["Browser:Profile"] = "app";
            if (parse.GetValue(replicas) && parse.GetValue(asSweep) is { Length: > 0 })
            {
                Console.Error.WriteLine("--as-sweep: replica runs never join a sweep's series (they are not real portals)");
                return 2;
            }
            if (parse.GetValue(asSweep) is { } named && !System.Text.RegularExpressions.Regex.IsMatch(named, "^[A-Za-z0-9_-]{1,64}$"))
            {
                Console.Error.WriteLine($"--as-sweep: '{named}' is not a sweep name (letters, digits, - and _, at most 64)");
                return 2;
            }
            ReplicaServer? server = null;
            try
            {
                if (parse.GetValue(replicas))
                {
                    server = await ReplicaServer.StartAsync();
                    foreach (var (key, value) in ReplicaPortals.Configuration(server)) extra[key] = value;
                }
                return await HostRunner.WithHostAsync(parse, extra, async services =>
                {
                    var request = new RunRequest
                    {
                        PortalIds = parse.GetValue(portal) ?? [],
                        IndicatorIds = parse.GetValue(indicator) ?? [],
                        Trigger = parse.GetValue(asSweep) is { Length: > 0 } sweep ? RunTriggers.Schedule(sweep) : RunTriggers.Cli,
                    };
                    if (server is not null)
                    {
                        Console.Error.WriteLine($"replica portals serving on 127.0.0.1:{server.Port} ({server.Sites.Count} sites, http://<id>.localhost:{server.Port}/)");
                        request = ReplicaPortals.Request(server, request);
                    }

                    var report = await services.GetRequiredService<RunService>().RunAsync(request, (r, done, total) =>
                        Console.Error.WriteLine($"[{done,3}/{total}] {r.PortalId,-14} {r.IndicatorId,-16} {r.Outcome.ToCode(),-8} {r.Reason.ToCode(),-18} {(r.Value is { } v ? $"{v:0.#} {r.Unit}" : "")}"),
                        ct);

                    foreach (var m in report.Messages) Console.Error.WriteLine(m);
                    if (report.Run is null) return report.ExitCode;

                    var console = Output.Stdout();
                    RunTable.Write(console, report.Run, report.Portals);
                    if (parse.GetValue(json) is { } path)
                    {
                        await RunJson.WriteAsync(path, report.Run, report.Portals);
                        Console.Error.WriteLine($"wrote {Path.GetFullPath(path)}");
                    }
                    Console.Error.WriteLine($"stored run {report.Run.Id} in {services.GetRequiredService<Storage.ProbeStore>().Describe()}" +
                        (report.Run.DefinitionsHash is { } hash ? $" (definitions {hash[..12]})" : ""));
                    return report.ExitCode;
                }, ct);
            }
            finally
            {
                if (server is not null) await server.DisposeAsync();
            }
        });
        return command;
    }
}
