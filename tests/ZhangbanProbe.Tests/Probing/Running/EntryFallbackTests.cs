using System.Net;
using System.Net.Sockets;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.GovIdentity;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Running;

[Trait("Category", "Browser")]
[Collection("browser")]
public class EntryFallbackTests
{
    [Fact]
    public async Task A_dead_entry_with_a_live_alternate_is_measured_on_the_alternate_and_says_so()
    {
        using var dead = RefusingPort();
        var deadUrl = new Uri($"http://zhejiang.localhost:{dead.Port}/");
        var results = await ProbeScenario.RunAsync(GovIdentityProbe.ProbeKey, [
            new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办" },
            new ReplicaSite { Id = "hubei", Province = "湖北", Platform = "鄂汇办" },
        ], adjust: p => p.Id == "zhejiang" ? p with { EntryUrl = deadUrl, AlternateUrls = [p.EntryUrl] } : p with { EntryUrl = deadUrl, AlternateUrls = [] },
            // The dead port stands for a dead public host: allowed like the replica server's own ports.
            settings: new() { ["Egress:Allow:20"] = $"*.localhost:{dead.Port}" });

        var measured = results["zhejiang"];
        Assert.True(measured.Outcome != Outcome.Error, $"{measured.Reason.ToCode()}: {measured.Detail}"); // observed on the alternate
        Assert.Contains("measured on the alternate", measured.Detail);
        Assert.Contains($"the entry {deadUrl} failed with connection-refused", measured.Detail);
        Assert.Contains(measured.Measurements, m => m is { Name: "entry_fallback", Value: 1 });
        Assert.DoesNotContain(measured.Urls, u => u.StartsWith(deadUrl.ToString().TrimEnd('/'), StringComparison.Ordinal));

        var noAlternate = results["hubei"];
        Assert.Equal(Outcome.Error, noAlternate.Outcome); // without an alternate the entry's failure stands: not observed
        Assert.DoesNotContain("alternate", noAlternate.Detail ?? "");
    }

    [Fact]
    public async Task A_refused_port_does_not_answer_and_a_listening_one_does()
    {
        using var dead = RefusingPort();
        Assert.Equal(Reason.ConnectionRefused, await EntryReachability.DoesNotAnswerAsync(new Uri($"http://a.localhost:{dead.Port}/"), CancellationToken.None));
        var listening = new TcpListener(IPAddress.Loopback, 0);
        listening.Start();
        try { Assert.Null(await EntryReachability.DoesNotAnswerAsync(new Uri($"http://a.localhost:{((IPEndPoint)listening.LocalEndpoint).Port}/"), CancellationToken.None)); }
        finally { listening.Stop(); }
    }

    /// <summary>A loopback port bound but never listened on: connections are refused, and no other test can take it.</summary>
    private static BoundPort RefusingPort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new BoundPort(socket);
    }

    private sealed class BoundPort(Socket socket) : IDisposable
    {
        public int Port => ((IPEndPoint)socket.LocalEndPoint!).Port;
        public void Dispose() => socket.Dispose();
    }
}
