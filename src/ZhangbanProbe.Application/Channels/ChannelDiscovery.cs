using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Definitions;

namespace ZhangbanProbe.Application.Channels;

/// <summary>A store candidate for a platform's app, with whether its seller is a government body of that province.</summary>
public sealed record ChannelCandidate(StoreApp App, GovernmentSeller.Verdict Seller, bool InManifest);

/// <summary>What the store offers for one platform, asked by the names its manifest gives.</summary>
public sealed record PortalCandidates(PortalManifest Portal, IReadOnlyList<string> Terms, IReadOnlyList<ChannelCandidate> Candidates);

/// <summary>What a confirmation wrote: the id, the store's listing, the id it replaced (null: none), the file.</summary>
public sealed record ChannelConfirmation(string Id, StoreApp Listing, string? Replaced, string File);

/// <summary>
/// Finding a platform's app in the App Store and recording the one a researcher confirms (`zhangban channels`).
/// Discovery only lists; nothing is written unless a named researcher confirms one id, which is first checked in the store.
/// </summary>
public sealed class ChannelDiscovery(AppStoreClient store, ProbeDataLoader data, TimeProvider time)
{
    /// <summary>The names a platform is searched by: its platform names (粤省事 / 粤商通 → both) and its app's store name.</summary>
    public static IReadOnlyList<string> Terms(PortalManifest portal) =>
        portal.Platform.Split(['/', '／', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Append(portal.AccessChannels.App?.Name ?? "")
            .Where(t => t.Length > 0).Distinct().ToList();

    /// <summary>Asks the store for each portal; a store that cannot be reached stops it (<see cref="StoreUnreachableException"/>).</summary>
    public async Task<IReadOnlyList<PortalCandidates>> DiscoverAsync(IReadOnlyList<PortalManifest> portals, CancellationToken ct)
    {
        var found = new List<PortalCandidates>();
        foreach (var portal in portals)
        {
            var terms = Terms(portal);
            var apps = new Dictionary<string, StoreApp>();
            foreach (var term in terms)
                foreach (var app in await store.SearchAsync(term, ct))
                    apps.TryAdd(app.Id, app);
            var current = portal.AccessChannels.App?.IosAppStoreId;
            var candidates = apps.Values
                .Select(a => new ChannelCandidate(a, GovernmentSeller.Judge(a.Seller, portal.Province), a.Id == current))
                .OrderByDescending(c => c.Seller.IsGovernment).ThenByDescending(c => terms.Contains(c.App.Name)).ThenByDescending(c => c.App.RatingCount ?? 0)
                .ToList();
            found.Add(new(portal, terms, candidates));
        }
        return found;
    }

    /// <summary>
    /// Writes <paramref name="id"/> as the portal's App Store id, with the date and who confirmed it, after the store
    /// shows the listing. Refuses (nothing written) an id the store does not know, or a result the manifest loader refuses.
    /// </summary>
    public async Task<ChannelConfirmation> ConfirmAsync(PortalManifest portal, string id, string confirmedBy, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(confirmedBy)) throw new ArgumentException("--by: who confirms the id must be named");
        var listing = await store.LookupAsync(id, ct) ?? throw new ArgumentException($"the App Store knows no app {id} in its {portal.Province} store front: nothing written");
        var path = string.IsNullOrEmpty(portal.SourcePath) ? Path.Combine(data.PortalsDirectory, portal.Id + ".yaml") : portal.SourcePath;
        var original = await File.ReadAllTextAsync(path, ct);
        var date = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var comment = $"source: App Store listing '{listing.Name}' by {listing.Seller ?? "an unnamed seller"}; confirmed by {confirmedBy.Trim()} on {date}";
        var edit = ManifestChannelWriter.SetIosAppStoreId(original, id, comment);
        var problems = new List<ManifestProblem>();
        var (parsed, _) = PortalManifestLoader.ParseFile(path, edit.Text, problems);
        if (parsed is null || problems.Count > 0 || parsed.AccessChannels.App?.IosAppStoreId != id)
            throw new InvalidDataException($"{path}: the manifest would not read back with the id ({string.Join("; ", problems.Select(p => p.ToString()))}): nothing written");
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, edit.Text, ct);
        File.Move(temp, path, overwrite: true); // whole or not at all
        return new(id, listing, edit.Replaced, path);
    }
}
