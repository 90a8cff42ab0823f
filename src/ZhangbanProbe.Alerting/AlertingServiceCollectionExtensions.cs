using ZhangbanProbe.Core.Alerts;
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
        services.AddSingleton<EvidenceLinks>();
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
            if (!c.HasKnownType)
            {
                errors.Add($"{prefix}:Type '{c.Type}' must be email, webhook, wecom or dingtalk");
                continue;
            }
            switch (c.Kind)
            {
                case ChannelType.Email:
                    if (c.To.Count == 0) errors.Add($"{prefix}:To needs at least one address");
                    if (string.IsNullOrWhiteSpace(o.Smtp.Host)) errors.Add($"{prefix} is an email channel but Alerts:Smtp:Host is not set");
                    break;
                default:
                    if (!Uri.TryCreate(c.Url, UriKind.Absolute, out _)) errors.Add($"{prefix}:Url must be an absolute URL");
                    break;
            }
            if (c.Language is not null and not ("zh" or "en")) errors.Add($"{prefix}:Language must be 'zh' or 'en'");
        }
        if (!string.IsNullOrWhiteSpace(o.EvidenceBaseUrl))
            errors.Add("Alerts:EvidenceBaseUrl was replaced by Alerts:PublicBaseUrl (signed, expiring links per result, answered by `serve`; set Alerts:LinkSecret too)");
        if (!string.IsNullOrWhiteSpace(o.PublicBaseUrl))
        {
            if (!Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var pub) || pub.Scheme is not ("http" or "https"))
                errors.Add($"Alerts:PublicBaseUrl '{o.PublicBaseUrl}' must be an absolute http(s) URL");
            if (string.IsNullOrEmpty(o.LinkSecret) || o.LinkSecret.Length < 32)
                errors.Add("Alerts:LinkSecret must be set (at least 32 characters, the same on every worker) when Alerts:PublicBaseUrl is");
        }
        foreach (var n in o.ResearchChannels.Concat(o.OperatorChannels).Concat(o.DigestChannels).Concat(o.Provinces.Values.SelectMany(v => v)))
            if (!o.Channels.ContainsKey(n)) errors.Add($"Alerts: routing names channel '{n}', which is not under Alerts:Channels");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
