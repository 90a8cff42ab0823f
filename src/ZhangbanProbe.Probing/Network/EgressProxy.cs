using ZhangbanProbe.Core.Outcomes;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZhangbanProbe.Probing.Network;

/// <summary>
/// A small forward proxy on 127.0.0.1 that a probe's browser contexts send every connection through, so the egress
/// guard also sees what request interception cannot: redirect hops, preconnects, WebSockets. Each target is checked,
/// resolved once, and connected to at the address checked (no second resolution a rebinding DNS could change).
/// HTTPS goes through CONNECT tunnels (the proxy sees host and port only); plain HTTP is forwarded one request per
/// upstream connection. A refused target gets no connection at all.
/// </summary>
public sealed class EgressProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Uri, CancellationToken, Task<(bool Allowed, IPAddress[] Addresses)>> _check;
    private readonly Task _accepting;
    private readonly Action<string, Reason>? _upstreamFailed;

    /// <param name="upstreamFailed">Told when an allowed host cannot be reached (DNS, refused, timed out): the proxy then
    /// closes the browser's connection without an answer, so no invented 502 page is ever judged as the portal's.</param>
    public EgressProxy(Func<Uri, CancellationToken, Task<(bool Allowed, IPAddress[] Addresses)>> check, Action<string, Reason>? upstreamFailed = null)
    {
        _check = check;
        _upstreamFailed = upstreamFailed;
        _listener.Start();
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public string Server => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch { return; }
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var (head, rest) = await ReadHeadAsync(stream, _stop.Token);
                if (head is null) return;
                var lines = head.Split("\r\n");
                var parts = lines[0].Split(' ');
                if (parts.Length < 3) return;
                var (method, target) = (parts[0], parts[1]);

                if (method == "CONNECT")
                {
                    var hostPort = target;
                    var port = 443;
                    var colon = hostPort.LastIndexOf(':');
                    if (colon > 0 && int.TryParse(hostPort[(colon + 1)..], out var p)) { port = p; hostPort = hostPort[..colon]; }
                    var host = hostPort.Trim('[', ']');
                    var scheme = port == 80 ? "http" : "https";
                    var (allowed, addresses) = await _check(new Uri($"{scheme}://{(host.Contains(':') ? $"[{host}]" : host)}:{port}/"), _stop.Token);
                    if (!allowed) return; // no answer, no connection: the browser sees a failed tunnel
                    var (upstream, failure) = await ConnectAsync(addresses, host, port);
                    using var _ = upstream;
                    if (upstream is null) { _upstreamFailed?.Invoke(host, failure); return; }
                    await WriteAsync(stream, "HTTP/1.1 200 Connection Established\r\n\r\n");
                    var up = upstream.GetStream();
                    if (rest.Length > 0) await up.WriteAsync(rest);
                    await PipeAsync(stream, up);
                    return;
                }

                // Plain HTTP in absolute form: one request per upstream connection (Connection: close), so a kept-alive
                // browser connection can never carry a request to another host past the check.
                if (!Uri.TryCreate(target, UriKind.Absolute, out var url) || url.Scheme != "http") return;
                var check = await _check(url, _stop.Token);
                if (!check.Allowed) return;
                var (origin, originFailure) = await ConnectAsync(check.Addresses, url.Host, url.Port);
                using var __ = origin;
                if (origin is null) { _upstreamFailed?.Invoke(url.Host, originFailure); return; }
                var sb = new StringBuilder();
                sb.Append(method).Append(' ').Append(url.PathAndQuery).Append(' ').Append(parts[2]).Append("\r\n");
                foreach (var line in lines.Skip(1))
                {
                    if (line.Length == 0) continue;
                    var name = line.Split(':', 2)[0].Trim();
                    if (name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
                        || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase)) continue;
                    sb.Append(line).Append("\r\n");
                }
                sb.Append("Connection: close\r\n\r\n");
                var o = origin.GetStream();
                await o.WriteAsync(Encoding.Latin1.GetBytes(sb.ToString()));
                if (rest.Length > 0) await o.WriteAsync(rest);
                // The response flows back until the origin closes; then the browser's connection closes too.
                var toOrigin = stream.CopyToAsync(o, _stop.Token);
                await o.CopyToAsync(stream, _stop.Token);
                _ = toOrigin.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        }
    }

    /// <summary>A connection to the first address that answers, or why none did (the worst reason seen, as a user would name it).</summary>
    private static async Task<(TcpClient? Client, Reason Failure)> ConnectAsync(IPAddress[] addresses, string host, int port)
    {
        // Connect to the addresses the guard checked; a host it could not resolve is resolved here once.
        if (addresses.Length == 0)
        {
            try { addresses = await Dns.GetHostAddressesAsync(host); } catch (SocketException) { return (null, Reason.Dns); }
            if (addresses.Length == 0) return (null, Reason.Dns);
        }
        var failure = Reason.Network;
        foreach (var address in addresses)
        {
            var c = new TcpClient(address.AddressFamily) { NoDelay = true };
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await c.ConnectAsync(address, port, cts.Token);
                return (c, default);
            }
            catch (SocketException ex)
            {
                c.Dispose();
                failure = ex.SocketErrorCode == SocketError.ConnectionRefused ? Reason.ConnectionRefused : Reason.Network;
            }
            catch (OperationCanceledException) { c.Dispose(); failure = Reason.Timeout; }
        }
        return (null, failure);
    }

    private async Task PipeAsync(NetworkStream a, NetworkStream b)
    {
        var one = a.CopyToAsync(b, _stop.Token);
        var two = b.CopyToAsync(a, _stop.Token);
        await Task.WhenAny(one, two);
    }

    private static async Task<(string? Head, byte[] Remainder)> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(filled), ct);
            if (n == 0) return (null, []);
            filled += n;
            var end = IndexOf(buffer, filled, "\r\n\r\n"u8);
            if (end >= 0) return (Encoding.Latin1.GetString(buffer, 0, end), buffer[(end + 4)..filled]);
        }
        return (null, []); // a head larger than 16 KB is not served
    }

    private static int IndexOf(byte[] data, int length, ReadOnlySpan<byte> needle) => data.AsSpan(0, length).IndexOf(needle);

    private static Task WriteAsync(NetworkStream s, string text) => s.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch { }
        _stop.Dispose();
    }
}
