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

    /// <summary>Page (document) requests in flight across all replicas, integrated over time.</summary>
    public InFlightMeter PagesInFlight { get; } = new();

    /// <summary>Port of the HTTPS listener (replicas with <see cref="ReplicaSite.Tls"/> are served there).</summary>
    public int HttpsPort { get; private set; }

    /// <summary>The test CA that signs the TLS replicas' certificates.</summary>
    public ReplicaCertificates Certificates { get; } = new();

    private ReplicaServer(WebApplication app) => _app = app;

    public IReadOnlyCollection<ReplicaSite> Sites => _sites.Values.ToList();

    public ReplicaSite this[string id] => _sites[id];

    /// <summary>The entry URL of a replica.</summary>
    public Uri EntryUrl(string id) => _sites.TryGetValue(id, out var s) && s.Tls is not null
        ? new($"https://{id}.localhost:{HttpsPort}/")
        : new($"http://{id}.localhost:{Port}/");

    /// <summary>The plain-HTTP URL of a replica's entry page (what a user typing the bare host reaches).</summary>
    public Uri HttpUrl(string id) => new($"http://{id}.localhost:{Port}/");

    public static async Task<ReplicaServer> StartAsync(IEnumerable<ReplicaSite>? sites = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ReplicaServer? server = null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxConcurrentConnections = 2000;
            k.Listen(System.Net.IPAddress.Loopback, 0);
            // HTTPS with the certificate chosen per host name (SNI): each TLS replica shows its own certificate.
            k.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(new Microsoft.AspNetCore.Server.Kestrel.Https.TlsHandshakeCallbackOptions
            {
                OnConnection = ctx =>
                {
                    var host = ctx.ClientHelloInfo.ServerName ?? "localhost";
                    var id = host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? host[..^".localhost".Length] : host;
                    var kind = server!._sites.TryGetValue(id, out var site) && site.Tls is { } tls ? tls.Certificate : ReplicaCertificate.Valid;
                    return ValueTask.FromResult(new System.Net.Security.SslServerAuthenticationOptions
                    {
                        ServerCertificate = server.Certificates.LeafFor(host, kind),
                    });
                },
            }));
        });
        var app = builder.Build();
        server = new ReplicaServer(app);
        foreach (var site in sites ?? ReplicaCatalogue.Default()) server.Add(site);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        server.Port = addresses.First(a => a.Scheme == "http").Port;
        server.HttpsPort = addresses.First(a => a.Scheme == "https").Port;
        Live[server] = true;
        return server;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ReplicaServer, bool> Live = new();

    /// <summary>
    /// The egress rules that let probes reach the replica servers running in this process, and nothing else on loopback:
    /// <c>*.localhost:PORT</c> for each server's HTTP and HTTPS ports (replica runs and tests allow only these).
    /// </summary>
    public static IReadOnlyList<string> LiveEgressRules => Live.Keys.SelectMany(s => s.EgressRules).Distinct().ToList();

    /// <summary>This server's egress rules: <c>*.localhost</c> on its two ports.</summary>
    public IReadOnlyList<string> EgressRules => [$"*.localhost:{Port}", $"*.localhost:{HttpsPort}"];

    /// <summary>The replica App Store's host (<c>appstore.localhost</c>): answers <c>/lookup?id=…&amp;country=cn</c> and <c>/search?term=…</c> like Apple's public lookup and search.</summary>
    public const string AppStoreHost = "appstore";

    /// <summary>The replica App Store's lookup endpoint.</summary>
    public Uri AppStoreLookupUrl => new($"http://{AppStoreHost}.localhost:{Port}/lookup");

    /// <summary>HTTP status the replica App Store answers with (503: the store cannot be reached).</summary>
    public int AppStoreStatus { get; set; } = 200;

    private async Task AnswerLookupAsync(HttpContext http)
    {
        if (AppStoreStatus != 200)
        {
            http.Response.StatusCode = AppStoreStatus;
            return;
        }
        http.Response.ContentType = "text/javascript; charset=utf-8"; // what Apple sends
        IEnumerable<ReplicaSite> listed;
        if (http.Request.Path == "/search")
        {
            // Apple's search matches names loosely; the replica store matches a name containing the term, or the term containing it.
            var term = http.Request.Query["term"].ToString().Trim();
            listed = term.Length == 0 ? [] : _sites.Values.Where(s => s.App is { } a && (Listed(s, a).Contains(term, StringComparison.OrdinalIgnoreCase) || term.Contains(Listed(s, a), StringComparison.OrdinalIgnoreCase)));
        }
        else
        {
            var id = http.Request.Query["id"].ToString();
            listed = _sites.Values.Where(s => s.App?.StoreId == id).Take(1);
        }
        var results = listed.Select(site => new
        {
            trackId = long.Parse(site.App!.StoreId), trackName = Listed(site, site.App), sellerName = site.App.Seller ?? $"{site.Province}大数据管理局",
            averageUserRating = site.App.Rating, userRatingCount = site.App.RatingCount, trackViewUrl = $"https://apps.apple.com/cn/app/id{site.App.StoreId}",
            bundleId = $"replica.{site.Id}",
        }).ToList();
        await http.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { resultCount = results.Count, results },
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) }));
    }

    private static string Listed(ReplicaSite site, ReplicaApp app) => app.Name ?? site.Platform;

    /// <summary>The replica App Store's search endpoint.</summary>
    public Uri AppStoreSearchUrl => new($"http://{AppStoreHost}.localhost:{Port}/search");

    public ReplicaSite Add(ReplicaSite site)
    {
        _sites[site.Id] = site;
        return site;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var host = http.Request.Host.Host;
        var id = host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? host[..^".localhost".Length] : host;
        // en-{id}.localhost: the English site of a replica that keeps its English version on another host.
        var englishHost = id.StartsWith("en-", StringComparison.Ordinal) && !_sites.ContainsKey(id);
        if (englishHost) id = id[3..];
        // m-{id}.localhost: the mobile host a device redirect sends phones to.
        var mobileHost = id.StartsWith("m-", StringComparison.Ordinal) && !_sites.ContainsKey(id);
        if (mobileHost) id = id[2..];
        if (id == AppStoreHost && (http.Request.Path == "/lookup" || http.Request.Path == "/search"))
        {
            await AnswerLookupAsync(http);
            return;
        }
        if (!_sites.TryGetValue(id, out var site))
        {
            http.Response.StatusCode = 404;
            await http.Response.WriteAsync($"no replica named '{id}'");
            return;
        }

        using var _ = site.Enter();
        // Page (document) requests across all replicas, for benchmarks of how busy a sweep keeps its slots.
        using var __ = http.Request.Headers["Sec-Fetch-Dest"] == "document" ? PagesInFlight.Enter() : null;
        var path = http.Request.Path.Value ?? "/";
        if (site.UserAgents.Count < 1000) site.UserAgents.Add(http.Request.Headers.UserAgent.ToString());
        if (site.Tls is { } tls)
        {
            if (!http.Request.IsHttps && tls.RedirectHttp)
            {
                http.Response.StatusCode = 301;
                http.Response.Headers.Location = $"https://{host}:{HttpsPort}{http.Request.Path}{http.Request.QueryString}";
                return;
            }
            if (http.Request.IsHttps && tls.Hsts) http.Response.Headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            if (http.Request.IsHttps) http.Response.Headers.XContentTypeOptions = "nosniff";
        }
        var aborted = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token).Token;

        try
        {
            if (!mobileHost && site.RedirectPaths.TryGetValue(path, out var target))
            {
                http.Response.StatusCode = 302;
                http.Response.Headers.Location = target;
                return;
            }
            if (!englishHost && site.Pages.TryGetValue(mobileHost ? "m:" + path : path, out var fixture))
            {
                await Html(http, 200, fixture.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("{id}", site.Id), aborted);
                return;
            }
            if (mobileHost)
            {
                http.Response.StatusCode = 404;
                return;
            }
            if (englishHost)
            {
                await Html(http, 200, ReplicaPages.English(site), aborted);
                return;
            }
            if (await FeaturePageAsync(http, site, path, aborted)) return;
            switch (path)
            {
                case "/" or "/index.html":
                    await EntryAsync(http, site, path, aborted);
                    return;
                case "/portal/index.html":
                    // The end of a redirect chain: latency and faults were applied at the entry URL.
                    await Html(http, 200, ReplicaPages.Home(site, Port, Elderly(http, site)), aborted);
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
                case "/static/stat.js":
                    http.Response.ContentType = "text/javascript";
                    await http.Response.WriteAsync("window.__stat = 1;", aborted);
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

    private static bool Elderly(HttpContext http, ReplicaSite site) =>
        site.Features.Elderly is ElderlyMode.Link or ElderlyMode.ScriptToggle && http.Request.Cookies["mode"] == "elderly";

    private static async Task Html(HttpContext http, int status, string html, CancellationToken aborted)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html, aborted);
    }

    /// <summary>The pages behind the entry page's features; false when the path is not one of them.</summary>
    private async Task<bool> FeaturePageAsync(HttpContext http, ReplicaSite site, string path, CancellationToken aborted)
    {
        var f = site.Features;
        switch (path)
        {
            case "/en/" or "/en":
                if (f.English is EnglishMode.Link or EnglishMode.OtherHost or EnglishMode.HreflangOnly or EnglishMode.Select)
                    await Html(http, 200, ReplicaPages.English(site), aborted);
                else if (f.English == EnglishMode.NoEffect)
                    await Html(http, 200, ReplicaPages.Home(site, Port), aborted); // an "English" link that keeps the Chinese page
                else await Html(http, 404, ReplicaPages.NotFound(site), aborted);
                return true;
            case "/elderly":
                if (f.Elderly == ElderlyMode.Link)
                {
                    http.Response.Cookies.Append("mode", "elderly", new CookieOptions { Path = "/" });
                    await Html(http, 200, ReplicaPages.Elderly(site, effective: true), aborted);
                }
                else if (f.Elderly == ElderlyMode.NoEffect) await Html(http, 200, ReplicaPages.Home(site, Port), aborted);
                else await Html(http, 404, ReplicaPages.NotFound(site), aborted);
                return true;
            case "/progress":
                switch (f.Progress)
                {
                    case ProgressMode.None: await Html(http, 404, ReplicaPages.NotFound(site), aborted); break;
                    case ProgressMode.Slider: await Html(http, 200, ReplicaPages.SliderCaptcha(site), aborted); break;
                    case ProgressMode.LoginWall: http.Response.Redirect("/login?redirect=%2Fprogress"); break;
                    default: await Html(http, 200, ReplicaPages.ProgressForm(site), aborted); break;
                }
                return true;
            case "/progress/result":
                switch (f.Progress)
                {
                    case ProgressMode.ServerError: await Html(http, 500, ReplicaPages.ServerError(site, 500), aborted); break;
                    case ProgressMode.Hang: await Task.Delay(Timeout.Infinite, aborted); break;
                    default: await Html(http, 200, ReplicaPages.ProgressResult(site, http.Request.Query["caseNo"].ToString()), aborted); break;
                }
                return true;
            case "/workbench" when f.Progress == ProgressMode.Hidden:
                await Html(http, 200, ReplicaPages.Workbench(site), aborted);
                return true;
            case "/progress/fragment" when f.Progress == ProgressMode.Hidden:
                await Html(http, 200, ReplicaPages.ProgressAnswer(site, http.Request.Query["caseNo"].ToString()), aborted);
                return true;
            case "/login":
                await Html(http, 200, ReplicaPages.Login(site), aborted);
                return true;
            case "/privacy" when f.Privacy != PrivacyMode.Missing:
                await Html(http, 200, ReplicaPages.Privacy(site), aborted);
                return true;
            case "/agreement" when f.Privacy != PrivacyMode.Missing:
                await Html(http, 200, ReplicaPages.Agreement(site), aborted);
                return true;
            case "/search" when f.Search != SearchMode.None:
                await Html(http, 200, ReplicaPages.SearchResults(site, http.Request.Query["q"].ToString()), aborted);
                return true;
            case "/cities" when f.Cities != CityMode.None:
                await Html(http, 200, ReplicaPages.Cities(site), aborted);
                return true;
            case var p when p.StartsWith("/city/", StringComparison.Ordinal) && f.Cities != CityMode.None
                                && int.TryParse(p[6..].TrimEnd('/'), out var city) && city >= 0 && city < ReplicaPages.CityNames.Length:
                if (f.Cities == CityMode.HalfBroken && city % 2 == 1) await Html(http, 502, ReplicaPages.ServerError(site, 502), aborted);
                else await Html(http, 200, ReplicaPages.City(site, city), aborted);
                return true;
            case "/shebao" or "/gjj" or "/jiaofei" when f.Services != ServicesMode.None:
                if (path == "/jiaofei" && f.Services == ServicesMode.DeadLink) await Html(http, 404, ReplicaPages.NotFound(site), aborted);
                else await Html(http, 200, ReplicaPages.Service(site, path), aborted);
                return true;
            case "/guide" when f.Guides != GuideMode.NoGuides:
                await Html(http, 200, ReplicaPages.Guide(site, http.Request.Query["item"].ToString()), aborted);
                return true;
            case "/zhengzhao" when f.Licence != LicenceMode.None:
                switch (f.Licence)
                {
                    case LicenceMode.SignIn: http.Response.Redirect("/login?redirect=%2Fzhengzhao"); break;
                    case LicenceMode.DeadLink: await Html(http, 502, ReplicaPages.ServerError(site, 502), aborted); break;
                    default: await Html(http, 200, ReplicaPages.Service(site, path), aborted); break;
                }
                return true;
            case "/personal" or "/enterprise" or "/huji" or "/crj" or "/haochaping" or "/hall" or "/about" or "/news/1.html"
                or "/complaint" or "/consult" or "/12345" or "/booking" or "/app/download" or "/m/" or "/qrcode" or "/miniprogram":
                await Html(http, 200, ReplicaPages.Simple(site, path), aborted);
                return true;
        }
        return false;
    }

    private async Task EntryAsync(HttpContext http, ReplicaSite site, string path, CancellationToken aborted)
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
            case ReplicaWall.CookieChallenge when !http.Request.Cookies.ContainsKey("zb_challenge"):
                // Ruishu/Cloudflare-style: the first answer is a script that sets a cookie and reloads; a browser passes it.
                http.Response.StatusCode = site.ChallengeStatus;
                await http.Response.WriteAsync(ReplicaPages.CookieChallenge(), aborted);
                return;
        }
        if (site.Status >= 400)
        {
            http.Response.StatusCode = site.Status;
            await http.Response.WriteAsync(site.Status >= 500 ? ReplicaPages.ServerError(site, site.Status) : ReplicaPages.NotFound(site), aborted);
            return;
        }
        http.Response.StatusCode = site.Status;
        var home = ReplicaPages.Home(site, Port, Elderly(http, site));
        if (site.Tls is { } tls)
        {
            http.Response.Cookies.Append("JSESSIONID", Guid.NewGuid().ToString("N"), new CookieOptions
            {
                Path = "/", Secure = tls.SecureCookies, HttpOnly = tls.SecureCookies,
            });
            if (tls.MixedContent)
                home = home.Replace("</body>", $"<script src=\"http://{site.Id}.localhost:{Port}/static/stat.js\"></script></body>", StringComparison.Ordinal);
        }
        await http.Response.WriteAsync(home, aborted);
    }

    public async ValueTask DisposeAsync()
    {
        Live.TryRemove(this, out _);
        await _stopping.CancelAsync();
        try { using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5)); await _app.StopAsync(cts.Token); } catch { }
        await _app.DisposeAsync();
        _stopping.Dispose();
        Certificates.Dispose();
    }
}
