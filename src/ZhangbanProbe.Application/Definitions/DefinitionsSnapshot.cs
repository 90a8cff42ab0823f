using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Application.Definitions;

/// <summary>
/// The definitions a run is planned with, held once: the manifests of its portals and the catalogue, as read. Every
/// step of the run (each portal job on any worker, the completion, the alerts, the dashboard's view of it) uses this
/// snapshot, never the folder, so a run measures with one set of definitions even when <c>probes/</c> changes under it.
/// Stored once per <see cref="Hash"/> (SHA-256 of its canonical JSON) and named by it on the run.
/// </summary>
public sealed record DefinitionsSnapshot
{
    public const string Schema = "zhangban-definitions/1";

    public required string Hash { get; init; }
    public required IReadOnlyList<PortalManifest> Portals { get; init; }
    public required IndicatorCatalogue Catalogue { get; init; }
    /// <summary>The canonical JSON the hash is taken of (what is stored).</summary>
    public required string Json { get; init; }

    /// <summary>The short form shown on pages and in the CLI.</summary>
    public string ShortHash => Hash[..12];

    private sealed record Document(string Schema, IReadOnlyList<PortalManifest> Portals, IndicatorCatalogue Catalogue);

    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        // Chinese kept readable in the stored row (the hash is of exactly these bytes).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        // Computed views (a manifest's Hosts, a catalogue's coverage) are not part of a definition.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipComputed } },
    };

    private static void SkipComputed(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties)
            if (property.Set is null && property.AssociatedParameter is null) property.ShouldSerialize = static (_, _) => false;
    }

    /// <summary>A snapshot of these manifests and this catalogue. Source paths are kept as file names
    /// (<c>portals/beijing.yaml</c>): the same definitions hash the same on every machine of a cluster.</summary>
    public static DefinitionsSnapshot Of(IReadOnlyList<PortalManifest> portals, IndicatorCatalogue catalogue)
    {
        var named = portals.Select(p => p with { SourcePath = SourceName(p.SourcePath, "portals/") }).ToList();
        var cat = catalogue with { SourcePath = SourceName(catalogue.SourcePath, "") };
        var json = JsonSerializer.Serialize(new Document(Schema, named, cat), Options);
        return new() { Hash = HashOf(json), Portals = named, Catalogue = cat, Json = json };
    }

    /// <summary>Reads a stored snapshot back; <paramref name="bind"/> re-binds each entry's typed settings from the
    /// values as read. Refuses JSON whose hash is not <paramref name="expectedHash"/> (a changed row is never used).</summary>
    public static DefinitionsSnapshot FromJson(string json, string expectedHash, Func<CatalogueEntry, CatalogueEntry> bind)
    {
        if (!string.Equals(HashOf(json), expectedHash, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"stored definitions {expectedHash[..Math.Min(12, expectedHash.Length)]} do not match their hash");
        var doc = JsonSerializer.Deserialize<Document>(json, Options) ?? throw new InvalidDataException("empty definitions");
        if (doc.Schema != Schema) throw new InvalidDataException($"definitions schema '{doc.Schema}' is not {Schema}");
        var catalogue = doc.Catalogue with { Entries = doc.Catalogue.Entries.Select(bind).ToList() };
        return new() { Hash = expectedHash.ToLowerInvariant(), Portals = doc.Portals, Catalogue = catalogue, Json = json };
    }

    /// <summary>What differs from <paramref name="previous"/>, one line each: portals added, removed or changed, and
    /// catalogue entries (settings named with their old and new values). Empty when nothing does.</summary>
    public IReadOnlyList<string> ChangesSince(DefinitionsSnapshot previous)
    {
        if (previous.Hash == Hash) return [];
        var changes = new List<string>();
        var before = previous.Portals.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var after = Portals.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var p in Portals.Where(p => !before.ContainsKey(p.Id))) changes.Add($"portal {p.Id}: added");
        foreach (var p in previous.Portals.Where(p => !after.ContainsKey(p.Id))) changes.Add($"portal {p.Id}: removed");
        foreach (var p in Portals.Where(p => before.ContainsKey(p.Id)))
        {
            var fields = ChangedFields(before[p.Id], p);
            if (fields.Count > 0) changes.Add($"portal {p.Id}: {string.Join(", ", fields)} changed");
        }
        var oldEntries = previous.Catalogue.Entries.ToDictionary(e => e.ProbeKey, StringComparer.OrdinalIgnoreCase);
        var newEntries = Catalogue.Entries.ToDictionary(e => e.ProbeKey, StringComparer.OrdinalIgnoreCase);
        foreach (var e in Catalogue.Entries.Where(e => !oldEntries.ContainsKey(e.ProbeKey))) changes.Add($"indicator {e.ProbeKey}: added");
        foreach (var e in previous.Catalogue.Entries.Where(e => !newEntries.ContainsKey(e.ProbeKey))) changes.Add($"indicator {e.ProbeKey}: removed");
        foreach (var e in Catalogue.Entries.Where(e => oldEntries.ContainsKey(e.ProbeKey)))
        {
            var old = oldEntries[e.ProbeKey];
            foreach (var name in old.Settings.Values.Keys.Union(e.Settings.Values.Keys).Order(StringComparer.Ordinal))
            {
                var (was, now) = (old.Settings.Values.GetValueOrDefault(name), e.Settings.Values.GetValueOrDefault(name));
                if (was != now) changes.Add($"indicator {e.ProbeKey}: {name} {was ?? "(default)"} → {now ?? "(default)"}");
            }
            var fields = ChangedFields(old with { Settings = ProbeSettings.Empty }, e with { Settings = ProbeSettings.Empty });
            if (fields.Count > 0) changes.Add($"indicator {e.ProbeKey}: {string.Join(", ", fields)} changed");
        }
        if (changes.Count == 0) changes.Add("formatting only (the same portals and settings)");
        return changes;
    }

    private static List<string> ChangedFields<T>(T before, T after)
    {
        var a = JsonSerializer.SerializeToElement(before, Options);
        var b = JsonSerializer.SerializeToElement(after, Options);
        return a.EnumerateObject().Select(p => p.Name)
            .Where(name => !b.TryGetProperty(name, out var other) || other.GetRawText() != a.GetProperty(name).GetRawText())
            .Select(ToSnake).ToList();
    }

    private static string ToSnake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string SourceName(string path, string prefix) =>
        string.IsNullOrEmpty(path) || path.StartsWith('(') ? path : prefix + Path.GetFileName(path);

    private static string HashOf(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
