using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Probing.Probes.TransportSecurity;

/// <summary>What plain HTTP does for the entry host.</summary>
public enum PlainHttp
{
    /// <summary>Redirects to an https URL.</summary>
    RedirectsToHttps,
    /// <summary>Serves pages (or redirects to other plain-HTTP pages).</summary>
    ServesPlain,
    /// <summary>Nothing listens for plain HTTP: nothing is served insecurely.</summary>
    NotServed,
}

public sealed record CertificateFacts(
    string Subject, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter,
    bool ChainTrusted, bool NameMatches, string ChainProblem);

public sealed record CookieFact(string Name, bool Secure, bool HttpOnly);

/// <summary>Everything transport-security observed; judged by <see cref="TransportSecurityRules.Judge"/>.</summary>
public sealed record TransportFacts
{
    /// <summary>A TLS handshake on the HTTPS port completed.</summary>
    public bool HttpsAvailable { get; init; }
    public string HttpsProblem { get; init; } = "";
    /// <summary>Negotiated protocol version, e.g. 1.2 or 1.3.</summary>
    public double? TlsVersion { get; init; }
    public CertificateFacts? Certificate { get; init; }
    public PlainHttp PlainHttp { get; init; }
    public string PlainHttpDetail { get; init; } = "";
    public string? Hsts { get; init; }
    /// <summary>Other security headers and whether the entry page's answer carried them.</summary>
    public IReadOnlyDictionary<string, bool> SecurityHeaders { get; init; } = new Dictionary<string, bool>();
    public IReadOnlyList<CookieFact> Cookies { get; init; } = [];
    public IReadOnlyList<string> MixedContent { get; init; } = [];
    /// <summary>Why the entry page could not be looked at for mixed content (null: it was).</summary>
    public string? MixedContentNotChecked { get; init; }
}

/// <summary>
/// Pure rules of transport-security. Fails are what endangers users (no HTTPS, plain HTTP served, a certificate
/// a browser rejects, TLS older than 1.2, active mixed content); degradations are hardening gaps (a certificate
/// close to expiry, no HSTS, cookies without Secure). Other headers are reported, not judged: most government
/// sites lack them and flagging them all would drown the real problems.
/// </summary>
public static class TransportSecurityRules
{
    public static readonly string[] ReportedHeaders = ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"];

    public static long? HstsMaxAge(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var m = Regex.Match(header, @"max-age\s*=\s*""?(\d+)", RegexOptions.IgnoreCase);
        return m.Success && long.TryParse(m.Groups[1].Value, out var v) ? v : null;
    }

    public static (Outcome Outcome, Reason Reason, string Detail, IReadOnlyList<Measurement> Measurements) Judge(
        TransportFacts facts, DateTimeOffset now, TimeSpan expiryWarning)
    {
        var notes = new List<string>();
        var fails = new List<Reason>();
        var degradations = new List<Reason>();
        var measurements = new List<Measurement>();

        if (!facts.HttpsAvailable)
        {
            fails.Add(Reason.NoHttps);
            notes.Add($"no HTTPS: {facts.HttpsProblem}");
        }
        else
        {
            if (facts.TlsVersion is { } v)
            {
                measurements.Add(new("tls_version", v, "version"));
                notes.Add($"TLS {v:0.0}");
                if (v < 1.2) { fails.Add(Reason.WeakTls); notes.Add("TLS older than 1.2"); }
            }
            if (facts.Certificate is { } c)
            {
                var daysLeft = Math.Floor((c.NotAfter - now).TotalDays);
                measurements.Add(new("cert_days_left", daysLeft, "days"));
                notes.Add($"certificate '{c.Subject}' from '{c.Issuer}', valid to {c.NotAfter:yyyy-MM-dd} ({daysLeft:0} days left)");
                if (c.NotAfter <= now) { fails.Add(Reason.CertExpired); notes.Add($"certificate expired on {c.NotAfter:yyyy-MM-dd}"); }
                else if (c.NotBefore > now) { fails.Add(Reason.CertExpired); notes.Add($"certificate not valid before {c.NotBefore:yyyy-MM-dd}"); }
                else if (c.NotAfter - now < expiryWarning) degradations.Add(Reason.CertExpiring);
                if (!c.NameMatches) { fails.Add(Reason.CertNameMismatch); notes.Add("certificate is not for this host name"); }
                if (!c.ChainTrusted) { fails.Add(Reason.CertUntrusted); notes.Add($"certificate not trusted: {c.ChainProblem}"); }
            }

            var maxAge = HstsMaxAge(facts.Hsts);
            measurements.Add(new("hsts_max_age", maxAge ?? 0, "s"));
            if (maxAge is null or 0) { degradations.Add(Reason.MissingHsts); notes.Add("no Strict-Transport-Security"); }
            else notes.Add($"HSTS max-age {maxAge}");

            var insecure = facts.Cookies.Where(k => !k.Secure).Select(k => k.Name).ToList();
            measurements.Add(new("insecure_cookies", insecure.Count, "count"));
            if (insecure.Count > 0) { degradations.Add(Reason.InsecureCookies); notes.Add($"cookies without Secure: {string.Join(", ", insecure)}"); }
            var noHttpOnly = facts.Cookies.Where(k => !k.HttpOnly).Select(k => k.Name).ToList();
            if (noHttpOnly.Count > 0) notes.Add($"cookies without HttpOnly: {string.Join(", ", noHttpOnly)}");

            if (facts.MixedContentNotChecked is { } why) notes.Add($"mixed content not checked: {why}");
            else measurements.Add(new("mixed_content", facts.MixedContent.Count, "count"));
            if (facts.MixedContent.Count > 0)
            {
                fails.Add(Reason.MixedContent);
                notes.Add($"loads over plain HTTP: {string.Join(", ", facts.MixedContent.Take(3))}{(facts.MixedContent.Count > 3 ? $" (+{facts.MixedContent.Count - 3})" : "")}");
            }
            var missing = facts.SecurityHeaders.Where(h => !h.Value).Select(h => h.Key).ToList();
            measurements.Add(new("security_headers", facts.SecurityHeaders.Count(h => h.Value), "count"));
            if (missing.Count > 0) notes.Add($"headers absent: {string.Join(", ", missing)}");
        }

        measurements.Add(new("http_redirects_to_https", facts.PlainHttp == PlainHttp.RedirectsToHttps ? 1 : 0, "bool"));
        switch (facts.PlainHttp)
        {
            case PlainHttp.ServesPlain when facts.HttpsAvailable:
                fails.Add(Reason.NoHttpsRedirect);
                notes.Add($"plain HTTP is served without a redirect to HTTPS ({facts.PlainHttpDetail})");
                break;
            case PlainHttp.RedirectsToHttps: notes.Add("HTTP redirects to HTTPS"); break;
            case PlainHttp.NotServed: notes.Add("plain HTTP not served"); break;
        }

        var detail = string.Join("; ", notes);
        if (fails.Count > 0) return (Outcome.Fail, fails[0], detail, measurements);
        if (degradations.Count > 0) return (Outcome.Degraded, degradations[0], detail, measurements);
        return (Outcome.Pass, Reason.Ok, detail, measurements);
    }
}
