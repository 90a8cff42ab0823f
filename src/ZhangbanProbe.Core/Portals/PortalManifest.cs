namespace ZhangbanProbe.Core.Portals;

/// <summary>One provincial platform, as described by its manifest file in <c>probes/portals/</c>.</summary>
public sealed record PortalManifest
{
    public required string Id { get; init; }
    public required string Province { get; init; }
    public string Platform { get; init; } = "";
    public required Uri EntryUrl { get; init; }
    public IReadOnlyList<Uri> AlternateUrls { get; init; } = [];
    /// <summary>How sure the manifest author is of the entry URL: high, medium or low.</summary>
    public string Confidence { get; init; } = "high";
    /// <summary>Scheduling group (nightly sweeps can be configured per group).</summary>
    public string Group { get; init; } = "default";
    public string Notes { get; init; } = "";
    /// <summary>Per-probe hints (selectors, known case numbers, steps), keyed by probe key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Hints { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
    /// <summary>Step scripts for multi-step flows (hints.{probe}.steps), keyed by probe key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ScriptStep>> Steps { get; init; } =
        new Dictionary<string, IReadOnlyList<ScriptStep>>();
    /// <summary>H5, app and mini-program channels (<c>access_channels:</c>); empty when not known.</summary>
    public AccessChannels AccessChannels { get; init; } = AccessChannels.None;
    /// <summary>The file the manifest was read from (for messages).</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>Every host this portal is known to answer on; the API accepts only these.</summary>
    public IEnumerable<string> Hosts => new[] { EntryUrl }.Concat(AlternateUrls).Concat(AccessChannels.Urls).Select(u => u.Host).Distinct(StringComparer.OrdinalIgnoreCase);
}
