using Microsoft.Extensions.DependencyInjection;
using ZhangbanProbe.Probing.Probes.Accessibility;
using ZhangbanProbe.Probing.Probes.CityEntries;
using ZhangbanProbe.Probing.Probes.ElderlyMode;
using ZhangbanProbe.Probing.Probes.Search;
using ZhangbanProbe.Probing.Probes.FeedbackChannel;
using ZhangbanProbe.Probing.Probes.LoginOptions;
using ZhangbanProbe.Probing.Probes.OfflineChannels;
using ZhangbanProbe.Probing.Probes.EnglishMode;
using ZhangbanProbe.Probing.Probes.GovIdentity;
using ZhangbanProbe.Probing.Probes.MobileFriendly;
using ZhangbanProbe.Probing.Probes.PageHealth;
using ZhangbanProbe.Probing.Probes.PrivacyPolicy;
using ZhangbanProbe.Probing.Probes.ProgressQuery;
using ZhangbanProbe.Probing.Probes.ResponseTime;
using ZhangbanProbe.Probing.Probes.TransportSecurity;

namespace ZhangbanProbe.Probing.Running;

/// <summary>The one registration list of indicator probes. Adding an indicator adds one line here.</summary>
public static class ProbeRegistration
{
    public static IServiceCollection AddIndicatorProbes(this IServiceCollection services)
    {
        services.AddSingleton<IIndicatorProbe, ResponseTimeProbe>();
        services.AddSingleton<IIndicatorProbe, EnglishModeProbe>();
        services.AddSingleton<IIndicatorProbe, ElderlyModeProbe>();
        services.AddSingleton<IIndicatorProbe, ProgressQueryProbe>();
        services.AddSingleton<IIndicatorProbe, GovIdentityProbe>();
        services.AddSingleton<IIndicatorProbe, PrivacyPolicyProbe>();
        services.AddSingleton<IIndicatorProbe, PageHealthProbe>();
        services.AddSingleton<IIndicatorProbe, MobileFriendlyProbe>();
        services.AddSingleton<IIndicatorProbe, AccessibilityProbe>();
        services.AddSingleton<IIndicatorProbe, FeedbackChannelProbe>();
        services.AddSingleton<IIndicatorProbe, OfflineChannelsProbe>();
        services.AddSingleton<IIndicatorProbe, LoginOptionsProbe>();
        services.AddSingleton<IIndicatorProbe, SearchProbe>();
        services.AddSingleton<IIndicatorProbe, CityEntriesProbe>();
        services.AddSingleton<IIndicatorProbe, TransportSecurityProbe>();
        services.AddSingleton<IIndicatorProbe, ZhangbanProbe.Probing.Probes.AppRating.AppRatingProbe>();
        services.AddSingleton<IIndicatorProbe, ZhangbanProbe.Probing.Probes.ServiceChannels.ServiceChannelsProbe>();
        services.AddSingleton<IIndicatorProbe, ZhangbanProbe.Probing.Probes.ConvenienceServices.ConvenienceServicesProbe>();
        services.AddSingleton<IIndicatorProbe, ZhangbanProbe.Probing.Probes.ELicence.ELicenceProbe>();
        services.AddSingleton<IIndicatorProbe, ZhangbanProbe.Probing.Probes.OnlineShare.OnlineShareProbe>();
        return services;
    }
}
