using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ZhangbanProbe.Tests.Support;

/// <summary>
/// A DNS server on a loopback UDP port that a test controls: each name answers from a list (first answer, second
/// answer, … the last repeated), null meaning "no such name" — a rebinding attacker's server. Counts the A questions.
/// </summary>
public sealed class TestDnsServer : IAsyncDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, IPAddress?[]> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _serving;

    public ConcurrentDictionary<string, int> Asked { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string Endpoint => $"127.0.0.1:{((IPEndPoint)_udp.Client.LocalEndPoint!).Port}";

    public TestDnsServer() => _serving = Task.Run(ServeAsync);

    /// <summary>What <paramref name="name"/> answers on its first, second, … question (null: NXDOMAIN).</summary>
    public void Answer(string name, params IPAddress?[] answers) => _answers[name.TrimEnd('.')] = answers;

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult q;
            try { q = await _udp.ReceiveAsync(_stop.Token); } catch { return; }
            try
            {
                var reply = Reply(q.Buffer);
                if (reply is not null) await _udp.SendAsync(reply, q.RemoteEndPoint, _stop.Token);
            }
            catch (Exception) { /* a malformed question gets no answer */ }
        }
    }

    private byte[]? Reply(byte[] query)
    {
        if (query.Length < 12) return null;
        var (name, end) = ReadName(query, 12);
        var type = (query[end] << 8) | query[end + 1];
        var question = query[12..(end + 4)];
        IPAddress? address = null;
        var known = _answers.TryGetValue(name, out var list);
        if (known && type == 1)
        {
            var n = Asked.AddOrUpdate(name, 1, (_, c) => c + 1);
            address = list![Math.Min(n, list.Length) - 1];
        }
        // NXDOMAIN for an unknown name or a null answer; an empty answer for other types of a known name.
        var nx = !known || (type == 1 && address is null);
        var answer = type == 1 && address is not null
            ? [0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, .. address.GetAddressBytes()] // ttl 0: nothing may cache it
            : Array.Empty<byte>();
        byte[] header = [query[0], query[1], 0x81, (byte)(0x80 | (nx ? 3 : 0)), 0, 1, 0, (byte)(answer.Length > 0 ? 1 : 0), 0, 0, 0, 0];
        return [.. header, .. question, .. answer];
    }

    private static (string Name, int End) ReadName(byte[] m, int at)
    {
        var labels = new List<string>();
        while (m[at] != 0)
        {
            labels.Add(System.Text.Encoding.ASCII.GetString(m, at + 1, m[at]));
            at += m[at] + 1;
        }
        return (string.Join('.', labels), at + 1);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        try { await _serving; } catch { }
    }
}
