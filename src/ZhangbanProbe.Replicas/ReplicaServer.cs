using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ZhangbanProbe.Replicas;

/// <summary>
/// Serves replica portals in-process on 127.0.0.1 on a free port. Each replica answers on its own host name,
/// <c>{id}.localhost</c> (browsers resolve *.localhost to loopback), so per-host limits apply per replica
/// exactly as they do per real portal.
/// </summary>
public sealed class ReplicaServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ReplicaSite> _sites = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();

    public int Port { get; private set; }

    private ReplicaServer(WebApplication app) => _app = app;

    public IReadOnlyCollection<ReplicaSite> Sites => _sites.Values.ToList();

    public ReplicaSite this[string id] => _sites[id];

    /// <summary>The entry URL of a replica.</summary>
    public Uri EntryUrl(string id) => new($"http://{id}.localhost:{Port}/");

    public static async Task<ReplicaServer> StartAsync(IEnumerable<ReplicaSite>? sites = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = 2000);
        var app = builder.Build();
        var server = new ReplicaServer(app);
        foreach (var site in sites ?? ReplicaCatalogue.Default()) server.Add(site);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    public ReplicaSite Add(ReplicaSite site)
    {
        _sites[site.Id] = site;
        return site;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var host = http.Request.Host.Host;
        var id = host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? host[..^".localhost".Length] : host;
        if (!_sites.TryGetValue(id, out var site))
        {
            http.Response.StatusCode = 404;
            await http.Response.WriteAsync($"no replica named '{id}'");
            return;
        }

        using var _ = site.Enter();
        var path = http.Request.Path.Value ?? "/";
        var aborted = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token).Token;

        try
        {
            switch (path)
            {
                case "/" or "/index.html":
                    await EntryAsync(http, site, path, aborted);
                    return;
                case "/portal/index.html":
                    // The end of a redirect chain: latency and faults were applied at the entry URL.
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync(ReplicaPages.Home(site), aborted);
                    return;
                case "/static/site.css":
                    http.Response.ContentType = "text/css; charset=utf-8";
                    http.Response.Headers.CacheControl = "max-age=3600";
                    await http.Response.WriteAsync(ReplicaPages.Css, aborted);
                    return;
                case "/static/logo.svg":
                    http.Response.ContentType = "image/svg+xml";
                    await http.Response.WriteAsync(ReplicaPages.Logo(site), aborted);
                    return;
                case "/favicon.ico":
                    http.Response.StatusCode = 204;
                    return;
            }
            if (path.StartsWith("/r/", StringComparison.Ordinal) && int.TryParse(path[3..], out var hop))
            {
                http.Response.Redirect(hop >= site.Redirects ? "/portal/index.html" : $"/r/{hop + 1}");
                return;
            }
            http.Response.StatusCode = 404;
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(ReplicaPages.NotFound(site), aborted);
        }
        catch (OperationCanceledException) { /* client went away or server stopping */ }
    }

    private static async Task EntryAsync(HttpContext http, ReplicaSite site, string path, CancellationToken aborted)
    {
        using var page = site.EnterPage();
        var n = site.CountEntryRequest();
        site.OnEntryRequest?.Invoke(site);
        if (site.Hang)
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return;
        }
        var delay = site.Latency + (site.Jitter > TimeSpan.Zero ? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * site.Jitter.TotalMilliseconds) : TimeSpan.Zero);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, aborted);

        if (path == "/" && site.Redirects > 0)
        {
            http.Response.Redirect("/r/1");
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        if (n <= site.FailFirst)
        {
            http.Response.StatusCode = 503;
            await http.Response.WriteAsync(ReplicaPages.ServerError(site, 503), aborted);
            return;
        }
        switch (site.Wall)
        {
            case ReplicaWall.SliderCaptcha:
                await http.Response.WriteAsync(ReplicaPages.SliderCaptcha(site), aborted);
                return;
            case ReplicaWall.Waf:
                http.Response.StatusCode = 403;
                await http.Response.WriteAsync(ReplicaPages.Waf(site), aborted);
                return;
            case ReplicaWall.JsChallenge:
                http.Response.StatusCode = 412;
                await http.Response.WriteAsync(ReplicaPages.JsChallenge(), aborted);
                return;
            case ReplicaWall.LoginWall:
                http.Response.Redirect("/login?redirect=%2F");
                return;
        }
        if (site.Status >= 400)
        {
            http.Response.StatusCode = site.Status;
            await http.Response.WriteAsync(site.Status >= 500 ? ReplicaPages.ServerError(site, site.Status) : ReplicaPages.NotFound(site), aborted);
            return;
        }
        http.Response.StatusCode = site.Status;
        await http.Response.WriteAsync(ReplicaPages.Home(site), aborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try { using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5)); await _app.StopAsync(cts.Token); } catch { }
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
