using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ZhangbanProbe.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster on a free loopback port, started once per test process (no Docker here).
/// Set ZHANGBAN_TEST_POSTGRES to a connection string to use an existing server instead.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private readonly string? _dataDir;
    private readonly string? _binDir;

    public string BaseConnectionString { get; }
    public int Port { get; }

    private PostgresServer(string connectionString, int port, string? dataDir, string? binDir)
    {
        BaseConnectionString = connectionString;
        Port = port;
        _dataDir = dataDir;
        _binDir = binDir;
    }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A cluster of its own (for tests that stop and start the server); call <see cref="Stop"/> when done.</summary>
    public static Task<PostgresServer> StartPrivateAsync() => StartAsync(useExternal: false);

    /// <summary>A connection string for a fresh, uniquely named database (created by the first migration).</summary>
    public string NewDatabase(string prefix = "zb") =>
        new NpgsqlConnectionStringBuilder(BaseConnectionString) { Database = $"{prefix}_{Guid.NewGuid():N}"[..30] }.ConnectionString;

    private static Task<PostgresServer> StartAsync() => StartAsync(useExternal: true);

    private static async Task<PostgresServer> StartAsync(bool useExternal)
    {
        var external = Environment.GetEnvironmentVariable("ZHANGBAN_TEST_POSTGRES");
        if (useExternal && !string.IsNullOrWhiteSpace(external))
            return new PostgresServer(external, new NpgsqlConnectionStringBuilder(external).Port, null, null);

        var binDir = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (binDir is null) throw new InvalidOperationException("PostgreSQL server binaries not found: apt-get install -y postgresql (scripts/test.sh does this)");

        var dataDir = Path.Combine(Path.GetTempPath(), $"zb-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var asRoot = Environment.UserName == "root";
        if (asRoot) await Exec("chown", $"postgres:postgres {dataDir}");
        await RunPg(binDir, asRoot, "initdb", $"-D {dataDir} -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8");
        var port = FreePort();
        var opts = $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await RunPg(binDir, asRoot, "pg_ctl", $"-D {dataDir} -l {dataDir}/server.log -o \"{opts}\" -w -t 60 start");
        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true", port, dataDir, binDir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    public void Stop()
    {
        if (_dataDir is null || _binDir is null) return;
        try { RunPg(_binDir, Environment.UserName == "root", "pg_ctl", $"-D {_dataDir} -m immediate -w stop").Wait(TimeSpan.FromSeconds(20)); } catch { }
        try { Directory.Delete(_dataDir, true); } catch { }
    }

    /// <summary>Stops the server (fast) and starts it again later; used by fault tests.</summary>
    public Task StopServerAsync() => RunPg(_binDir!, Environment.UserName == "root", "pg_ctl", $"-D {_dataDir} -m fast -w stop");

    public Task StartServerAsync()
    {
        var opts = $"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        return RunPg(_binDir!, Environment.UserName == "root", "pg_ctl", $"-D {_dataDir} -l {_dataDir}/server.log -o \"{opts}\" -w -t 60 start");
    }

    private static Task RunPg(string binDir, bool asRoot, string tool, string args) =>
        asRoot ? Exec("runuser", $"-u postgres -- {Path.Combine(binDir, tool)} {args}") : Exec(Path.Combine(binDir, tool), args);

    private static async Task Exec(string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} exited {p.ExitCode}: {await stderr} {await stdout}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
