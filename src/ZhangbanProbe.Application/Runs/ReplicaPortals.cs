using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Replicas;

namespace ZhangbanProbe.Application.Runs;

/// <summary>Portal manifests for the replica sites a local replica server serves.</summary>
public static class ReplicaPortals
{
    public const string Group = "replicas";

    /// <summary>`--replicas --portal beijing` keeps working: a bare site id is the replica's alias.</summary>
    public static IReadOnlyCollection<string> Aliases(IReadOnlyCollection<string> requested) => requested.Select(ReplicaIds.For).ToList();

    /// <summary>What a run against these replicas needs configured, beside its request: a short navigation bound (the
    /// demo's hanging replica must not hold the sweep), the throwaway CA of the TLS replicas trusted for this run only,
    /// and egress to the replica server's own ports only (a replica page cannot reach another service on loopback).</summary>
    public static IReadOnlyDictionary<string, string?> Configuration(ReplicaServer server)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Browser:NavigationTimeout"] = "00:00:10",
            ["Browser:ExtraRootCertificates"] = server.Certificates.AuthorityPemPath,
        };
        for (var i = 0; i < server.EgressRules.Count; i++) settings[$"Egress:Allow:{i}"] = server.EgressRules[i];
        return settings;
    }

    /// <summary>The request aimed at the replicas: their manifests (the run's snapshot takes them with the current
    /// catalogue), the replica trigger, and bare site ids as aliases.</summary>
    public static RunRequest Request(ReplicaServer server, RunRequest request) =>
        request with { Portals = Manifests(server), Trigger = RunTriggers.Replicas, PortalIds = Aliases(request.PortalIds) };

    public static IReadOnlyList<PortalManifest> Manifests(ReplicaServer server) =>
        server.Sites.OrderBy(s => s.Id.StartsWith("demo-", StringComparison.Ordinal)).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new PortalManifest
            {
                // Ids of their own (replica-beijing): no replica result can enter a real portal's history.
                Id = ReplicaIds.For(s.Id),
                Province = s.Province,
                Platform = s.Platform,
                EntryUrl = server.EntryUrl(s.Id),
                Notes = s.Note,
                Group = Group,
                SourcePath = "(replica)",
                Hints = Hints(server, s),
                AccessChannels = s.App is null ? AccessChannels.None : new AccessChannels { App = new AppChannel(s.App.StoreId, null, null) },
            }).ToList();

    private static Dictionary<string, IReadOnlyDictionary<string, string>> Hints(ReplicaServer server, ReplicaSite s)
    {
        // The replicas' apps are listed by the replica App Store, never Apple's.
        var hints = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [ZhangbanProbe.Probing.Probes.AppRating.AppRatingProbe.ProbeKey] = new Dictionary<string, string> { ["lookup_url"] = server.AppStoreLookupUrl.ToString() },
        };
        // An HTTPS replica listens on ephemeral ports, not 80: tell transport-security where its plain HTTP is. An HTTP
        // replica needs no hint: its entry URL (scheme and port) is where plain HTTP is looked for.
        if (s.Tls is not null)
            hints[ZhangbanProbe.Probing.Probes.TransportSecurity.TransportSecurityProbe.ProbeKey] = new Dictionary<string, string> { ["http_url"] = server.HttpUrl(s.Id).ToString() };
        return hints;
    }
}
