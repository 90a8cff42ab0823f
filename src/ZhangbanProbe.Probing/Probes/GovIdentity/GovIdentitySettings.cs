using ZhangbanProbe.Core.Catalogue;

namespace ZhangbanProbe.Probing.Probes.GovIdentity;

/// <summary>The catalogue settings this probe reads (names, defaults and limits written once, here).</summary>
public sealed record GovIdentitySettings
{
    [Setting("require_gov_cn", "The entry host must be under gov.cn (false for replicas and test hosts)")]
    public bool RequireGovCn { get; init; } = true;
}
