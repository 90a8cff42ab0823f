using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZhangbanProbe.Alerting;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Scores;
using ZhangbanProbe.Probing.Browser;
using ZhangbanProbe.Probing.Evidence;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Application.Composition;

/// <summary>Composition shared by the CLI verbs and the service: options, browser, probes, runner, store.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddZhangbanProbe(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrowserOptions>().Bind(configuration.GetSection(BrowserOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RunOptions>().Bind(configuration.GetSection(RunOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ZhangbanProbe.Probing.Probes.AppRating.AppStoreOptions>().Bind(configuration.GetSection(ZhangbanProbe.Probing.Probes.AppRating.AppStoreOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ZhangbanProbe.Application.Channels.AppStoreClient>();
        services.AddSingleton<ZhangbanProbe.Application.Channels.ChannelDiscovery>();
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection(EvidenceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ResilienceOptions>().Bind(configuration.GetSection(ResilienceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();

        services.AddOptions<ZhangbanProbe.Probing.Network.EgressOptions>().Bind(configuration.GetSection(ZhangbanProbe.Probing.Network.EgressOptions.Section))
            .Validate(o => !ZhangbanProbe.Probing.Network.EgressGuard.Validate(o).Any(), "Egress:Allow holds an entry that is not a host name or a CIDR range (optionally with :port), or Egress:DnsServer is not an address").ValidateOnStart();
        services.AddSingleton<ZhangbanProbe.Probing.Network.EgressResolver>();
        services.AddSingleton(sp => new ZhangbanProbe.Probing.Network.EgressGuard(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ZhangbanProbe.Probing.Network.EgressOptions>>(),
            sp.GetRequiredService<ZhangbanProbe.Probing.Network.EgressResolver>(), sp.GetServices<ZhangbanProbe.Probing.Network.IEgressAllowSource>()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BrowserSession>();
        services.AddSingleton<EvidenceWriter>();
        services.AddSingleton<PortalResilience>();
        services.AddSingleton<ProbeRunner>();
        services.AddSingleton<ProbeStore>();
        services.AddSingleton<ResultOutbox>();
        services.AddSingleton<ProbeDataLoader>();
        services.AddSingleton<ZhangbanProbe.Application.Definitions.DefinitionsStore>();
        services.AddSingleton<RunService>();
        services.AddSingleton<RunPipeline>();
        services.AddSingleton<EditionComparison>();
        services.AddSingleton<ZhangbanProbe.Application.Access.AccessTokens>();
        services.Configure<ZhangbanProbe.Application.Access.AccessOptions>(o => o.BootstrapToken = configuration["Api:Token"]);
        services.AddSingleton<RunCompletion>();
        services.AddSingleton<RunAlerts>();
        services.AddIndicatorProbes();
        services.AddAlerting(configuration);
        services.AddOptions<ScoreFileOptions>().Bind(configuration.GetSection(ScoreFileOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HumanScoreStore>();
        services.AddSingleton<CompareService>();
        return services;
    }
}
