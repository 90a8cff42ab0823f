using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using Microsoft.Extensions.Options;

namespace ZhangbanProbe.Probing.Network;

/// <summary>
/// The one resolver of everything a probe reaches: the egress guard, the proxy, direct connections (transport-security,
/// entry reachability) and the App Store lookup all ask it, and nobody else resolves a name. <c>Egress:DnsServer</c>
/// points it at a given server (tests run their own); otherwise the system's resolver answers. *.localhost is loopback
/// (RFC 6761), as browsers resolve it. A name that does not resolve gives no addresses (never "let it through").
/// </summary>
public sealed class EgressResolver
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _lookup;

    public EgressResolver(IOptions<EgressOptions> options)
    {
        if (options.Value.DnsServer is { Length: > 0 } server && IPEndPoint.TryParse(server, out var endpoint))
        {
            if (endpoint.Port == 0) endpoint.Port = 53;
            var client = new LookupClient(new LookupClientOptions(endpoint) { UseCache = false, Retries = 0, Timeout = TimeSpan.FromSeconds(5), UseTcpFallback = false });
            _lookup = async (host, ct) =>
            {
                var answer = await client.QueryAsync(host, QueryType.A, QueryClass.IN, ct);
                return answer.Answers.ARecords().Select(a => a.Address).ToArray();
            };
        }
        else _lookup = async (host, ct) => await Dns.GetHostAddressesAsync(host, ct);
    }

    /// <summary>A resolver answering from a function (unit tests of the guard's rules).</summary>
    public EgressResolver(Func<string, CancellationToken, Task<IPAddress[]>> lookup) => _lookup = lookup;

    /// <summary>The addresses of a host now; empty when it does not resolve.</summary>
    public async Task<IPAddress[]> LookupAsync(string host, CancellationToken ct)
    {
        host = host.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal)) return [literal];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return [IPAddress.Loopback];
        try { return await _lookup(host, ct); }
        catch (Exception ex) when (ex is SocketException or DnsResponseException or ArgumentException) { return []; }
    }
}

/// <summary>
/// One probe's view of the network: each name resolved once (failures too), every decision and connection of the
/// probe made on those addresses — the guard's check and the connection can never see two different answers.
/// </summary>
public sealed class EgressScope(EgressGuard guard)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IPAddress[]>>> _names = new(StringComparer.OrdinalIgnoreCase);

    public EgressGuard Guard { get; } = guard;

    /// <summary>The host's addresses as this probe first resolved them.</summary>
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        _names.GetOrAdd(host.Trim('[', ']').ToLowerInvariant(), h => new Lazy<Task<IPAddress[]>>(() => Guard.Resolver.LookupAsync(h, CancellationToken.None))).Value.WaitAsync(ct);

    public Task<(EgressDecision Decision, IPAddress[] Addresses)> CheckAsync(Uri url, CancellationToken ct = default) => Guard.CheckAsync(url, this, ct);

    /// <summary>The checked addresses to connect to for host:port, or a <see cref="SocketException"/> (not resolvable: HostNotFound; refused: AccessDenied).</summary>
    public async Task<IPAddress[]> AddressesForAsync(string host, int port, CancellationToken ct)
    {
        var h = host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
        var (decision, addresses) = await CheckAsync(new Uri($"http://{h}:{port}/"), ct);
        if (decision.Unresolved) throw new SocketException((int)SocketError.HostNotFound);
        if (!decision.Allowed) throw new EgressRefusedException(decision.Reason);
        return addresses;
    }
}

/// <summary>A connection the egress guard refused (never made): not the portal's failure.</summary>
public sealed class EgressRefusedException(string reason) : SocketException((int)SocketError.AccessDenied)
{
    public override string Message => $"egress refused: {reason}";
}
