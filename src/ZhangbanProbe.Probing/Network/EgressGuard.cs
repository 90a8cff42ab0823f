using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ZhangbanProbe.Probing.Network;

/// <summary>What the operator lets pages reach (<c>Egress:Allow</c>) and which DNS server answers (<c>Egress:DnsServer</c>).</summary>
public sealed class EgressOptions
{
    public const string Section = "Egress";

    /// <summary>
    /// Host names (<c>intranet.lab</c>, <c>*.localhost</c>) and CIDR ranges (<c>10.20.0.0/16</c>) pages may make the
    /// worker fetch although they are not public, each optionally on one port only (<c>*.localhost:8080</c>,
    /// <c>10.20.0.0/16:443</c>). Default: none.
    /// </summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>The DNS server every name a probe reaches is asked (<c>127.0.0.1:5353</c>); default: the system's resolver.</summary>
    public string? DnsServer { get; set; }
}

/// <summary>The guard's answer for one URL. <paramref name="Unresolved"/>: the name does not resolve (nothing is reached).</summary>
public sealed record EgressDecision(bool Allowed, string Reason, bool Unresolved = false)
{
    public static readonly EgressDecision Yes = new(true, "");
}

/// <summary>Allow rules a host process adds while it runs (the replica server's own ports): host patterns with a port.</summary>
public interface IEgressAllowSource
{
    IEnumerable<string> Rules { get; }
}

/// <summary>
/// One egress guard for everything a page makes the worker fetch. Every host — the manifests' own included — must
/// resolve to public addresses only (no loopback, private, link-local, CGNAT, multicast, reserved or metadata ranges,
/// nor the worker's own interface addresses; IPv4 and IPv6, however written), unless an <c>Egress:Allow</c> rule names
/// it (on its port, when the rule gives one). A name is resolved once per probe (<see cref="EgressScope"/>) and every
/// connection goes to the addresses checked. A name that does not resolve is not passed through. Endpoints the
/// operator configures (database, SMTP, webhooks) never pass through it.
/// </summary>
public sealed class EgressGuard
{
    private sealed record Rule(string? Name, (IPAddress Network, int Prefix)? Range, int? Port)
    {
        public bool PortMatches(int port) => Port is null || Port == port;
    }

    private readonly IReadOnlyList<Rule> _static;
    private readonly IReadOnlyList<IEgressAllowSource> _sources;
    private readonly HashSet<IPAddress> _own = OwnAddresses();

    public EgressResolver Resolver { get; }

    public EgressGuard(IOptions<EgressOptions> options, EgressResolver? resolver = null, IEnumerable<IEgressAllowSource>? sources = null)
    {
        Resolver = resolver ?? new EgressResolver(options);
        _static = options.Value.Allow.Select(ParseRule).OfType<Rule>().ToList();
        _sources = sources?.ToList() ?? [];
    }

    /// <summary>A new scope for one probe: names resolved once, decisions and connections on the same addresses.</summary>
    public EgressScope NewScope() => new(this);

    /// <summary>Checks the <c>Egress:Allow</c> entries at start (a bad CIDR or port is a configuration error naming the key).</summary>
    public static IEnumerable<string> Validate(EgressOptions o)
    {
        for (var i = 0; i < o.Allow.Count; i++)
        {
            var a = o.Allow[i];
            if (string.IsNullOrWhiteSpace(a)) yield return $"Egress:Allow:{i} is empty";
            else if (ParseRule(a) is null) yield return $"Egress:Allow:{i} '{a}' is not a host name or a CIDR range, optionally with :port (e.g. intranet.lab, 10.20.0.0/16:443)";
        }
        if (o.DnsServer is { Length: > 0 } d && !IPEndPoint.TryParse(d, out _))
            yield return $"Egress:DnsServer '{d}' is not an address with an optional port (e.g. 127.0.0.1:5353)";
    }

    /// <summary>The decision on a URL, on a fresh resolution (outside a probe: tests, tools).</summary>
    public async Task<EgressDecision> CheckAsync(Uri url, CancellationToken ct = default) => (await CheckAsync(url, NewScope(), ct)).Decision;

    /// <summary>The decision and the addresses it was made on (connect to these: no second resolution).</summary>
    public async Task<(EgressDecision Decision, IPAddress[] Addresses)> CheckAsync(Uri url, EgressScope scope, CancellationToken ct = default)
    {
        if (url.Scheme is not ("http" or "https" or "ws" or "wss"))
            return (url.Scheme is "data" or "blob" or "about" ? EgressDecision.Yes : new(false, $"scheme '{url.Scheme}' is never fetched"), []);
        var host = url.IdnHost.Trim('[', ']').ToLowerInvariant();
        var port = url.Port;
        var rules = Rules();
        var addresses = await scope.ResolveAsync(host, ct);
        if (addresses.Length == 0) return (new(false, $"{host} does not resolve (not fetched)", Unresolved: true), []);
        if (rules.Any(r => r.Name is { } n && NameMatches(n, host) && r.PortMatches(port))) return (EgressDecision.Yes, addresses);
        foreach (var address in addresses)
        {
            if (rules.Any(r => r.Range is { } range && InRange(address, range) && r.PortMatches(port))) continue;
            if (!IsPublic(address) || _own.Contains(Normal(address)))
                return (new(false, $"{host}:{port} resolves to {address}, which is not a public address"), []);
        }
        return (EgressDecision.Yes, addresses);
    }

    private List<Rule> Rules()
    {
        if (_sources.Count == 0) return [.. _static];
        return [.. _static, .. _sources.SelectMany(s => s.Rules).Select(ParseRule).OfType<Rule>()];
    }

    private static Rule? ParseRule(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Length == 0) return null;
        int? port = null;
        // A port follows the last ':' after a CIDR's '/' or a host name (IPv6 ranges keep their colons before the '/').
        var slash = t.IndexOf('/');
        var colon = t.LastIndexOf(':');
        if (colon > slash && (slash >= 0 || t.Count(c => c == ':') == 1))
        {
            var p = t[(colon + 1)..];
            if (p != "*")
            {
                if (!int.TryParse(p, out var n) || n < 1 || n > 65535) return null;
                port = n;
            }
            t = t[..colon];
        }
        if (t.Contains('/')) return TryParseCidr(t, out var range) ? new Rule(null, range, port) : null;
        if (IPAddress.TryParse(t, out var ip)) return new Rule(null, (ip, ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128), port);
        return System.Text.RegularExpressions.Regex.IsMatch(t, @"^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$") ? new Rule(t, null, port) : null;
    }

    private static IPAddress Normal(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;

    // The worker's own interface addresses are never "public": a page must not reach the worker's own services by them.
    private static HashSet<IPAddress> OwnAddresses()
    {
        try
        {
            return System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => Normal(u.Address)).ToHashSet();
        }
        catch (Exception) { return []; }
    }

    private static bool NameMatches(string pattern, string host) =>
        pattern.StartsWith("*.", StringComparison.Ordinal) ? host.EndsWith(pattern[1..], StringComparison.Ordinal) || host == pattern[2..] : host == pattern;

    /// <summary>A public unicast address: not loopback, private, link-local, CGNAT, multicast, documentation, benchmark, reserved or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224               // this network, private, loopback, multicast and reserved
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)                           // CGNAT 100.64/10
                || (b[0] == 169 && b[1] == 254)                                         // link-local, cloud metadata 169.254.169.254
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)                            // 172.16/12
                || (b[0] == 192 && b[1] == 168)                                         // 192.168/16
                || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))               // IETF protocol assignments, TEST-NET-1
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))                          // benchmarking 198.18/15
                || (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113)); // TEST-NET-2/3
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal) return false;
        var v6 = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address: judge that one.
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b) return IsPublic(new IPAddress(v6[12..16]));
        if (v6[0] == 0x20 && v6[1] == 0x02) return IsPublic(new IPAddress(v6[2..6]));
        if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8) return false; // documentation 2001:db8::/32
        return (v6[0] & 0xe0) == 0x20; // global unicast 2000::/3
    }

    private static bool TryParseCidr(string text, out (IPAddress Network, int Prefix) range)
    {
        range = default;
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var ip) || !int.TryParse(parts[1], out var prefix)) return false;
        if (prefix < 0 || prefix > (ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)) return false;
        range = (ip, prefix);
        return true;
    }

    private static bool InRange(IPAddress address, (IPAddress Network, int Prefix) range)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != range.Network.AddressFamily) return false;
        var a = address.GetAddressBytes();
        var n = range.Network.GetAddressBytes();
        var bits = range.Prefix;
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xff : (byte)(0xff << (8 - bits));
            if ((a[i] & mask) != (n[i] & mask)) return false;
        }
        return true;
    }
}
