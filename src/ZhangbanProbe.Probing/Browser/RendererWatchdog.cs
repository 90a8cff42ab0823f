using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ZhangbanProbe.Probing.Browser;

/// <summary>
/// Kills a Chromium renderer that grows past <see cref="BrowserOptions.RendererMemoryLimitMiB"/> of resident memory.
/// V8's own heap limit (set at launch) stops script objects; this stops what it does not count (array buffers,
/// canvases, the DOM). The page of a killed renderer crashes, its probe ends in <c>error browser-crash</c>, and the
/// browser and the run go on. It watches only this process's own descendants, through /proc (Linux; elsewhere V8's
/// limit alone applies).
/// </summary>
public sealed class RendererWatchdog : IAsyncDisposable
{
    private readonly long _limitBytes;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private static readonly long PageSize = Environment.SystemPageSize;
    private int _kills;
    private long _lastKillTicks;

    public RendererWatchdog(long limitBytes, TimeSpan interval, ILogger logger)
    {
        _limitBytes = limitBytes;
        _logger = logger;
        _loop = OperatingSystem.IsLinux() && limitBytes > 0 ? Task.Run(() => LoopAsync(interval)) : Task.CompletedTask;
    }

    /// <summary>Renderers killed so far.</summary>
    public int Kills => Volatile.Read(ref _kills);

    /// <summary>When the last renderer was killed (Environment.TickCount64), or 0.</summary>
    public long LastKillTicks => Interlocked.Read(ref _lastKillTicks);

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try { Sweep(); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException) { /* a process came or went mid-read */ }
            }
        }
        catch (OperationCanceledException) { }
    }

    // pid → whether it descends from this process (stable for a pid's life); forgotten when the pid is gone.
    private readonly Dictionary<int, bool> _ours = [];

    private void Sweep()
    {
        var self = Environment.ProcessId;
        var alive = new HashSet<int>();
        foreach (var pid in Pids())
        {
            alive.Add(pid);
            if (!_ours.ContainsKey(pid)) _ours[pid] = DescendsFrom(pid, self);
        }
        foreach (var gone in _ours.Keys.Where(p => !alive.Contains(p)).ToList()) _ours.Remove(gone);
        // The command line is read every time: a renderer forked from the zygote renames itself just after.
        foreach (var (pid, ours) in _ours)
        {
            if (!ours || !IsRenderer(pid)) continue;
            var resident = ResidentBytes(pid);
            if (resident <= _limitBytes) continue;
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { continue; }
            Interlocked.Increment(ref _kills);
            Interlocked.Exchange(ref _lastKillTicks, Environment.TickCount64);
            _logger.LogWarning("Killed a page renderer at {Resident} MiB, over Browser:RendererMemoryLimitMiB ({Limit} MiB): its probe ends in error browser-crash",
                resident >> 20, _limitBytes >> 20);
        }
    }

    private static int? ParentOf(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length) return null;
        var fields = stat[(close + 2)..].Split(' ', 3);
        return fields.Length >= 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) ? ppid : null;
    }

    private static bool DescendsFrom(int pid, int root)
    {
        var p = pid;
        for (var depth = 0; depth < 32 && ParentOf(p) is { } parent and > 1; depth++)
        {
            if (parent == root) return true;
            p = parent;
        }
        return false;
    }

    /// <summary>Every live process descending from <paramref name="root"/>.</summary>
    public static List<int> Descendants(int root) => Pids().Where(pid => DescendsFrom(pid, root)).ToList();

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    private static bool IsRenderer(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Contains("--type=renderer", StringComparison.Ordinal); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
    }

    public static long ResidentBytes(int pid)
    {
        try
        {
            var statm = File.ReadAllText($"/proc/{pid}/statm").Split(' ');
            return long.Parse(statm[1], CultureInfo.InvariantCulture) * PageSize;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { return 0; }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
