using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ZhangbanProbe.Probing.Network;

/// <summary>What the operator lets pages reach besides the portals' own hosts (<c>Egress:Allow</c>).</summary>
public sealed class EgressOptions
{
    public const string Section = "Egress";

    /// <summary>
    /// Host names (<c>intranet.lab</c>, <c>*.localhost</c>) and CIDR ranges (<c>10.20.0.0/16</c>) pages may make the
    /// worker fetch although they are not public. Default: none.
    /// </summary>
    public List<string> Allow { get; set; } = [];
}

/// <summary>The guard's answer for one URL.</summary>
public sealed record EgressDecision(bool Allowed, string Reason)
{
    public static readonly EgressDecision Yes = new(true, "");
}

/// <summary>
/// One egress guard for everything a page makes the worker fetch: the hosts a manifest names are allowed wherever
/// they resolve; hosts and ranges in <c>Egress:Allow</c> too; any other host must resolve to public addresses only
/// (no loopback, private, link-local, CGNAT, multicast, reserved or metadata ranges, IPv4 and IPv6, however the
/// address is written). Endpoints the operator configures (database, SMTP, webhooks) never pass through it.
/// </summary>
public sealed class EgressGuard(IOptions<EgressOptions> options)
{
    private readonly ConcurrentDictionary<string, (DateTime At, IPAddress[] Addresses)> _dns = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _allowedNames = options.Value.Allow.Where(a => !a.Contains('/')).Select(a => a.Trim().ToLowerInvariant()).ToList();
    private readonly List<(IPAddress Network, int Prefix)> _allowedRanges = options.Value.Allow.Where(a => a.Contains('/')).Select(ParseCidr).ToList();

    /// <summary>Checks the <c>Egress:Allow</c> entries at start (a bad CIDR is a configuration error naming the key).</summary>
    public static IEnumerable<string> Validate(EgressOptions o)
    {
        for (var i = 0; i < o.Allow.Count; i++)
        {
            var a = o.Allow[i];
            if (a.Contains('/') && !TryParseCidr(a, out _)) yield return $"Egress:Allow:{i} '{a}' is not a CIDR range (e.g. 10.20.0.0/16)";
            else if (string.IsNullOrWhiteSpace(a)) yield return $"Egress:Allow:{i} is empty";
        }
    }

    public async Task<EgressDecision> CheckAsync(Uri url, IReadOnlyCollection<string> portalHosts, CancellationToken ct = default) =>
        (await CheckAndResolveAsync(url, portalHosts, ct, resolveAllowed: false)).Decision;

    /// <summary>
    /// The decision and the addresses it was made on (connect to these: no second resolution). Empty: not resolvable
    /// here, or not asked for (<paramref name="resolveAllowed"/> false spares a lookup for a host allowed by name).
    /// </summary>
    public async Task<(EgressDecision Decision, IPAddress[] Addresses)> CheckAndResolveAsync(Uri url, IReadOnlyCollection<string> portalHosts,
        CancellationToken ct = default, bool resolveAllowed = true)
    {
        if (url.Scheme is not ("http" or "https" or "ws" or "wss"))
            return (url.Scheme is "data" or "blob" or "about" ? EgressDecision.Yes : new(false, $"scheme '{url.Scheme}' is never fetched"), []);
        var host = url.IdnHost.Trim('[', ']').ToLowerInvariant();
        var allowedByName = portalHosts.Contains(host, StringComparer.OrdinalIgnoreCase) || _allowedNames.Any(a => NameMatches(a, host));
        if (allowedByName && !resolveAllowed) return (EgressDecision.Yes, []);
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else
        {
            try { addresses = await ResolveAsync(host, ct); }
            catch (SocketException) { addresses = []; } // does not resolve: the browser will fail on its own (dns), nothing is reached
        }
        if (allowedByName) return (EgressDecision.Yes, addresses);
        foreach (var address in addresses)
        {
            if (_allowedRanges.Any(r => InRange(address, r))) continue;
            if (!IsPublic(address)) return (new(false, $"{host} resolves to {address}, which is not a public address"), []);
        }
        return (EgressDecision.Yes, addresses);
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        if (_dns.TryGetValue(host, out var cached) && now - cached.At < TimeSpan.FromMinutes(1)) return cached.Addresses;
        // *.localhost is loopback, as browsers resolve it (RFC 6761), whatever the system resolver says.
        var addresses = ZhangbanProbe.Probing.Running.DirectNetwork.IsLocalhost(host) ? [IPAddress.Loopback] : await Dns.GetHostAddressesAsync(host, ct);
        _dns[host] = (now, addresses);
        return addresses;
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

    private static (IPAddress, int) ParseCidr(string text) => TryParseCidr(text, out var r) ? r : (IPAddress.None, 32);

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
