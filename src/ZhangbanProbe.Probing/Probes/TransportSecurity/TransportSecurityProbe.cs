using ZhangbanProbe.Core.Catalogue;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Browser;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

using ZhangbanProbe.Probing.Network;

namespace ZhangbanProbe.Probing.Probes.TransportSecurity;

/// <summary>
/// <c>transport-security</c>: is the platform what it claims to be, and is talking to it private? HTTPS offered,
/// plain HTTP redirected to HTTPS, a certificate a browser accepts (trusted chain, right host, not expired; days to
/// expiry reported), TLS 1.2 or newer, HSTS and other security headers, cookie flags, and no mixed content on the
/// entry page. It informs 敢用 (安全可靠): citizens type identity numbers into these sites.
/// The certificate and TLS facts come from a direct handshake (.NET SslStream), not the browser, so an invalid
/// certificate is reported as the portal's failure with its details instead of a browser error.
/// Manifest hints: <c>https_url</c> and <c>http_url</c> (defaults: HTTPS on the entry host at 443, or the entry URL itself when it is
/// https; plain HTTP at the entry URL itself when it is http (its own port), else the entry host on 80).
/// </summary>
public sealed class TransportSecurityProbe : IIndicatorProbe
{
    public const string ProbeKey = "transport-security";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("传输安全", "transport security"),
        SettingsSchema.Of<TransportSecuritySettings>(),
        ["https_url", "http_url"]);

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var entry = context.Portal.EntryUrl;
        var httpsUrl = context.Hints.TryGetValue("https_url", out var h) ? new Uri(h)
            : entry.Scheme == Uri.UriSchemeHttps ? entry : new UriBuilder(entry) { Scheme = "https", Port = 443 }.Uri;
        // The entry URL is evidence: an http:// entry on its own port is the plain-HTTP service users are sent to.
        var httpUrl = context.Hints.TryGetValue("http_url", out var p) ? new Uri(p)
            : entry.Scheme == Uri.UriSchemeHttp ? entry : new UriBuilder(entry) { Scheme = "http", Port = 80 }.Uri;
        var timeout = context.BrowserOptions.NavigationTimeout;
        var now = context.Time.GetUtcNow();
        var evidence = new List<EvidenceItem>();
        var urls = new List<string> { httpsUrl.ToString(), httpUrl.ToString() };

        // 1. TLS handshake on the HTTPS port, certificate judged against the system roots (and configured extra roots).
        var (tls, tlsError) = await InspectTlsAsync(httpsUrl, context.ExtraRoots, timeout, cancellationToken, context.Network);
        if (tls?.Leaf is { } leaf && context.Evidence.Screenshots)
        {
            var path = context.Evidence.PathFor(context.RunId, context.Portal.Id, ProbeKey, "certificate", "pem");
            await File.WriteAllTextAsync(path, leaf.ExportCertificatePem(), cancellationToken);
            evidence.Add(new EvidenceItem("certificate", path, httpsUrl.ToString()));
        }

        // 2. What plain HTTP does.
        using var client = DirectNetwork.UncheckedClient(timeout, "Mozilla/5.0 (Linux; Android 14) ZhangbanProbe", context.Network);
        var (plain, plainDetail, plainError) = await PlainHttpAsync(client, httpUrl, u => context.MayFetchAsync(u, cancellationToken), cancellationToken);
        if (tls is null && plain == PlainHttp.NotServed && (tlsError ?? plainError) is { } nothing)
        {
            // Neither answered: the probe could not observe (DNS, network, a hung server): an error, not a verdict.
            // A refused HTTPS port (by the server, or by the egress guard: not ours to reach) says less than a
            // plain-HTTP port that hangs, so the latter is reported then.
            var httpsRefused = tlsError is EgressRefusedException or SocketException { SocketErrorCode: SocketError.ConnectionRefused };
            throw httpsRefused && plainError is not null ? plainError : nothing;
        }

        var facts = new TransportFacts
        {
            HttpsAvailable = tls is not null,
            HttpsProblem = tlsError is null ? "" : FailureClassifier.Classify(tlsError).Message,
            TlsVersion = tls?.Version,
            Certificate = tls?.Certificate,
            PlainHttp = plain,
            PlainHttpDetail = plainDetail,
        };

        // 3. Headers and cookies of the HTTPS entry (redirects followed by hand, cookies from every HTTPS hop).
        if (tls is not null)
        {
            var (headers, cookies, finalUrl, chain) = await HttpsEntryAsync(client, httpsUrl, u => context.MayFetchAsync(u, cancellationToken), cancellationToken);
            urls.AddRange(chain);
            facts = facts with
            {
                Hsts = headers.TryGetValue("Strict-Transport-Security", out var hsts) ? hsts : null,
                SecurityHeaders = TransportSecurityRules.ReportedHeaders.ToDictionary(n => n, headers.ContainsKey),
                Cookies = cookies,
            };

            // 4. Mixed content, seen by the browser (certificate errors ignored here: already judged above).
            try
            {
                var browserContext = await context.NewBrowserContextAsync(ignoreHttpsErrors: true);
                var page = await browserContext.NewPageAsync();
                var insecure = new HashSet<string>(StringComparer.Ordinal);
                page.Console += (_, m) =>
                {
                    if (m.Text.Contains("Mixed Content", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.Match(m.Text, "insecure [a-z ]*'(http://[^']+)'") is { Success: true } mc)
                        lock (insecure) if (insecure.Count < 200) insecure.Add(mc.Groups[1].Value);
                };
                page.Request += (_, r) => { if (r.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !r.IsNavigationRequest) lock (insecure) if (insecure.Count < 200) insecure.Add(CappedList.Clip(r.Url, 500)); };
                await page.GotoAsync(finalUrl.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                await PageTools.SettleAsync(page);
                var declared = await page.EvaluateAsync<string[]>("""
                    () => Array.from(document.querySelectorAll('script[src], link[rel~="stylesheet"][href], iframe[src], img[src], audio[src], video[src], source[src], object[data], form[action]'))
                      .map(e => e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('data') || e.getAttribute('action') || '')
                      .filter(u => /^http:\/\//i.test(u)).slice(0, 200).map(u => u.slice(0, 500))
                    """);
                lock (insecure) foreach (var u in declared) if (insecure.Count < 200) insecure.Add(u);
                facts = page.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                    ? facts with { MixedContent = insecure.Order(StringComparer.Ordinal).ToList() }
                    : facts with { MixedContentNotChecked = $"the entry page ends on {page.Url}, not HTTPS" };
                urls.Add(page.Url);
                if (await context.ScreenshotAsync(page, "entry") is { } shot) evidence.Add(shot);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                // The transport facts stand on their own; say that the page could not be inspected for mixed content.
                facts = facts with { MixedContentNotChecked = $"the entry page did not load ({FailureClassifier.Classify(ex).Message})" };
                context.Logger.LogPageNotInspected(ex.Message);
            }
        }

        var (outcome, reason, detail, measurements) = TransportSecurityRules.Judge(
            facts, now, context.Settings.As<TransportSecuritySettings>().ExpiryWarning);
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail, Measurements = measurements,
            Urls = urls.Distinct().ToList(), Evidence = evidence,
        };
    }

    private sealed record TlsObservation(double Version, CertificateFacts Certificate, X509Certificate2 Leaf);

    private static async Task<(TlsObservation?, Exception?)> InspectTlsAsync(Uri url, X509Certificate2Collection extraRoots, TimeSpan timeout, CancellationToken cancellationToken,
        ZhangbanProbe.Probing.Network.EgressScope? scope = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        X509Certificate2? leaf = null;
        var presented = new X509Certificate2Collection();
        var errors = SslPolicyErrors.None;
        try
        {
            using var socket = await DirectNetwork.ConnectAsync(url.Host, url.Port, cts.Token, scope);
            await using var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false), false, (_, cert, chain, e) =>
            {
                errors = e;
                if (cert is not null) leaf = X509CertificateLoader.LoadCertificate(cert.GetRawCertData());
                if (chain is not null) foreach (var el in chain.ChainElements) presented.Add(X509CertificateLoader.LoadCertificate(el.Certificate.RawData));
                return true; // judged below, so that a bad certificate is described rather than refused
            });
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = url.Host,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, cts.Token);
            if (leaf is null) return (null, new AuthenticationException("the server presented no certificate"));
            var version = ssl.SslProtocol switch
            {
#pragma warning disable SYSLIB0039, CS0618 // old protocol names are what we want to recognise
                SslProtocols.Tls13 => 1.3, SslProtocols.Tls12 => 1.2, SslProtocols.Tls11 => 1.1, SslProtocols.Tls => 1.0,
#pragma warning restore SYSLIB0039, CS0618
                _ => 0.0,
            };
            var (trusted, problem) = ChainTrust(leaf, presented, extraRoots);
            var certificate = new CertificateFacts(leaf.GetNameInfo(X509NameType.SimpleName, false), leaf.GetNameInfo(X509NameType.SimpleName, true),
                new DateTimeOffset(leaf.NotBefore.ToUniversalTime()), new DateTimeOffset(leaf.NotAfter.ToUniversalTime()),
                trusted, !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch), problem);
            return (new TlsObservation(version, certificate, leaf), null);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData) { throw; } // the host does not exist: error (dns)
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new TimeoutException($"no TLS handshake with {url.Host}:{url.Port} within {timeout.TotalSeconds:0} s"));
        }
        catch (Exception ex) when (ex is SocketException or AuthenticationException or IOException)
        {
            return (null, ex);
        }
    }

    /// <summary>Chain trust without time checks (expiry is judged apart): system roots first, then the extra roots.</summary>
    private static (bool Trusted, string Problem) ChainTrust(X509Certificate2 leaf, X509Certificate2Collection presented, X509Certificate2Collection extraRoots)
    {
        string Build(bool custom)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid;
            chain.ChainPolicy.ExtraStore.AddRange(presented);
            if (custom)
            {
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(extraRoots);
            }
            if (chain.Build(leaf)) return "";
            var status = chain.ChainStatus.Where(s => s.Status is not (X509ChainStatusFlags.NotTimeValid or X509ChainStatusFlags.NoError)).ToList();
            return status.Count == 0 ? "" : string.Join(", ", status.Select(s => s.Status.ToString()).Distinct());
        }
        var problem = Build(custom: false);
        if (problem.Length > 0 && extraRoots.Count > 0 && Build(custom: true) is { Length: 0 }) problem = "";
        if (problem.Contains("UntrustedRoot") && leaf.SubjectName.RawData.SequenceEqual(leaf.IssuerName.RawData)) problem = "self-signed certificate";
        return (problem.Length == 0, problem);
    }

    private static async Task<(PlainHttp, string, Exception?)> PlainHttpAsync(HttpClient client, Uri url, Func<Uri, Task<bool>> mayFetch, CancellationToken cancellationToken)
    {
        var current = url;
        try
        {
            for (var hop = 0; hop < 5; hop++)
            {
                using var response = await client.GetAsync(current, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (next.Scheme == Uri.UriSchemeHttps) return (PlainHttp.RedirectsToHttps, $"{current} → {next}", null);
                    // Every redirect hop meets the egress guard again.
                    if (!await mayFetch(next)) return (PlainHttp.ServesPlain, $"{current} redirects on plain HTTP to {next} (not followed: egress refused)", null);
                    current = next;
                    continue;
                }
                return (PlainHttp.ServesPlain, $"{current} answers HTTP {status}", null);
            }
            return (PlainHttp.ServesPlain, $"{current}: redirects stay on plain HTTP", null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (PlainHttp.NotServed, $"{url}: {ex.Message}", ex);
        }
    }

    private static async Task<(Dictionary<string, string> Headers, List<CookieFact> Cookies, Uri FinalUrl, List<string> Chain)> HttpsEntryAsync(
        HttpClient client, Uri url, Func<Uri, Task<bool>> mayFetch, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var cookies = new List<CookieFact>();
        var chain = new List<string>();
        var current = url;
        try
        {
            for (var hop = 0; hop < 6; hop++)
            {
                chain.Add(current.ToString());
                using var response = await client.GetAsync(current, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (current.Scheme == Uri.UriSchemeHttps)
                {
                    foreach (var (name, values) in response.Headers) if (!headers.ContainsKey(name)) headers[name] = string.Join(", ", values);
                    if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
                        cookies.AddRange(setCookies.Select(ParseCookie));
                }
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (!await mayFetch(next)) break; // the guard refused the hop: judged on what was seen so far
                    current = next;
                    continue;
                }
                break;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The handshake worked but the page did not answer: headers stay unknown (reported as absent).
        }
        return (headers, cookies, current, chain);
    }

    private static CookieFact ParseCookie(string header)
    {
        var parts = header.Split(';').Select(x => x.Trim()).ToList();
        var name = parts[0].Split('=', 2)[0];
        return new CookieFact(name, parts.Skip(1).Any(a => a.Equals("secure", StringComparison.OrdinalIgnoreCase)),
            parts.Skip(1).Any(a => a.Equals("httponly", StringComparison.OrdinalIgnoreCase)));
    }
}

internal static partial class TransportSecurityLog
{
    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Entry page not inspected for mixed content: {Problem}")]
    public static partial void LogPageNotInspected(this Microsoft.Extensions.Logging.ILogger logger, string problem);
}
