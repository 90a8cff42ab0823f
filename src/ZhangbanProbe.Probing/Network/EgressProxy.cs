using ZhangbanProbe.Core.Outcomes;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZhangbanProbe.Probing.Network;

/// <summary>
/// A small forward proxy on 127.0.0.1 that a probe's browser contexts send every connection through, so the egress
/// guard also sees what request interception cannot: redirect hops, preconnects, WebSockets. Each target is checked,
/// resolved once per probe, and connected to at the addresses checked (no second resolution a rebinding DNS could
/// change; a name that does not resolve is never connected). HTTPS goes through CONNECT tunnels (the proxy sees host
/// and port only); plain HTTP is forwarded one request per upstream connection, and every request on a browser's
/// connection is checked, not only the first. A refused target gets no connection at all.
/// </summary>
public sealed class EgressProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Uri, CancellationToken, Task<(EgressDecision Decision, IPAddress[] Addresses)>> _check;
    private readonly Task _accepting;
    private readonly Action<string, Reason>? _upstreamFailed;

    /// <param name="upstreamFailed">Told when an allowed host cannot be reached (DNS, refused, timed out): the proxy then
    /// closes the browser's connection without an answer, so no invented 502 page is ever judged as the portal's.</param>
    public EgressProxy(Func<Uri, CancellationToken, Task<(EgressDecision Decision, IPAddress[] Addresses)>> check, Action<string, Reason>? upstreamFailed = null)
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
                    var (decision, addresses) = await _check(new Uri($"{scheme}://{(host.Contains(':') ? $"[{host}]" : host)}:{port}/"), _stop.Token);
                    if (decision.Unresolved) { _upstreamFailed?.Invoke(host, Reason.Dns); return; }
                    if (!decision.Allowed) return; // no answer, no connection: the browser sees a failed tunnel
                    var (upstream, failure) = await ConnectAsync(addresses, port);
                    using var _ = upstream;
                    if (upstream is null) { _upstreamFailed?.Invoke(host, failure); return; }
                    await WriteAsync(stream, "HTTP/1.1 200 Connection Established\r\n\r\n");
                    var up = upstream.GetStream();
                    if (rest.Length > 0) await up.WriteAsync(rest);
                    await PipeAsync(stream, up);
                    return;
                }

                // Plain HTTP in absolute form: each request is checked and sent on an upstream connection of its own
                // (Connection: close), then the next request on the browser's connection is read and checked in turn.
                var pending = rest;
                while (head is not null)
                {
                    if (!await ForwardPlainAsync(stream, head, pending)) return;
                    (head, pending) = await ReadHeadAsync(stream, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        }
    }

    /// <summary>One plain-HTTP request: checked, forwarded with its body, its response relayed. False: stop serving this connection.</summary>
    private async Task<bool> ForwardPlainAsync(NetworkStream stream, string head, byte[] buffered)
    {
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length < 3 || parts[0] == "CONNECT") return false;
        var (method, target) = (parts[0], parts[1]);
        if (!Uri.TryCreate(target, UriKind.Absolute, out var url) || url.Scheme != "http") return false;
        var (decision, addresses) = await _check(url, _stop.Token);
        if (decision.Unresolved) { _upstreamFailed?.Invoke(url.Host, Reason.Dns); return false; }
        if (!decision.Allowed) return false;
        long length = 0;
        var sb = new StringBuilder();
        sb.Append(method).Append(' ').Append(url.PathAndQuery).Append(' ').Append(parts[2]).Append("\r\n");
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var split = line.Split(':', 2);
            var name = split[0].Trim();
            if (name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase)) continue;
            // A body this proxy cannot delimit (chunked uploads) is not relayed: the next request could hide in it.
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) return false;
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && (split.Length < 2 || !long.TryParse(split[1].Trim(), out length) || length < 0 || length > 50_000_000)) return false;
            sb.Append(line).Append("\r\n");
        }
        sb.Append("Connection: close\r\n\r\n");
        var (origin, originFailure) = await ConnectAsync(addresses, url.Port);
        using var __ = origin;
        if (origin is null) { _upstreamFailed?.Invoke(url.Host, originFailure); return false; }
        var o = origin.GetStream();
        await o.WriteAsync(Encoding.Latin1.GetBytes(sb.ToString()));
        // Exactly the body: what the browser sends after it is the next request, read and checked on its own.
        var fromBuffer = (int)Math.Min(buffered.Length, length);
        if (fromBuffer > 0) await o.WriteAsync(buffered.AsMemory(0, fromBuffer));
        var left = length - fromBuffer;
        var chunk = new byte[64 * 1024];
        while (left > 0)
        {
            var n = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)), _stop.Token);
            if (n == 0) return false;
            await o.WriteAsync(chunk.AsMemory(0, n));
            left -= n;
        }
        if (buffered.Length > fromBuffer) return false; // pipelined bytes beyond the body: not relayed blind
        // The response flows back until the origin closes (Connection: close); the browser's connection stays for its next request.
        await o.CopyToAsync(stream, _stop.Token);
        return false; // the browser reads the response to the end of the connection: it opens a new one for the next request
    }

    /// <summary>A connection to the first checked address that answers, or why none did (the worst reason seen, as a user would name it).</summary>
    private static async Task<(TcpClient? Client, Reason Failure)> ConnectAsync(IPAddress[] addresses, int port)
    {
        // Only the addresses the guard checked: a host it could not resolve is never resolved again here.
        if (addresses.Length == 0) return (null, Reason.Dns);
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
