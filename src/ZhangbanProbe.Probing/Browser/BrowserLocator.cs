namespace ZhangbanProbe.Probing.Browser;

/// <summary>Raised when no usable browser exists; its message says how to install one.</summary>
public sealed class BrowserNotFoundException(string message) : Exception(message);

/// <summary>
/// Finds a Chromium to drive: configured path, Playwright's own download, then a system browser — headless, the
/// system's headless shell first (the same Blink, without the full browser's window machinery: Playwright's own
/// default for headless runs, and measured 1.85× faster over a sweep on 2 cores, with the same verdicts).
/// </summary>
public static class BrowserLocator
{
    /// <summary>Debian's <c>chromium-headless-shell</c> package (bookworm and later).</summary>
    public static readonly string[] HeadlessShellCandidates =
    [
        // The binary itself before Debian's /usr/bin wrapper script, so the process Playwright stops is the browser.
        "/usr/lib/chromium/chromium-headless-shell",
        "/usr/bin/chromium-headless-shell",
    ];

    public static readonly string[] SystemCandidates =
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
        "/snap/bin/chromium",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        @"C:\Program Files\Google\Chrome\Application\chrome.exe",
    ];

    /// <summary>
    /// The executable to launch, or null to let Playwright use its own installed browser.
    /// </summary>
    /// <param name="headless">Whether the browser runs without a window: only then is a headless shell a candidate.</param>
    public static string? Locate(string? configuredPath, Func<string, bool>? fileExists = null, string? playwrightBrowsersPath = null, bool headless = true)
    {
        fileExists ??= File.Exists;
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            if (fileExists(configuredPath)) return configuredPath;
            throw new BrowserNotFoundException(
                $"Browser:ExecutablePath is set to '{configuredPath}', but no such file exists. Fix the path or unset it to discover a browser.");
        }

        if (PlaywrightBrowserInstalled(playwrightBrowsersPath)) return null;

        foreach (var candidate in headless ? HeadlessShellCandidates.Concat(SystemCandidates) : SystemCandidates)
            if (fileExists(candidate)) return candidate;

        throw new BrowserNotFoundException(
            "No Chromium or Chrome found. Install one: on Debian/Ubuntu `sudo apt-get install -y chromium fonts-noto-cjk`; " +
            "or `pwsh bin/playwright.ps1 install chromium` where Playwright's download works; " +
            "or set Browser:ExecutablePath (env ZHANGBAN_Browser__ExecutablePath) to an existing Chrome/Chromium.");
    }

    private static bool PlaywrightBrowserInstalled(string? browsersPath)
    {
        browsersPath ??= Environment.GetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH");
        if (string.IsNullOrEmpty(browsersPath) || browsersPath == "0")
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            browsersPath = OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Caches", "ms-playwright")
                : OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ms-playwright")
                : Path.Combine(home, ".cache", "ms-playwright");
        }
        if (!Directory.Exists(browsersPath)) return false;
        // A completed download leaves an INSTALLATION_COMPLETE marker in chromium-NNNN/.
        return Directory.EnumerateDirectories(browsersPath, "chromium-*")
            .Any(d => File.Exists(Path.Combine(d, "INSTALLATION_COMPLETE")));
    }
}
