using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Application.Definitions;

/// <summary>What the folder's definitions are now: the last valid snapshot, and the problems of a newer edit that is not.</summary>
/// <param name="Snapshot">The definitions in use (null: none has ever been valid in this process).</param>
/// <param name="Problems">Why the files on disk are not in use (file:line:col), empty when they are.</param>
public sealed record CurrentDefinitions(DefinitionsSnapshot? Snapshot, IReadOnlyList<string> Problems, DateTimeOffset? ProblemsSince);

/// <summary>
/// Where definitions come from. Between runs: <see cref="Current"/>, one snapshot of <c>probes/</c> held in memory and
/// refreshed when a file changes, after it is validated; a broken edit keeps the previous snapshot in use and is
/// reported (serve's <c>/healthz</c>, the dashboard's runs page). For a run: <see cref="ForRunAsync"/>, the snapshot it
/// was planned with, read back from the store by its hash.
/// </summary>
public sealed class DefinitionsStore(ProbeDataLoader data, ProbeStore store, TimeProvider time, ILogger<DefinitionsStore> logger)
{
    private readonly Lock _gate = new();
    private string? _fingerprint;
    private CurrentDefinitions _current = new(null, ["definitions not read yet"], null);
    private readonly ConcurrentDictionary<string, DefinitionsSnapshot> _byHash = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The definitions in use now, re-read when a manifest or the catalogue changed on disk.</summary>
    public CurrentDefinitions Current()
    {
        var fingerprint = Fingerprint();
        lock (_gate)
        {
            if (fingerprint == _fingerprint) return _current;
            var (snapshot, problems) = data.LoadDefinitions();
            _fingerprint = fingerprint;
            if (snapshot is not null)
            {
                if (_current.Snapshot?.Hash != snapshot.Hash && _current.Snapshot is not null)
                    logger.LogInformation("Definitions changed: {Old} → {New} ({Changes})", _current.Snapshot.ShortHash, snapshot.ShortHash, string.Join("; ", snapshot.ChangesSince(_current.Snapshot).Take(10)));
                _byHash.TryAdd(snapshot.Hash, snapshot);
                _current = new(snapshot, [], null);
            }
            else
            {
                if (_current.Snapshot is not null)
                    logger.LogError("Definitions on disk are not valid; still using {Hash}: {Problems}", _current.Snapshot.ShortHash, string.Join("; ", problems.Take(10)));
                _current = new(_current.Snapshot, problems, _current.ProblemsSince ?? time.GetUtcNow());
            }
            return _current;
        }
    }

    /// <summary>What a run would cover with the current definitions (or these portals instead of the folder's), or why it cannot.</summary>
    public ProbeDataLoader.SelectionResult Select(IReadOnlyCollection<string> portalIds, IReadOnlyCollection<string> indicatorIds,
        IReadOnlyList<PortalManifest>? portals = null, Func<PortalManifest, bool>? include = null)
    {
        var current = Current();
        if (portals is not null)
        {
            // Portals of its own (the replicas): only the catalogue comes from probes/, so a broken real manifest does not stop it.
            var catalogue = current.Snapshot?.Catalogue;
            if (catalogue is null)
            {
                try { catalogue = data.LoadCatalogue(); }
                catch (ZhangbanProbe.Core.Portals.ManifestException ex) { return new(null, ex.Problems.Select(p => p.ToString()).ToList(), portals, null); }
            }
            return data.Select(Register(DefinitionsSnapshot.Of(portals, catalogue)), portalIds, indicatorIds, include);
        }
        if (current.Snapshot is null) return new(null, current.Problems, [], null);
        return data.Select(current.Snapshot, portalIds, indicatorIds, include);
    }

    /// <summary>The snapshot <paramref name="run"/> was planned with; a run from before snapshots uses the current definitions.</summary>
    public async Task<DefinitionsSnapshot?> ForRunAsync(ProbeRun run, CancellationToken ct)
    {
        if (run.DefinitionsHash is not { } hash) return Current().Snapshot;
        var snapshot = await ByHashAsync(hash, ct);
        if (snapshot is null) logger.LogError("Run {Run}: its definitions {Hash} are not in the store", run.Id, hash);
        return snapshot;
    }

    /// <summary>How to show <paramref name="run"/>: its indicators and portals from the snapshot it was planned with,
    /// then the current definitions' portals (a real portal named by a replica id, an older run).</summary>
    public async Task<ProbeDataLoader.SelectionResult> ViewAsync(ProbeRun? run, CancellationToken ct)
    {
        var current = Select([], []);
        if (run is null || await ForRunAsync(run, ct) is not { } own || own.Hash == current.Definitions?.Hash) return current;
        var ofRun = data.Select(own, [], []);
        return ofRun with { Portals = [.. ofRun.Portals, .. current.Portals.Where(p => !ofRun.Portals.Any(o => string.Equals(o.Id, p.Id, StringComparison.OrdinalIgnoreCase)))] };
    }

    /// <summary>A stored snapshot by hash (null: not stored).</summary>
    public async Task<DefinitionsSnapshot?> ByHashAsync(string hash, CancellationToken ct)
    {
        if (_byHash.TryGetValue(hash, out var known)) return known;
        var json = await store.GetDefinitionsJsonAsync(hash, ct);
        return json is null ? null : Register(DefinitionsSnapshot.FromJson(json, hash, data.Bind));
    }

    /// <summary>What changed in the definitions since the run before <paramref name="run"/> (of the same target).</summary>
    public async Task<IReadOnlyList<string>?> ChangesSincePreviousAsync(ProbeRun run, CancellationToken ct)
    {
        if (run.DefinitionsHash is null) return null;
        var previousHash = await store.PreviousDefinitionsHashAsync(run, ct);
        if (previousHash is null) return null;
        var (now, before) = (await ByHashAsync(run.DefinitionsHash, ct), await ByHashAsync(previousHash, ct));
        return now is null || before is null ? null : now.ChangesSince(before);
    }

    private DefinitionsSnapshot Register(DefinitionsSnapshot snapshot) => _byHash.GetOrAdd(snapshot.Hash, snapshot);

    // Names, sizes and write times of every definition file: cheap to take on every call, and it changes with any edit.
    private string Fingerprint()
    {
        var parts = new List<string>();
        void Add(string file)
        {
            var info = new FileInfo(file);
            parts.Add(info.Exists ? $"{file}|{info.Length}|{info.LastWriteTimeUtc.Ticks}" : $"{file}|-");
        }
        Add(data.CatalogueFile);
        if (Directory.Exists(data.PortalsDirectory))
            foreach (var file in Directory.EnumerateFiles(data.PortalsDirectory).Order(StringComparer.Ordinal)) Add(file);
        else parts.Add($"{data.PortalsDirectory}|-");
        return string.Join("\n", parts);
    }
}
