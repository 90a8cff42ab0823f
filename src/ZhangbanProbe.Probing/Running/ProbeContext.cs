using ZhangbanProbe.Core.Outcomes;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Browser;
using ZhangbanProbe.Probing.Evidence;

namespace ZhangbanProbe.Probing.Running;

/// <summary>
/// Everything one probe of one portal may use. Browser contexts it opens are tracked and closed by the
/// runner, also when the probe overruns its time bound (closing aborts whatever is still pending).
/// </summary>
public sealed class ProbeContext(
    Guid runId,
    PortalManifest portal,
    CatalogueEntry entry,
    BrowserSession browser,
    EvidenceWriter evidence,
    BrowserOptions browserOptions,
    TimeProvider time,
    ILogger logger,
    ZhangbanProbe.Probing.Network.EgressGuard? egress = null) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _refused = [];
    private ZhangbanProbe.Probing.Network.EgressProxy? _proxy;

    /// <summary>This probe's view of the network: every name resolved once, every decision and connection on those addresses (null: no guard).</summary>
    public ZhangbanProbe.Probing.Network.EgressScope? Network { get; } = egress?.NewScope();

    /// <summary>Requests the egress guard refused during this probe (what the page tried; never a portal failure),
    /// those of the shared entry load included when the probe read it.</summary>
    public IReadOnlyList<string> EgressRefused
    {
        get
        {
            List<string> own;
            lock (_refused) own = [.. _refused];
            return SharedEntry is { Loaded: true } shared && UsedSharedEntry ? [.. shared.EgressRefused, .. own] : own;
        }
    }

    /// <summary>Popups the pages opened by themselves, refused or closed (never followed, never against the portal);
    /// those of the shared entry load included when the probe read it.</summary>
    public int PopupsRefused
    {
        get
        {
            int own;
            lock (_contexts) own = _contexts.Sum(c => ZhangbanProbe.Probing.Browser.PopupGuard.For(c)?.Refused ?? 0);
            return SharedEntry is { Loaded: true } shared && UsedSharedEntry ? shared.PopupsRefused + own : own;
        }
    }

    /// <summary>The dialogs (alert, confirm, prompt) this probe's own pages raised so far, in order.</summary>
    public IReadOnlyList<ZhangbanProbe.Probing.Browser.DialogLog.Shown> Dialogs
    {
        get
        {
            lock (_contexts) return [.. _contexts.SelectMany(c => ZhangbanProbe.Probing.Browser.DialogLog.For(c)?.All ?? [])];
        }
    }

    /// <summary>The messages of the dialogs raised after the first <paramref name="seen"/> (an answer to what the probe just did).</summary>
    public IReadOnlyList<string> DialogMessagesSince(int seen) => [.. Dialogs.Skip(seen).Select(d => d.Message)];

    /// <summary>The entry load this probe shares with the readers run next to it (null: it loads its own).</summary>
    public SharedEntryVisit? SharedEntry { get; init; }

    /// <summary>Whether this probe read the shared entry load (its refused requests and upstream failures are then the probe's too).</summary>
    public bool UsedSharedEntry { get; private set; }

    internal void ReadShared() => UsedSharedEntry = true;

    /// <summary>Asks the egress guard about a URL the probe is about to fetch outside the browser (API request context, direct HTTP).</summary>
    public async Task<bool> MayFetchAsync(Uri url, CancellationToken ct = default)
    {
        if (Network is null) return true;
        var (d, _) = await Network.CheckAsync(url, ct);
        if (!d.Allowed) Refused(url.ToString(), d.Reason);
        return d.Allowed;
    }

    private void Refused(string url, string reason)
    {
        lock (_refused) if (_refused.Count < 20) _refused.Add($"{(url.Length > 200 ? url[..200] : url)} ({reason})");
    }

    private readonly Dictionary<string, Reason> _upstream = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Why a host named in a browser error could not be reached, as the egress proxy saw it (DNS, refused, timed out):
    /// behind the proxy the browser only sees a failed tunnel or an empty answer. Null when the proxy saw no such failure.
    /// </summary>
    public (string Host, Reason Reason)? UpstreamFailureIn(string? message)
    {
        if (string.IsNullOrEmpty(message)) return null;
        lock (_upstream)
            foreach (var (host, reason) in _upstream)
                if (message.Contains("//" + host, StringComparison.OrdinalIgnoreCase)) return (host, reason);
        return UsedSharedEntry ? SharedEntry?.UpstreamFailureIn(message) : null;
    }

    /// <summary>
    /// The page a user of the profile starts from: the H5 entry in the app profile when the manifest names one (the app
    /// opens its H5 pages), else the entry URL.
    /// </summary>
    public Uri StartUrl => BrowserOptions.ProfileKind == ZhangbanProbe.Core.Runs.BrowserProfile.App && Portal.AccessChannels.H5 is { } h5 ? h5 : Portal.EntryUrl;

    public Guid RunId { get; } = runId;
    public PortalManifest Portal { get; } = portal;
    public CatalogueEntry Entry { get; } = entry;
    public ProbeSettings Settings => Entry.Settings;
    public BrowserOptions BrowserOptions { get; } = browserOptions;
    public TimeProvider Time { get; } = time;
    public ILogger Logger { get; } = logger;
    public EvidenceWriter Evidence { get; } = evidence;

    /// <summary>Hints for this probe from the portal manifest (empty when none).</summary>
    public IReadOnlyDictionary<string, string> Hints =>
        Portal.Hints.TryGetValue(Entry.ProbeKey, out var h) ? h : new Dictionary<string, string>();

    /// <summary>Root certificates to trust besides the system's (<see cref="BrowserOptions.ExtraRootCertificates"/>).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2Collection ExtraRoots => browser.ExtraRoots;

    public async Task<IBrowserContext> NewBrowserContextAsync(ZhangbanProbe.Core.Runs.BrowserProfile? profile = null, bool ignoreHttpsErrors = false)
    {
        string? proxyServer = null;
        if (Network is { } network)
        {
            lock (_contexts)
                _proxy ??= new ZhangbanProbe.Probing.Network.EgressProxy(async (u, ct) =>
                {
                    var (d, addresses) = await network.CheckAsync(u, ct);
                    if (!d.Allowed) Refused(u.ToString(), d.Reason);
                    return (d, addresses);
                }, (host, reason) => { lock (_upstream) _upstream[host] = reason; });
            proxyServer = _proxy.Server;
        }
        var context = await browser.NewContextAsync(profile, ignoreHttpsErrors, proxyServer, Portal.AccessChannels.App?.UserAgentToken);
        lock (_contexts) _contexts.Add(context);
        if (Network is { } scope)
        {
            // Every request the page makes (documents, subresources, each redirect hop, fetches) meets the guard.
            await context.RouteAsync("**/*", async route =>
            {
                var url = route.Request.Url;
                var decision = Uri.TryCreate(url, UriKind.Absolute, out var u) ? (await scope.CheckAsync(u)).Decision : new(false, "not a URL");
                if (decision.Allowed) { try { await route.FallbackAsync(); } catch (PlaywrightException) { } return; }
                Refused(url, decision.Reason);
                // A name that does not resolve fails as the browser would have failed it (a DNS error), never reached.
                try { await route.AbortAsync(decision.Unresolved ? "namenotresolved" : "blockedbyclient"); } catch (PlaywrightException) { /* the page went away */ }
            });
            await context.RouteWebSocketAsync("**/*", async ws =>
            {
                var decision = Uri.TryCreate(ws.Url, UriKind.Absolute, out var u) ? (await scope.CheckAsync(u)).Decision : new(false, "not a URL");
                if (decision.Allowed) ws.ConnectToServer();
                else { Refused(ws.Url, decision.Reason); await ws.CloseAsync(); }
            });
        }
        return context;
    }

    /// <summary>Screenshot of the page's current state as evidence; never fails the probe.</summary>
    public async Task<EvidenceItem?> ScreenshotAsync(IPage page, string name)
    {
        if (!Evidence.Screenshots) return null;
        try
        {
            var jpeg = Evidence.Format != "png";
            var path = Evidence.PathFor(RunId, Portal.Id, Entry.ProbeKey, name, jpeg ? "jpg" : "png");
            await page.ScreenshotAsync(jpeg
                ? new PageScreenshotOptions { Path = path, Timeout = 10_000, Type = ScreenshotType.Jpeg, Quality = Evidence.JpegQuality, Scale = ScreenshotScale.Css }
                : new PageScreenshotOptions { Path = path, Timeout = 10_000 });
            return new EvidenceItem("screenshot", path, page.Url);
        }
        catch (Exception ex)
        {
            Logger.LogDebug(ex, "Screenshot {Name} failed", name);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        IBrowserContext[] contexts;
        lock (_contexts) contexts = [.. _contexts];
        foreach (var c in contexts)
        {
            try { await c.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10)); } catch { /* browser may be gone */ }
        }
        if (_proxy is not null) await _proxy.DisposeAsync();
    }
}
