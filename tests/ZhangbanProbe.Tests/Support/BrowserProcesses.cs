namespace ZhangbanProbe.Tests.Support;

/// <summary>Finds and kills the Chromium browser process this test process started (through Playwright's driver).</summary>
public static class BrowserProcesses
{
    public static int KillOwnBrowsers()
    {
        var self = Environment.ProcessId;
        var killed = 0;
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string cmdline;
            try { cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '); } catch { continue; }
            // The browser's main process: launched with a debugging pipe, not a renderer/gpu/utility child.
            if (!cmdline.Contains("--remote-debugging-pipe") || cmdline.Contains("--type=")) continue;
            if (!DescendsFrom(pid, self)) continue;
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); killed++; } catch { }
        }
        return killed;
    }

    private static bool DescendsFrom(int pid, int ancestor)
    {
        for (var i = 0; i < 10 && pid > 1; i++)
        {
            pid = ParentOf(pid);
            if (pid == ancestor) return true;
        }
        return false;
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(afterName[1]);
        }
        catch { return 0; }
    }
}
