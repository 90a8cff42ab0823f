using ZhangbanProbe.Definitions;
using ZhangbanProbe.Application.Definitions;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Application.Runs;

/// <summary>Loads what to probe (manifests, catalogue) from probes/, resolving relative paths sensibly.</summary>
public sealed class ProbeDataLoader(IOptions<RunOptions> options, IEnumerable<IIndicatorProbe> probes)
{
    public string PortalsDirectory => Resolve(options.Value.PortalsDirectory);
    public string CatalogueFile => Resolve(options.Value.CatalogueFile);

    /// <summary>Loads the manifests; hints must name registered probes.</summary>
    public PortalManifestLoader.LoadResult LoadPortals() => PortalManifestLoader.LoadDirectory(PortalsDirectory, probes.Select(p => p.Key).ToList(),
        probes.ToDictionary(p => p.Key, p => p.Declaration.HintNames, StringComparer.OrdinalIgnoreCase));

    /// <summary>Loads the catalogue; throws <see cref="ManifestException"/> with file:line problems.</summary>
    public IndicatorCatalogue LoadCatalogue()
    {
        var byKey = probes.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        return CatalogueLoader.Load(CatalogueFile, key => byKey.TryGetValue(key, out var p) ? p.Declaration : null);
    }

    /// <summary>What a run would cover, or why it cannot: manifest and catalogue problems (file:line) and unknown ids.</summary>
    /// <param name="Portals">The manifests the selection was made from (empty when they have problems).</param>
    /// <param name="Definitions">The snapshot the selection was made from (null when there is none).</param>
    public sealed record SelectionResult(RunSelection? Selection, IReadOnlyList<string> Errors, IReadOnlyList<PortalManifest> Portals, DefinitionsSnapshot? Definitions);

    /// <summary>Reads the manifests and the catalogue into one snapshot, or every problem (file:line:col) they have.</summary>
    public (DefinitionsSnapshot? Snapshot, IReadOnlyList<string> Problems) LoadDefinitions()
    {
        var loaded = LoadPortals();
        var problems = loaded.Problems.Select(p => p.ToString()).ToList();
        IndicatorCatalogue? catalogue = null;
        try { catalogue = LoadCatalogue(); }
        catch (ManifestException ex) { problems.AddRange(ex.Problems.Select(p => p.ToString())); }
        return problems.Count > 0 || catalogue is null ? (null, problems) : (DefinitionsSnapshot.Of(loaded.Portals, catalogue), []);
    }

    /// <summary>An entry read back from a stored snapshot, its typed settings bound again from the values as read.</summary>
    public CatalogueEntry Bind(CatalogueEntry entry)
    {
        var probe = probes.FirstOrDefault(p => string.Equals(p.Key, entry.ProbeKey, StringComparison.OrdinalIgnoreCase));
        if (probe is null) return entry; // not registered here: never selected, so never read
        try { return entry with { Settings = ProbeSettings.Bound(probe.Declaration.Settings, entry.Settings.Values) }; }
        catch (ArgumentException) { return entry; } // a setting this build no longer has: the probe's own read reports it
    }

    /// <summary>
    /// Selects portals and indicators by id from <paramref name="definitions"/> (empty: all; <paramref name="include"/>
    /// narrows "all", e.g. to a sweep's group). The one place every run (CLI, sweep, API, resumed) chooses what it probes.
    /// </summary>
    public SelectionResult Select(DefinitionsSnapshot definitions, IReadOnlyCollection<string> portalIds, IReadOnlyCollection<string> indicatorIds,
        Func<PortalManifest, bool>? include = null)
    {
        var portals = include is null ? definitions.Portals : definitions.Portals.Where(include).ToList();
        var (selection, errors) = RunSelection.Select(portals, definitions.Catalogue, portalIds, indicatorIds, probes.Select(p => p.Key).ToList());
        return new(selection, errors, portals, definitions);
    }

    /// <summary>
    /// A relative path is taken from the working directory when it exists there, else from the repository the
    /// program was built in (so `zhangban` works from any folder of a checkout).
    /// </summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var fromCwd = Path.GetFullPath(path);
        if (Directory.Exists(fromCwd) || File.Exists(fromCwd)) return fromCwd;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (Directory.Exists(candidate) || File.Exists(candidate)) return candidate;
        }
        return fromCwd;
    }
}
