using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Playwright;

namespace ZhangbanProbe.Probing.Browser;

/// <summary>
/// One browser per run, shared by all probes; every (portal, probe) pair gets a fresh isolated context.
/// If the browser dies (crash, OOM kill), the next request launches a new one, so the rest of the run goes on.
/// </summary>
public sealed class BrowserSession(IOptions<BrowserOptions> options, ILogger<BrowserSession> logger) : IAsyncDisposable
{
    private static readonly string[] DefaultArguments =
    [
        "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
        // WebRTC may only use the proxy: no UDP of its own, no local candidates (a page cannot reach inside around the egress proxy).
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp", "--webrtc-ip-handling-policy=disable_non_proxied_udp",
        "--enforce-webrtc-ip-permission-check",
    ];

    private readonly BrowserOptions _options = options.Value;
    private static int _rootWarned;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _contextsOnCurrent;
    private readonly List<IBrowser> _retiring = [];

    /// <summary>How many times a browser was launched in this session (crashes and <see cref="Recycles"/> launch new ones).</summary>
    public int Launches { get; private set; }

    public string? ExecutablePath { get; private set; }

    /// <summary>Checks a browser can be found without launching it (fails fast with install advice).</summary>
    public void EnsureAvailable() => ExecutablePath = BrowserLocator.Locate(_options.ExecutablePath, headless: _options.Headless);

    public async Task<IBrowser> GetBrowserAsync()
    {
        var current = _browser;
        if (current is { IsConnected: true }) return current;
        await _gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            if (_browser is not null)
            {
                logger.LogWarning("Browser disconnected; launching a new one");
                try { await _browser.DisposeAsync(); } catch { /* already gone */ }
            }
            _playwright ??= await Playwright.CreateAsync();
            ExecutablePath = BrowserLocator.Locate(_options.ExecutablePath, headless: _options.Headless);
            // Chromium's sandbox stays on unless we run as root, where Chromium cannot start with it: say so, once.
            var sandbox = !Environment.IsPrivilegedProcess;
            if (!sandbox && Interlocked.Exchange(ref _rootWarned, 1) == 0)
                logger.LogWarning("Running as root: Chromium's sandbox is off (Chromium refuses to sandbox as root). Run ZhangbanProbe as an unprivileged user (the Docker image does) so hostile pages meet the sandbox");
            if (_options.RendererMemoryLimitMiB > 0)
                _watchdog ??= new RendererWatchdog((long)_options.RendererMemoryLimitMiB << 20, TimeSpan.FromMilliseconds(50), logger);
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                Headless = _options.Headless,
                ChromiumSandbox = sandbox,
                ExecutablePath = ExecutablePath,
                Args = DefaultArguments.Concat(TrustArguments()).Concat(MemoryArguments()).Concat(_options.ExtraArguments).ToArray(),
                // Chromium's popup blocker stays on: a page's own window.open needs a user gesture (PopupGuard).
                IgnoreDefaultArgs = ["--disable-popup-blocking"],
                Timeout = 60_000,
            });
            Launches++;
            logger.LogInformation("Launched {Browser} {Version}", ExecutablePath ?? "Playwright Chromium", _browser.Version);
            return _browser;
        }
        finally { _gate.Release(); }
    }

    private X509Certificate2Collection? _extraRoots;
    private RendererWatchdog? _watchdog;

    /// <summary>Renderers killed for memory so far, and when the last was (Environment.TickCount64; 0: none).</summary>
    public (int Kills, long LastTicks) RendererKills => _watchdog is { } w ? (w.Kills, w.LastKillTicks) : (0, 0);

    /// <summary>V8's heap in a renderer below the renderer limit, so script objects stop there first (an out-of-memory crash).</summary>
    private IEnumerable<string> MemoryArguments() =>
        _options.RendererMemoryLimitMiB > 0 ? [$"--js-flags=--max-old-space-size={Math.Max(64, _options.RendererMemoryLimitMiB * 3 / 4)}"] : [];

    /// <summary>The extra root certificates (<see cref="BrowserOptions.ExtraRootCertificates"/>), read once.</summary>
    public X509Certificate2Collection ExtraRoots => _extraRoots ??= TrustedRoots.Load(_options.ExtraRootCertificates);

    /// <summary>Chromium trusts public keys, not roots: pins the keys of the extra root certificates.</summary>
    private IEnumerable<string> TrustArguments() =>
        ExtraRoots.Count == 0 ? [] : ["--ignore-certificate-errors-spki-list=" + string.Join(",", ExtraRoots.Select(TrustedRoots.SpkiHash))];

    /// <summary>
    /// A fresh, isolated context with the configured profile (zh-CN, Asia/Shanghai, mobile by default).
    /// <paramref name="ignoreHttpsErrors"/> is for transport-security only, which has judged the certificate itself
    /// and still wants to see the page behind a bad one.
    /// </summary>
    /// <param name="userAgentToken">The app profile: the token the platform app's web view adds to the phone's user agent.</param>
    public async Task<IBrowserContext> NewContextAsync(ZhangbanProbe.Core.Runs.BrowserProfile? profile = null, bool ignoreHttpsErrors = false, string? proxyServer = null,
        string? userAgentToken = null)
    {
        var browser = await GetBrowserAsync();
        profile ??= _options.ProfileKind;
        BrowserNewContextOptions contextOptions;
        if (profile == ZhangbanProbe.Core.Runs.BrowserProfile.Desktop)
        {
            contextOptions = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } };
        }
        else
        {
            var device = _playwright!.Devices["Pixel 7"];
            contextOptions = new BrowserNewContextOptions
            {
                ViewportSize = device.ViewportSize,
                ScreenSize = device.ScreenSize,
                UserAgent = profile == ZhangbanProbe.Core.Runs.BrowserProfile.App && userAgentToken is not null ? $"{device.UserAgent} {userAgentToken}" : device.UserAgent,
                DeviceScaleFactor = device.DeviceScaleFactor,
                IsMobile = device.IsMobile,
                HasTouch = device.HasTouch,
            };
        }
        contextOptions.Locale = _options.Locale;
        contextOptions.TimezoneId = _options.TimeZone;
        // Service workers would serve later loads from cache and make "cold" loads warm.
        contextOptions.ServiceWorkers = ServiceWorkerPolicy.Block;
        contextOptions.IgnoreHTTPSErrors = ignoreHttpsErrors;
        // A page cannot drop files on the worker.
        contextOptions.AcceptDownloads = false;
        // Every connection through the egress proxy, loopback included (Chromium would bypass proxies for it by default).
        if (proxyServer is not null) contextOptions.Proxy = new Proxy { Server = proxyServer, Bypass = "<-loopback>" };
        var context = await browser.NewContextAsync(contextOptions);
        context.Close += (_, _) => _ = CloseRetiredIdleAsync();
        if (_options.RecycleAfterContexts > 0 && Interlocked.Increment(ref _contextsOnCurrent) >= _options.RecycleAfterContexts)
            await RetireAsync(browser);
        // After the count above: nothing awaited between taking the browser and counting its context.
        await PopupGuard.InstallAsync(context, _options.MaxPopupsPerContext);
        DialogLog.Install(context);
        context.SetDefaultTimeout((float)_options.NavigationTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)_options.NavigationTimeout.TotalMilliseconds);
        return context;
    }

    /// <summary>
    /// Memory: a long sweep's browser is replaced after <see cref="BrowserOptions.RecycleAfterContexts"/> contexts. The
    /// next context opens in a new browser while the old one serves the contexts it has, and is closed when its last
    /// one closes — no probe waits, none is cut short.
    /// </summary>
    private async Task RetireAsync(IBrowser browser)
    {
        await _gate.WaitAsync();
        try
        {
            if (!ReferenceEquals(_browser, browser)) return; // already retired by a concurrent context
            _browser = null;
            Interlocked.Exchange(ref _contextsOnCurrent, 0);
            lock (_retiring) _retiring.Add(browser);
            Recycles++;
            logger.LogInformation("Recycling the browser after {Contexts} contexts (memory stays flat over long sweeps)", _options.RecycleAfterContexts);
        }
        finally { _gate.Release(); }
        await CloseRetiredIdleAsync();
    }

    private async Task CloseRetiredIdleAsync()
    {
        List<IBrowser> idle;
        lock (_retiring)
        {
            idle = _retiring.Where(b => !b.IsConnected || b.Contexts.Count == 0).ToList();
            foreach (var b in idle) _retiring.Remove(b);
        }
        foreach (var b in idle)
        {
            try { await b.CloseAsync(); } catch { /* already gone */ }
        }
    }

    /// <summary>How many times the browser was replaced to keep memory flat.</summary>
    public int Recycles { get; private set; }

    /// <summary>Replaced browsers still serving contexts (0 once their last context closed).</summary>
    public int RetiredStillOpen { get { lock (_retiring) return _retiring.Count(b => b.IsConnected); } }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try { if (_browser is not null) await _browser.CloseAsync(); } catch { /* crashed browsers cannot be closed */ }
        List<IBrowser> retiring;
        lock (_retiring) retiring = [.. _retiring];
        foreach (var b in retiring) { try { await b.CloseAsync(); } catch { } }
        _playwright?.Dispose();
        if (_watchdog is not null) await _watchdog.DisposeAsync();
        _gate.Dispose();
    }
}
