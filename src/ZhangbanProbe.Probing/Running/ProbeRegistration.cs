using Microsoft.Extensions.DependencyInjection;
using ZhangbanProbe.Probing.Probes.ResponseTime;

namespace ZhangbanProbe.Probing.Running;

/// <summary>The one registration list of indicator probes. Adding an indicator adds one line here.</summary>
public static class ProbeRegistration
{
    public static IServiceCollection AddIndicatorProbes(this IServiceCollection services)
    {
        services.AddSingleton<IIndicatorProbe, ResponseTimeProbe>();
        return services;
    }
}
