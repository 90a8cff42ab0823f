using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Core.Runs;

/// <summary>The (portal, indicator) pairs a run covers, chosen from the manifests and the catalogue.</summary>
public sealed record RunSelection(IReadOnlyList<PortalManifest> Portals, IReadOnlyList<CatalogueEntry> Indicators)
{
    public int PairCount => Portals.Count * Indicators.Count;

    /// <summary>
    /// Selects portals and indicators by id (empty: all). Unknown ids are bad input: every one is reported and
    /// nothing is selected.
    /// </summary>
    public static (RunSelection? Selection, IReadOnlyList<string> Errors) Select(
        IReadOnlyList<PortalManifest> portals, IndicatorCatalogue catalogue,
        IReadOnlyCollection<string> portalIds, IReadOnlyCollection<string> indicatorIds,
        IReadOnlyCollection<string> availableProbeKeys)
    {
        var errors = new List<string>();
        var chosenPortals = portalIds.Count == 0 ? portals.ToList() : [];
        foreach (var id in portalIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var p = portals.FirstOrDefault(x => string.Equals(x.Id, id, StringComparison.OrdinalIgnoreCase));
            if (p is null) errors.Add($"--portal {id}: no portal manifest has this id (known: {string.Join(", ", portals.Select(x => x.Id).Take(40))})");
            else chosenPortals.Add(p);
        }

        var available = catalogue.Entries.Where(e => availableProbeKeys.Contains(e.ProbeKey, StringComparer.OrdinalIgnoreCase)).ToList();
        var chosenIndicators = indicatorIds.Count == 0 ? available : [];
        foreach (var id in indicatorIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var e = available.FirstOrDefault(x => string.Equals(x.ProbeKey, id, StringComparison.OrdinalIgnoreCase));
            if (e is null) errors.Add($"--indicator {id}: no such indicator probe (available: {string.Join(", ", available.Select(x => x.ProbeKey))})");
            else chosenIndicators.Add(e);
        }

        if (errors.Count == 0 && chosenIndicators.Count == 0) errors.Add("no indicator probes are available in the catalogue");
        return errors.Count > 0 ? (null, errors) : (new RunSelection(chosenPortals, chosenIndicators), errors);
    }
}
