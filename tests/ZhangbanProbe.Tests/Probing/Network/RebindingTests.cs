using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Probes.Network;

/// <summary>
/// A hostile page with a DNS server of its own (on loopback): names that first answer "no such name" or a refused
/// address and then 127.0.0.1. Nothing inside is reached and each name is asked once per probe; WebRTC sends nothing.
/// </summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class RebindingTests
{
    /// <summary>A service inside the worker's network that counts connections (TCP) and datagrams (UDP) on one port.</summary>
    private sealed class Inside : IAsyncDisposable
    {
        private readonly TcpListener _tcp = new(IPAddress.Loopback, 0);
        private readonly UdpClient _udp;
        private readonly CancellationTokenSource _stop = new();
        public ConcurrentQueue<string> Reached { get; } = new();
        public int Port => ((IPEndPoint)_tcp.LocalEndpoint).Port;

        public Inside()
        {
            _tcp.Start();
            _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, Port));
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    try { using var c = await _tcp.AcceptTcpClientAsync(_stop.Token); Reached.Enqueue("tcp"); } catch { return; }
                }
            });
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    try { await _udp.ReceiveAsync(_stop.Token); Reached.Enqueue("udp"); } catch { return; }
                }
            });
        }

        public async ValueTask DisposeAsync() { await _stop.CancelAsync(); _tcp.Stop(); _udp.Dispose(); }
    }

    private static string Html(string body) =>
        $"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>浙江政务服务网</title></head><body><h1>浙江政务服务网</h1>{body}<div class="foot">主办单位：浙江省人民政府办公厅 网站标识码：3300000069 浙ICP备12044342号</div></body></html>""";

    [Fact]
    public async Task Rebinding_names_reach_nothing_inside_and_each_is_asked_once_per_probe()
    {
        await using var inside = new Inside();
        await using var dns = new TestDnsServer();
        string[] names = ["nx-then-inside.rebind.test", "refused-then-inside.rebind.test"];
        dns.Answer(names[0], null, IPAddress.Loopback);
        dns.Answer(names[1], IPAddress.Parse("10.9.9.9"), IPAddress.Loopback);
        var p = inside.Port;
        var site = new ReplicaSite { Id = "rebinder", Province = "浙江", Platform = "测试办" };
        site.Pages["/"] = Html(string.Concat(names.Select(n => $$"""
            <img src="http://{{n}}:{{p}}/a.png"><img src="http://{{n}}:{{p}}/b.png"><a href="http://{{n}}:{{p}}/city">杭州市</a>
            <script>
              for (let i = 0; i < 5; i++) { fetch('http://{{n}}:{{p}}/f' + i).catch(() => {}); }
              try { new WebSocket('ws://{{n}}:{{p}}/ws'); } catch (e) {}
              setTimeout(() => { const i = new Image(); i.src = 'http://{{n}}:{{p}}/late.png'; document.body.appendChild(i); }, 800);
            </script>
            """)));

        string[] indicators = ["page-health", "city-entries", "gov-identity"];
        var dir = TestPaths.NewTempDirectory();
        var results = await ProbeScenario.RunManyAsync(indicators, site, new Dictionary<string, string?>
        {
            ["Egress:DnsServer"] = dns.Endpoint, ["Resilience:Retries"] = "0",
            ["Storage:SqlitePath"] = Path.Combine(dir, "z.db"), ["Evidence:Directory"] = Path.Combine(dir, "evidence"),
        });

        await Task.Delay(1500);
        Assert.True(inside.Reached.IsEmpty, $"inside was reached {inside.Reached.Count} time(s): {string.Join(", ", inside.Reached)}");
        Assert.Equal(indicators.Length, results.Count);
        Assert.True(dns.Asked.Values.Sum() > 0, "the page's names were never asked: the test did not exercise the resolver");
        foreach (var name in names)
            Assert.True(dns.Asked.GetValueOrDefault(name) <= indicators.Length, $"{name} asked {dns.Asked.GetValueOrDefault(name)} times for {indicators.Length} probes");
        // What the page tried is listed as not fetched; the portal's own page is read as usual.
        var identity = results.Single(r => r.IndicatorId == "gov-identity");
        Assert.Contains("site_code: 3300000069", identity.Detail);
        Assert.Contains("egress refused (not fetched)", identity.Detail);
    }

    [Fact]
    public async Task A_webrtc_page_sends_nothing_to_internal_addresses()
    {
        await using var inside = new Inside();
        var site = new ReplicaSite { Id = "webrtc", Province = "浙江", Platform = "测试办" };
        site.Pages["/"] = Html($$"""
            <script>
              for (const host of ['127.0.0.1', '10.0.0.1']) {
                const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:' + host + ':{{inside.Port}}' }, { urls: 'turn:' + host + ':{{inside.Port}}?transport=udp', username: 'u', credential: 'p' }] });
                pc.createDataChannel('x');
                pc.createOffer().then(o => pc.setLocalDescription(o));
              }
            </script>
            """);
        var dir = TestPaths.NewTempDirectory();
        var results = await ProbeScenario.RunManyAsync(["gov-identity"], site, new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(dir, "z.db"), ["Evidence:Directory"] = Path.Combine(dir, "evidence"),
        });
        await Task.Delay(3000); // ICE gathering would have sent its STUN binding requests by now
        Assert.Single(results);
        Assert.True(inside.Reached.IsEmpty, $"WebRTC reached inside {inside.Reached.Count} time(s): {string.Join(", ", inside.Reached)}");
    }
}
