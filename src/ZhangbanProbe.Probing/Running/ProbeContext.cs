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
    ILogger logger) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

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

    public async Task<IBrowserContext> NewBrowserContextAsync(string? profile = null, bool ignoreHttpsErrors = false)
    {
        var context = await browser.NewContextAsync(profile, ignoreHttpsErrors);
        lock (_contexts) _contexts.Add(context);
        return context;
    }

    /// <summary>Screenshot of the page's current state as evidence; never fails the probe.</summary>
    public async Task<EvidenceItem?> ScreenshotAsync(IPage page, string name)
    {
        if (!Evidence.Screenshots) return null;
        try
        {
            var path = Evidence.PathFor(RunId, Portal.Id, Entry.ProbeKey, name, "png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Timeout = 10_000 });
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
    }
}
