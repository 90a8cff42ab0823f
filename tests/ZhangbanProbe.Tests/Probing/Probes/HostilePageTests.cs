using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using ZhangbanProbe.Probing.Network;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;
using static ZhangbanProbe.Tests.Support.Fixtures;

namespace ZhangbanProbe.Tests.Probes;

/// <summary>A hostile page whose every link, script, image, redirect and socket points inside: nothing inside is reached.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class HostilePageTests
{
    private const string Secret = "INTERNAL-SECRET-7f3a";

    /// <summary>A service "inside the worker's network" on 127.0.0.1 that counts every connection it receives.</summary>
    private sealed class InternalService : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        public ConcurrentQueue<string> Connections { get; } = new();
        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public InternalService()
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try { client = await _listener.AcceptTcpClientAsync(_stop.Token); } catch { return; }
                    _ = Task.Run(async () =>
                    {
                        using (client)
                        {
                            var buffer = new byte[512];
                            var read = 0;
                            try { using var cts = new CancellationTokenSource(2000); read = await client.GetStream().ReadAsync(buffer, cts.Token); } catch { }
                            Connections.Enqueue(read == 0 ? "(connection without a request)" : System.Text.Encoding.ASCII.GetString(buffer, 0, read).Split('\n')[0].Trim());
                            var body = $"<html><body>{Secret}</body></html>";
                            var bytes = System.Text.Encoding.UTF8.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
                            try { await client.GetStream().WriteAsync(bytes); } catch { }
                        }
                    });
                }
            });
        }

        public async ValueTask DisposeAsync() { await _stop.CancelAsync(); _listener.Stop(); }
    }

    [Fact]
    public async Task Nothing_inside_is_reached_its_content_is_stored_nowhere_and_the_refusals_are_reported()
    {
        await using var inside = new InternalService();
        var site = Page("hostile", "hostile.html");
        var internalBase = $"http://127.0.0.1:{inside.Port}";
        site.Pages["/"] = site.Pages["/"].Replace("{internal}", internalBase).Replace("{internalport}", inside.Port.ToString());
        site.RedirectPaths["/go"] = "/go2";
        site.RedirectPaths["/go2"] = $"{internalBase}/query";

        var indicators = new[] { "english-mode", "elderly-mode", "login-options", "progress-query", "privacy-policy", "search", "city-entries", "page-health", "gov-identity", "transport-security", "feedback-channel" };
        var dir = TestPaths.NewTempDirectory();
        var results = await ProbeScenario.RunManyAsync(indicators, site, new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(dir, "z.db"), ["Evidence:Directory"] = Path.Combine(dir, "evidence") });

        await Task.Delay(2500); // connections still being read
        Assert.True(inside.Connections.IsEmpty, $"the internal service received {inside.Connections.Count} connection(s): {string.Join(" | ", inside.Connections)}");
        Assert.Equal(indicators.Length, results.Count);
        Assert.All(results, r => Assert.DoesNotContain(Secret, r.Detail ?? ""));
        Assert.Contains(results, r => r.Measurements.Any(m => m.Name == "egress_refused" && m.Value > 0));
        Assert.Contains(results, r => (r.Detail ?? "").Contains("egress refused"));
        // No refusal is a portal failure: the refused English and elderly switches are errors, not fails.
        Assert.All(results.Where(r => r.IndicatorId is "english-mode" or "elderly-mode"), r => Assert.NotEqual(ZhangbanProbe.Core.Outcomes.Outcome.Fail, r.Outcome));

        // Nowhere in the database or the evidence either.
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(Secret, await File.ReadAllTextAsync(file));
        // The portal's own pages were probed normally: its footer was read.
        Assert.Contains("site_code: 3300000069", results.Single(r => r.IndicatorId == "gov-identity").Detail);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.100.100.200", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("202.96.128.86", true)]
    [InlineData("2400:da00::6666", true)]
    [Trait("Category", "Unit")]
    public void Only_public_addresses_are_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, EgressGuard.IsPublic(IPAddress.Parse(address)));

    private static EgressGuard Guard(params string[] allow) => new(Microsoft.Extensions.Options.Options.Create(new EgressOptions { Allow = [.. allow] }),
        new EgressResolver((host, _) => Task.FromResult<IPAddress[]>(host switch
        {
            "www.zjzwfw.gov.cn" => [IPAddress.Parse("202.96.128.86")],
            "inside.zjzwfw.gov.cn" => [IPAddress.Parse("10.0.0.7")],       // a manifest's host that resolves inside
            "mixed.example.com" => [IPAddress.Parse("202.96.128.87"), IPAddress.Loopback],
            "lab.intranet" => [IPAddress.Parse("10.30.0.2")],
            _ => [],                                                          // no such name
        })));

    [Theory]
    [InlineData("http://2130706433/", false)]          // 127.0.0.1 written as a number
    [InlineData("http://0x7f.1/", false)]
    [InlineData("http://[::ffff:7f00:1]/", false)]
    [InlineData("http://169.254.169.254/latest/meta-data/", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("http://www.zjzwfw.gov.cn/x", true)]     // public
    [InlineData("http://www.zjzwfw.gov.cn:8443/x", true)]
    [InlineData("http://inside.zjzwfw.gov.cn/x", false)] // a manifest's own host is not allowed inside
    [InlineData("http://mixed.example.com/x", false)]    // one inside address is enough to refuse
    [InlineData("http://no-such-name.example/x", false)] // does not resolve: not passed through
    [InlineData("http://lab.intranet/x", true)]          // allowed by the operator, any port
    [InlineData("http://10.20.1.5/x", true)]             // an allowed range
    [InlineData("http://10.21.1.5:8443/x", true)]        // an allowed range on its port
    [InlineData("http://10.21.1.5:5432/x", false)]       // the same range on another port
    [InlineData("http://app.localhost:8080/x", true)]    // the replica server's port
    [InlineData("http://app.localhost:5432/x", false)]   // loopback on another port (PostgreSQL, the API)
    [Trait("Category", "Unit")]
    public async Task The_guard_refuses_internal_addresses_however_written(string url, bool allowed)
    {
        var guard = Guard("lab.intranet", "10.20.0.0/16", "10.21.0.0/16:8443", "*.localhost:8080");
        Assert.Equal(allowed, (await guard.CheckAsync(new Uri(url))).Allowed);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public async Task A_name_is_resolved_once_per_scope_and_one_that_does_not_resolve_is_unresolved_never_let_through()
    {
        var asked = new ConcurrentDictionary<string, int>();
        var answers = new Queue<IPAddress[]>([[], [IPAddress.Loopback]]); // rebinding: no such name, then 127.0.0.1
        var guard = new EgressGuard(Microsoft.Extensions.Options.Options.Create(new EgressOptions()), new EgressResolver((host, _) =>
        {
            asked.AddOrUpdate(host, 1, (_, n) => n + 1);
            lock (answers) return Task.FromResult(answers.Count > 0 ? answers.Dequeue() : [IPAddress.Loopback]);
        }));
        var scope = guard.NewScope();
        for (var i = 0; i < 5; i++)
        {
            var (d, addresses) = await scope.CheckAsync(new Uri($"http://rebind.example/{i}"));
            Assert.False(d.Allowed);
            Assert.True(d.Unresolved);
            Assert.Empty(addresses);
            await Assert.ThrowsAsync<SocketException>(() => scope.AddressesForAsync("rebind.example", 80, CancellationToken.None));
        }
        Assert.Equal(1, asked["rebind.example"]);
    }

    [Theory]
    [InlineData("intranet.lab:8080", true)]
    [InlineData("10.20.0.0/16:443", true)]
    [InlineData("fd00::/8:443", true)]
    [InlineData("*.localhost", true)]
    [InlineData("10.20.0.0/33", false)]
    [InlineData("intranet.lab:99999", false)]
    [InlineData("not a host", false)]
    [Trait("Category", "Unit")]
    public void Allow_rules_with_ports_are_checked_at_start(string rule, bool valid) =>
        Assert.Equal(valid, !EgressGuard.Validate(new EgressOptions { Allow = [rule] }).Any());
}
