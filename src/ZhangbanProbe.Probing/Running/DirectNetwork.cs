using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace ZhangbanProbe.Probing.Running;

/// <summary>
/// Network access outside the browser (transport-security's TLS and HTTP checks). Resolves <c>*.localhost</c>
/// to loopback as browsers do (RFC 6761), so replica portals behave like real hosts.
/// </summary>
public static class DirectNetwork
{
    public static bool IsLocalhost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A TCP connection to host:port. With a probe's <paramref name="scope"/>, to the addresses its guard checked (resolved
    /// once per probe; refused: <see cref="ZhangbanProbe.Probing.Network.EgressRefusedException"/>); without one (no egress
    /// guard configured), by the system's resolver.
    /// </summary>
    public static async Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken, ZhangbanProbe.Probing.Network.EgressScope? scope = null)
    {
        var addresses = scope is not null ? await scope.AddressesForAsync(host, port, cancellationToken)
            : IsLocalhost(host) ? [IPAddress.Loopback] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An HTTP client that follows no redirects and keeps no cookies (the caller looks at every hop).
    /// Certificates are not checked here: transport-security judges them itself, and wants the headers behind a bad one.
    /// </summary>
    public static HttpClient UncheckedClient(TimeSpan timeout, string userAgent, ZhangbanProbe.Probing.Network.EgressScope? scope = null) => Client(timeout, userAgent, checkCertificates: false, scope);

    /// <summary>The same client with the system's certificate checks (for third-party services such as the App Store lookup).</summary>
    public static HttpClient CheckedClient(TimeSpan timeout, string userAgent, ZhangbanProbe.Probing.Network.EgressScope? scope = null) => Client(timeout, userAgent, checkCertificates: true, scope);

    private static HttpClient Client(TimeSpan timeout, string userAgent, bool checkCertificates, ZhangbanProbe.Probing.Network.EgressScope? scope)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            // Every connection (each redirect hop) to the addresses the probe's guard checked: one resolution per probe.
            ConnectCallback = async (ctx, ct) => new NetworkStream(await ConnectAsync(ctx.DnsEndPoint.Host, ctx.DnsEndPoint.Port, ct, scope), ownsSocket: true),
            SslOptions = checkCertificates ? new SslClientAuthenticationOptions() : new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        var client = new HttpClient(handler) { Timeout = timeout };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        return client;
    }
}
