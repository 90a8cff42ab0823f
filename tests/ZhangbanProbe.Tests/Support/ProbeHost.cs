using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZhangbanProbe.Application.Composition;

namespace ZhangbanProbe.Tests.Support;

/// <summary>The application's own composition, pointed at a temporary store and evidence folder.</summary>
public sealed class ProbeHost : IAsyncDisposable
{
    public IHost Host { get; }
    public string Directory { get; }
    public IServiceProvider Services => Host.Services;

    public ProbeHost(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        Directory = TestPaths.NewTempDirectory();
        var overrides = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(Directory, "zhangban.db"),
            ["Evidence:Directory"] = Path.Combine(Directory, "evidence"),
            ["Run:PortalsDirectory"] = TestPaths.PortalsDirectory,
            ["Run:CatalogueFile"] = TestPaths.FastCatalogue(Directory),
            ["Browser:NavigationTimeout"] = "00:00:10",
            ["Browser:ProbeTimeout"] = "00:00:45",
            ["Resilience:RetryDelay"] = "00:00:00.100",
            // Tests replay many "nights" within seconds; a breaker tuned for real nights would open between them.
            ["Resilience:BreakerFailures"] = "1000",
        };
        foreach (var (k, v) in settings ?? []) overrides[k] = v;
        // Replica sites live on *.localhost (their English and mobile hosts too): allowed on the running replica servers'
        // ports only, as --replicas does.
        Host = ZhangbanHost.Build(overrides, configure: services =>
        {
            services.AddSingleton<ZhangbanProbe.Probing.Network.IEgressAllowSource, LiveReplicaRules>();
            configure?.Invoke(services);
        });
        Host.Start();
    }

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        if (Host.Services.GetService<Probing.Browser.BrowserSession>() is { } b) await b.DisposeAsync();
        await Host.StopAsync();
        Host.Dispose();
    }
}

/// <summary>The running replica servers' ports, as egress allow rules (read at each check: servers come and go in a test).</summary>
public sealed class LiveReplicaRules : ZhangbanProbe.Probing.Network.IEgressAllowSource
{
    public IEnumerable<string> Rules => ZhangbanProbe.Replicas.ReplicaServer.LiveEgressRules;

    /// <summary>The same rules as environment variables for a `zhangban` process started by a test.</summary>
    public static void AddTo(IDictionary<string, string?> environment)
    {
        var rules = ZhangbanProbe.Replicas.ReplicaServer.LiveEgressRules;
        for (var i = 0; i < rules.Count; i++) environment[$"ZHANGBAN_Egress__Allow__{i + 10}"] = rules[i];
    }
}
