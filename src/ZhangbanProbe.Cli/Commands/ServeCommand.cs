using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Worker;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban serve`: the scheduled probing service (Quartz, HTTP API, /healthz, /metrics).</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the probing service: scheduled sweeps (Quartz; clustered when the store is PostgreSQL), the run API, /healthz and /metrics");
        command.SetAction(async (parse, ct) =>
        {
            var overrides = GlobalOptions.Overrides(parse);
            WebApplication app;
            try { app = ServeHost.Build(overrides, parse.GetValue(GlobalOptions.Verbose)); }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                Console.Error.WriteLine($"configuration: {ex.Message}");
                return 2;
            }
            await using (app)
            {
                // One serve per SQLite file: two in-memory schedulers on one file would both fire every sweep.
                var storage = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ZhangbanProbe.Storage.StorageOptions>>().Value;
                FileStream? serveLock = null;
                if (!storage.UsesPostgres)
                {
                    var lockPath = Path.GetFullPath(storage.SqlitePath) + ".serve.lock";
                    try
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
                        serveLock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    }
                    catch (IOException)
                    {
                        Console.Error.WriteLine($"another `zhangban serve` already uses {Path.GetFullPath(storage.SqlitePath)} (lock {lockPath}); run one serve per SQLite file, or share PostgreSQL between workers (Storage:PostgresConnectionString)");
                        return 2;
                    }
                }
                await using var _ = serveLock;
                try
                {
                    // Schema first, before the scheduler picks up any job.
                    await app.Services.GetRequiredService<ProbeStore>().MigrateAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Console.Error.WriteLine($"the result store is unreachable: {ex.GetBaseException().Message}");
                    return 1;
                }
                try
                {
                    app.Services.GetRequiredService<ServiceMetrics>();
                    await app.StartAsync(ct);
                }
                catch (OptionsValidationException ex)
                {
                    foreach (var f in ex.Failures) Console.Error.WriteLine($"configuration: {f}");
                    return 2;
                }
                Console.Error.WriteLine($"zhangban serve listening on {string.Join(", ", app.Urls)}");
                try { await app.WaitForShutdownAsync(ct); }
                catch (OperationCanceledException) { }
                await app.StopAsync(CancellationToken.None);
                if (app.Services.GetService<Probing.Browser.BrowserSession>() is { } b) await b.DisposeAsync();
            }
            return 0;
        });
        return command;
    }
}
