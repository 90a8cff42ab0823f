using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.TransportSecurity;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record TransportSecuritySettings
{
    [Setting("expiry_warning", "A valid certificate expiring sooner than this: degraded (cert-expiring)", Min = "1h", Max = "365d")]
    public TimeSpan ExpiryWarning { get; init; } = TimeSpan.FromDays(14);
}
