using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Alerting.Channels;

namespace ZhangbanProbe.Alerting;

public static class AlertingServiceCollectionExtensions
{
    public static IServiceCollection AddAlerting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddHttpClient("alerts", c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<IAlertChannel, EmailChannel>();
        services.AddSingleton<IAlertChannel, WebhookChannel>();
        services.AddSingleton<IAlertChannel, WeComChannel>();
        services.AddSingleton<IAlertChannel, DingTalkChannel>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<NotificationDispatcher>();
        return services;
    }
}

/// <summary>Names every bad channel setting by its configuration key.</summary>
public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions o)
    {
        var errors = new List<string>();
        foreach (var (key, c) in o.Channels)
        {
            var prefix = $"Alerts:Channels:{key}";
            switch (c.Type.ToLowerInvariant())
            {
                case "email":
                    if (c.To.Count == 0) errors.Add($"{prefix}:To needs at least one address");
                    if (string.IsNullOrWhiteSpace(o.Smtp.Host)) errors.Add($"{prefix} is an email channel but Alerts:Smtp:Host is not set");
                    break;
                case "webhook" or "wecom" or "dingtalk":
                    if (!Uri.TryCreate(c.Url, UriKind.Absolute, out _)) errors.Add($"{prefix}:Url must be an absolute URL");
                    break;
                default:
                    errors.Add($"{prefix}:Type '{c.Type}' must be email, webhook, wecom or dingtalk");
                    break;
            }
            if (c.Language is not null and not ("zh" or "en")) errors.Add($"{prefix}:Language must be 'zh' or 'en'");
        }
        foreach (var n in o.ResearchChannels.Concat(o.OperatorChannels).Concat(o.DigestChannels).Concat(o.Provinces.Values.SelectMany(v => v)))
            if (!o.Channels.ContainsKey(n)) errors.Add($"Alerts: routing names channel '{n}', which is not under Alerts:Channels");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
