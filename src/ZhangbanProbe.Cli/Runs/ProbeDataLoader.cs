using Microsoft.Extensions.Options;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Cli.Runs;

/// <summary>Loads what to probe (manifests, catalogue) from probes/, resolving relative paths sensibly.</summary>
public sealed class ProbeDataLoader(IOptions<RunOptions> options, IEnumerable<IIndicatorProbe> probes)
{
    public string PortalsDirectory => Resolve(options.Value.PortalsDirectory);
    public string CatalogueFile => Resolve(options.Value.CatalogueFile);

    /// <summary>Loads the manifests; hints must name registered probes.</summary>
    public PortalManifestLoader.LoadResult LoadPortals() => PortalManifestLoader.LoadDirectory(PortalsDirectory, probes.Select(p => p.Key).ToList());

    /// <summary>Loads the catalogue; throws <see cref="ManifestException"/> with file:line problems.</summary>
    public IndicatorCatalogue LoadCatalogue()
    {
        var byKey = probes.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        return IndicatorCatalogue.Load(CatalogueFile, key => byKey.TryGetValue(key, out var p) ? p.SettingNames : null);
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
