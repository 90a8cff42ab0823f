namespace ZhangbanProbe.Core.Portals;

/// <summary>
/// How citizens reach a platform besides its web portal — what the index grades as the mobile platform. Only what is
/// known is written; nothing is invented (an unknown app id stays empty and probes that need it say so).
/// </summary>
public sealed record AccessChannels
{
    public static readonly AccessChannels None = new();

    /// <summary>The web entry when it differs from <c>entry_url</c>.</summary>
    public Uri? Web { get; init; }
    /// <summary>The H5 (mobile web) entry.</summary>
    public Uri? H5 { get; init; }
    public AppChannel? App { get; init; }
    public MiniProgramChannel? MiniProgram { get; init; }

    public IEnumerable<Uri> Urls => new[] { Web, H5 }.Where(u => u is not null).Select(u => u!);
}

/// <summary>The platform's app: App Store id (digits), Android package name, and the token its web view adds to the user agent.</summary>
public sealed record AppChannel(string? IosAppStoreId, string? AndroidPackage, string? UserAgentToken)
{
    /// <summary>The app's name as the stores list it, when it differs from the platform's (随申办市民云 for 随申办); searched by `channels discover`.</summary>
    public string? Name { get; init; }
}

/// <summary>The platform's mini-programs by name.</summary>
public sealed record MiniProgramChannel(string? Wechat, string? Alipay);
