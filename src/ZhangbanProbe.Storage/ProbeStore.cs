using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Core.Runs;

namespace ZhangbanProbe.Storage;

/// <summary>
/// Reads and writes runs and results. Each result is written as soon as it is ready (so a crash later in
/// the run loses nothing); writes are idempotent on (run, portal, indicator).
/// </summary>
public sealed class ProbeStore(IOptions<StorageOptions> options)
{
    private readonly StorageOptions _options = options.Value;

    public string Describe() => _options.UsesPostgres ? "PostgreSQL" : $"SQLite {Path.GetFullPath(_options.SqlitePath)}";

    public ProbeStoreContext CreateContext()
    {
        if (_options.UsesPostgres)
            return new PostgresStoreContext(new DbContextOptionsBuilder<PostgresStoreContext>()
                .UseNpgsql(_options.PostgresConnectionString).Options);
        var full = Path.GetFullPath(_options.SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteStoreContext(new DbContextOptionsBuilder<SqliteStoreContext>()
            .UseSqlite($"Data Source={full};Default Timeout=30").Options);
    }

    /// <summary>Applies pending migrations (done on every start).</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync(ct);
        if (!_options.UsesPostgres)
        {
            // WAL lets readers (reports, the API) work while a run writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>Records a run once (a repeated plan of the same id finds it), with the definitions it was planned
    /// with (<paramref name="definitionsJson"/>, stored once per <see cref="ProbeRun.DefinitionsHash"/>).</summary>
    public async Task BeginRunAsync(ProbeRun run, string? definitionsJson = null, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        if (await db.Runs.AnyAsync(r => r.Id == run.Id, ct)) return;
        if (run.DefinitionsHash is { } hash && definitionsJson is not null && !await db.Definitions.AnyAsync(d => d.Hash == hash, ct))
        {
            db.Definitions.Add(new DefinitionsRow { Hash = hash, Json = definitionsJson, CreatedAtUtc = DateTime.UtcNow });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // Another planner stored the same snapshot first (same hash, same content); anything else is a fault.
                if (!await DefinitionsStoredAsync(hash, ct)) throw;
                db.ChangeTracker.Clear();
            }
        }
        db.Runs.Add(new RunRow
        {
            Id = run.Id,
            StartedAtUtc = run.StartedAtUtc,
            Status = run.Status,
            Trigger = run.Trigger,
            Origin = run.Origin,
            Target = run.Target,
            Series = run.Series,
            PortalIds = string.Join(',', run.PortalIds),
            IndicatorIds = string.Join(',', run.IndicatorIds),
            Machine = run.Machine,
            DefinitionsHash = run.DefinitionsHash,
        });
        await db.SaveChangesAsync(ct);
    }

    private async Task<bool> DefinitionsStoredAsync(string hash, CancellationToken ct)
    {
        await using var db = CreateContext();
        return await db.Definitions.AnyAsync(d => d.Hash == hash, ct);
    }

    /// <summary>A stored definitions snapshot's JSON, or null.</summary>
    public async Task<string?> GetDefinitionsJsonAsync(string hash, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        return await db.Definitions.AsNoTracking().Where(d => d.Hash == hash).Select(d => d.Json).SingleOrDefaultAsync(ct);
    }

    /// <summary>The definitions hash of the newest run of the same target started before <paramref name="run"/> (null: none).</summary>
    public async Task<string?> PreviousDefinitionsHashAsync(ProbeRun run, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        return await db.Runs.AsNoTracking()
            .Where(r => r.Target == run.Target && r.StartedAtUtc < run.StartedAtUtc && r.Id != run.Id && r.DefinitionsHash != null)
            .OrderByDescending(r => r.StartedAtUtc).Select(r => r.DefinitionsHash).FirstOrDefaultAsync(ct);
    }

    /// <summary>Control characters (a NUL from a page's console) removed, lengths capped: what a page wrote never breaks a row.</summary>
    public static string Clean(string? s, int max)
    {
        if (string.IsNullOrEmpty(s)) return s ?? "";
        var cleaned = new string(s.Where(c => c is '\n' or '\t' || !char.IsControl(c)).ToArray());
        // Lone surrogates are not valid UTF-8 either.
        cleaned = System.Text.RegularExpressions.Regex.Replace(cleaned, @"[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]", "\ufffd");
        return cleaned.Length > max ? cleaned[..max] + "…" : cleaned;
    }

    /// <summary>Stores one result; returns false when it was already stored (idempotent retry).</summary>
    public async Task<bool> SaveResultAsync(ProbeResult r, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        if (await db.Results.AnyAsync(x => x.RunId == r.RunId && x.PortalId == r.PortalId && x.IndicatorId == r.IndicatorId, ct))
            return false;
        db.Results.Add(new ResultRow
        {
            RunId = r.RunId,
            PortalId = r.PortalId,
            IndicatorId = r.IndicatorId,
            Outcome = r.Outcome.ToCode(),
            Reason = r.Reason.ToCode(),
            Value = r.Value,
            Unit = r.Unit is null ? null : Clean(r.Unit, 32),
            Detail = r.Detail is null ? null : Clean(r.Detail, 8000),
            StartedAtUtc = r.StartedAtUtc,
            DurationMs = Math.Round(r.Duration.TotalMilliseconds, 1),
            Attempts = r.Attempts,
            Urls = Clean(string.Join('\n', r.Urls.Take(50).Select(u => Clean(u.Replace('\n', ' '), 2000))), 60_000),
            Profile = r.Profile,
            Worker = Clean(r.Worker, 200),
            Measurements = r.Measurements.Take(200).Select(m => new MeasurementRow { Name = Clean(m.Name, 64), Value = double.IsFinite(m.Value) ? m.Value : 0, Unit = Clean(m.Unit, 32) }).ToList(),
            Evidence = r.Evidence.Take(50).Select(e => new EvidenceRow { Kind = Clean(e.Kind, 32), Path = e.Path, Url = e.Url is null ? null : Clean(e.Url, 2000), Note = e.Note is null ? null : Clean(e.Note, 2000), Sha256 = e.Sha256 }).ToList(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await ExistsAsync(r, ct)) return false; // another writer stored it first
            throw;
        }
    }

    private async Task<bool> ExistsAsync(ProbeResult r, CancellationToken ct)
    {
        await using var db = CreateContext();
        return await db.Results.AnyAsync(x => x.RunId == r.RunId && x.PortalId == r.PortalId && x.IndicatorId == r.IndicatorId, ct);
    }

    public async Task CompleteRunAsync(Guid runId, DateTime finishedAtUtc, RunStatus status = RunStatus.Completed, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var run = await db.Runs.SingleAsync(r => r.Id == runId, ct);
        run.FinishedAtUtc = finishedAtUtc;
        run.Status = status;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Checks a running run's plan against its stored results (<see cref="RunAccounting"/>) and ends it: completed when
    /// every planned pair has a result; when <paramref name="final"/> (the caller knows no more work for the run is under
    /// way), incomplete with the missing pairs named — unless pairs wait in an outbox (<paramref name="queued"/>), which
    /// leaves it running until they are written. Returns the new status only for the one caller that made the change
    /// (several workers may try at once), so follow-ups such as alert evaluation happen once; null otherwise.
    /// </summary>
    public async Task<(RunStatus Status, IReadOnlyList<MissingPair> Missing)?> TryFinishRunAsync(Guid runId, DateTime finishedAtUtc, bool final,
        IReadOnlySet<(string Portal, string Indicator)> queued, IReadOnlyDictionary<(string Portal, string Indicator), string> setAside,
        CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || run.Status != RunStatus.Running) return null;
        var stored = await StoredPairsAsync(runId, ct);
        var account = RunAccounting.Check(Split(run.PortalIds), Split(run.IndicatorIds), stored, queued, setAside);
        RunStatus status;
        string? missing = null;
        switch (account.Verdict)
        {
            case RunVerdict.Complete:
                status = RunStatus.Completed;
                break;
            case RunVerdict.Incomplete when final:
                status = RunStatus.Incomplete;
                missing = Clean(string.Join('\n', account.Missing.Select(m => m.ToString().Replace('\n', ' '))), 200_000);
                break;
            default:
                return null;
        }
        var changed = await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, status).SetProperty(r => r.FinishedAtUtc, finishedAtUtc).SetProperty(r => r.Missing, missing), ct);
        return changed == 1 ? (status, account.Missing) : null;
    }

    /// <summary>Which of these runs ended incomplete (results from them are marked in comparisons).</summary>
    public async Task<IReadOnlySet<Guid>> IncompleteRunIdsAsync(IReadOnlyCollection<Guid> runIds, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var ids = runIds.ToList();
        return (await db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id) && r.Status == RunStatus.Incomplete).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>How many runs ended incomplete (the /metrics counter's starting point).</summary>
    public async Task<int> CountIncompleteAsync(CancellationToken ct = default)
    {
        await using var db = CreateContext();
        return await db.Runs.CountAsync(r => r.Status == RunStatus.Incomplete, ct);
    }

    /// <summary>The (portal, indicator) pairs of a run that already have a result (a recovered job skips them).</summary>
    public async Task<HashSet<(string Portal, string Indicator)>> StoredPairsAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var rows = await db.Results.AsNoTracking().Where(r => r.RunId == runId).Select(r => new { r.PortalId, r.IndicatorId }).ToListAsync(ct);
        return rows.Select(r => (r.PortalId, r.IndicatorId)).ToHashSet();
    }

    /// <summary>Runs still marked running, oldest first (without their results).</summary>
    public async Task<IReadOnlyList<ProbeRun>> RunningRunsAsync(CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var rows = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running).OrderBy(r => r.StartedAtUtc).ToListAsync(ct);
        return rows.Select(ToDomain).ToList();
    }

    public async Task<bool> CanConnectAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = CreateContext();
            return await db.Database.CanConnectAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { return false; }
    }

    private static string[] Split(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public async Task<ProbeRun?> GetRunAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var run = await db.Runs.AsNoTracking()
            .Include(r => r.Results).ThenInclude(r => r.Measurements)
            .Include(r => r.Results).ThenInclude(r => r.Evidence)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == runId, ct);
        return run is null ? null : ToDomain(run);
    }

    /// <summary>One result with its measurements and evidence (an indexed lookup: never the whole run).</summary>
    public async Task<ProbeResult?> GetResultAsync(Guid runId, string portalId, string indicatorId, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var row = await db.Results.AsNoTracking().Include(r => r.Measurements).Include(r => r.Evidence).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.RunId == runId && r.PortalId == portalId && r.IndicatorId == indicatorId, ct);
        return row is null ? null : ToDomain(row);
    }

    /// <summary>How many results each run has stored (progress of running runs).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> StoredCountsAsync(IReadOnlyCollection<Guid> runIds, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var ids = runIds.ToList();
        return await db.Results.AsNoTracking().Where(r => ids.Contains(r.RunId)).GroupBy(r => r.RunId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    /// <summary>A portal's results since a time in one series, as cells (no measurements or evidence): the portal page's strips.</summary>
    public async Task<IReadOnlyList<(Guid RunId, DateTime At, ResultCell Cell)>> PortalCellsAsync(string portalId, DateTime sinceUtc, SeriesFilter series, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var query = db.Results.AsNoTracking().Where(r => r.PortalId == portalId && r.StartedAtUtc >= sinceUtc && r.Profile == series.Profile && r.Run!.Target == series.Target);
        if (series.SweepsOnly) query = query.Where(r => r.Run!.Origin == RunOrigin.Sweep);
        var rows = await query.OrderBy(r => r.StartedAtUtc)
            .Select(r => new { r.RunId, r.StartedAtUtc, r.PortalId, r.IndicatorId, r.Outcome, r.Reason, r.Value, r.Unit }).ToListAsync(ct);
        return rows.Select(r => (r.RunId, r.StartedAtUtc, new ResultCell(r.PortalId, r.IndicatorId, OutcomeNames.Parse(r.Outcome), ReasonCodes.Parse(r.Reason), r.Value, r.Unit))).ToList();
    }

    /// <summary>Named measurements of one (portal, indicator) since a time, oldest first: the timing trends.</summary>
    public async Task<IReadOnlyList<(DateTime At, string Name, double Value)>> MeasurementSeriesAsync(string portalId, string indicatorId, DateTime sinceUtc,
        IReadOnlyCollection<string> names, SeriesFilter series, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        string pass = Outcome.Pass.ToCode(), degraded = Outcome.Degraded.ToCode(); // timings of observed pages only
        var results = db.Results.AsNoTracking().Where(r => r.PortalId == portalId && r.IndicatorId == indicatorId && r.StartedAtUtc >= sinceUtc
            && r.Profile == series.Profile && r.Run!.Target == series.Target && (r.Outcome == pass || r.Outcome == degraded));
        if (series.SweepsOnly) results = results.Where(r => r.Run!.Origin == RunOrigin.Sweep);
        var list = names.ToList();
        var rows = await (from m in db.Measurements.AsNoTracking()
                          join r in results on m.ResultId equals r.Id
                          where list.Contains(m.Name)
                          orderby r.StartedAtUtc
                          select new { r.StartedAtUtc, m.Name, m.Value }).ToListAsync(ct);
        return rows.Select(x => (x.StartedAtUtc, x.Name, x.Value)).ToList();
    }

    /// <summary>A run without its results (the dashboard's header).</summary>
    public async Task<ProbeRun?> GetRunHeaderAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var row = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        return row is null ? null : ToDomain(row);
    }

    /// <summary>The newest run of a series (default: scheduled sweeps of real portals), else the newest run of any kind.</summary>
    public async Task<ProbeRun?> LatestRunAsync(RunTarget target, bool sweepsFirst = true, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var runs = db.Runs.AsNoTracking().Where(r => r.Target == target);
        var row = (sweepsFirst ? await runs.Where(r => r.Origin == RunOrigin.Sweep).OrderByDescending(r => r.StartedAtUtc).FirstOrDefaultAsync(ct) : null)
                  ?? await runs.OrderByDescending(r => r.StartedAtUtc).FirstOrDefaultAsync(ct);
        return row is null ? null : ToDomain(row);
    }

    /// <summary>The outcome cells of a run (portal, indicator, outcome, reason, value) without measurements or evidence: the overview's query.</summary>
    public async Task<IReadOnlyList<ResultCell>> CellsAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var rows = await db.Results.AsNoTracking().Where(r => r.RunId == runId)
            .Select(r => new { r.PortalId, r.IndicatorId, r.Outcome, r.Reason, r.Value, r.Unit, r.Worker }).ToListAsync(ct);
        return rows.Select(r => new ResultCell(r.PortalId, r.IndicatorId, OutcomeNames.Parse(r.Outcome), ReasonCodes.Parse(r.Reason), r.Value, r.Unit, r.Worker)).ToList();
    }

    /// <summary>Runs of an origin still in progress (the API's concurrency cap).</summary>
    public async Task<int> CountRunningAsync(RunOrigin origin, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        // A run interrupted long ago (its worker died) does not hold a place for ever.
        var recent = DateTime.UtcNow - TimeSpan.FromHours(6);
        return await db.Runs.CountAsync(r => r.Origin == origin && r.Status == RunStatus.Running && r.StartedAtUtc > recent, ct);
    }

    public async Task<IReadOnlyList<ProbeRun>> ListRunsAsync(int take = 20, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var rows = await db.Runs.AsNoTracking().OrderByDescending(r => r.StartedAtUtc).Take(take).ToListAsync(ct);
        return rows.Select(ToDomain).ToList();
    }

    /// <summary>History of one (portal, indicator), oldest first.</summary>
    /// <summary>
    /// One series of a (portal, indicator): by default the scheduled sweeps on real portals in the mobile profile
    /// (<see cref="SeriesFilter"/>). Ad-hoc and replica runs never enter it: streaks, reminders and baselines read this.
    /// </summary>
    public async Task<IReadOnlyList<ProbeResult>> HistoryAsync(string portalId, string indicatorId, int take = 100, CancellationToken ct = default, SeriesFilter? series = null)
    {
        series ??= new SeriesFilter();
        await using var db = CreateContext();
        var query = db.Results.AsNoTracking()
            .Where(r => r.PortalId == portalId && r.IndicatorId == indicatorId && r.Profile == series.Profile && r.Run!.Target == series.Target);
        if (series.SweepsOnly) query = query.Where(r => r.Run!.Origin == RunOrigin.Sweep);
        var rows = await query
            .OrderByDescending(r => r.StartedAtUtc).Take(take)
            .Include(r => r.Measurements).Include(r => r.Evidence).AsSplitQuery()
            .ToListAsync(ct);
        return rows.OrderBy(r => r.StartedAtUtc).Select(ToDomain).ToList();
    }

    /// <summary>
    /// An edition's machine side: for each (portal, indicator) the result of the last completed scheduled sweep of real
    /// portals within the edition's evaluation period, in one profile — never a result from outside the period, never an
    /// ad-hoc run. With <paramref name="includeReplicas"/>, replica runs of any origin instead.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Portal, string Indicator), ProbeResult>> EditionResultsAsync(
        DateTime fromUtc, DateTime toUtc, bool includeReplicas, BrowserProfile profile = BrowserProfile.Mobile, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        // The series' runs in the period, newest first (the runs table is small: one row per sweep). The latest result of
        // each pair is in the newest run that has it, so runs are read one by one, by their indexed run id, only for the
        // pairs still missing: usually the last sweep answers almost everything, and a year of history is never scanned.
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.StartedAtUtc <= toUtc && r.Status != RunStatus.Running
                        && (includeReplicas ? r.Target == RunTarget.Replicas : r.Target == RunTarget.Real && r.Origin == RunOrigin.Sweep))
            .OrderByDescending(r => r.StartedAtUtc).Select(r => new { r.Id, r.PortalIds, r.IndicatorIds, r.FinishedAtUtc }).ToListAsync(ct);
        runs = runs.Where(r => (r.FinishedAtUtc ?? toUtc) >= fromUtc).ToList();
        var possible = runs.SelectMany(r => Split(r.PortalIds).SelectMany(p => Split(r.IndicatorIds).Select(i => (p, i)))).ToHashSet();
        // Only runs whose plan is recorded say which pairs to expect; with any other the whole period is read.
        var plansKnown = runs.All(r => Split(r.PortalIds).Length > 0 && Split(r.IndicatorIds).Length > 0);
        var found = new Dictionary<(string Portal, string Indicator), ProbeResult>();
        foreach (var run in runs)
        {
            if (plansKnown && possible.All(found.ContainsKey)) break;
            var rows = await db.Results.AsNoTracking()
                .Where(r => r.RunId == run.Id && r.StartedAtUtc >= fromUtc && r.StartedAtUtc <= toUtc && r.Profile == profile)
                .Include(r => r.Measurements).Include(r => r.Evidence).AsSplitQuery().ToListAsync(ct);
            foreach (var row in rows.OrderByDescending(r => r.StartedAtUtc))
                found.TryAdd((row.PortalId, row.IndicatorId), ToDomain(row));
        }
        return found;
    }

    private static ProbeRun ToDomain(RunRow r) => new()
    {
        Id = r.Id,
        StartedAtUtc = DateTime.SpecifyKind(r.StartedAtUtc, DateTimeKind.Utc),
        FinishedAtUtc = r.FinishedAtUtc is { } f ? DateTime.SpecifyKind(f, DateTimeKind.Utc) : null,
        Status = r.Status,
        Trigger = r.Trigger,
        PortalIds = r.PortalIds.Split(',', StringSplitOptions.RemoveEmptyEntries),
        IndicatorIds = r.IndicatorIds.Split(',', StringSplitOptions.RemoveEmptyEntries),
        Machine = r.Machine,
        Missing = string.IsNullOrEmpty(r.Missing) ? [] : r.Missing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(MissingPair.Parse).ToList(),
        DefinitionsHash = r.DefinitionsHash,
        Results = r.Results.OrderBy(x => x.PortalId).ThenBy(x => x.IndicatorId).Select(ToDomain).ToList(),
    };

    private static ProbeResult ToDomain(ResultRow r) => new()
    {
        RunId = r.RunId,
        PortalId = r.PortalId,
        IndicatorId = r.IndicatorId,
        Outcome = OutcomeNames.Parse(r.Outcome),
        Reason = ReasonCodes.Parse(r.Reason),
        Value = r.Value,
        Unit = r.Unit,
        Detail = r.Detail,
        StartedAtUtc = DateTime.SpecifyKind(r.StartedAtUtc, DateTimeKind.Utc),
        Duration = TimeSpan.FromMilliseconds(r.DurationMs),
        Attempts = r.Attempts,
        Urls = r.Urls.Split('\n', StringSplitOptions.RemoveEmptyEntries),
        Profile = r.Profile,
        Worker = r.Worker,
        Measurements = r.Measurements.OrderBy(m => m.Id).Select(m => new Measurement(m.Name, m.Value, m.Unit)).ToList(),
        Evidence = r.Evidence.OrderBy(e => e.Id).Select(e => new EvidenceItem(e.Kind, e.Path, e.Url, e.Note, e.Sha256)).ToList(),
    };
}

/// <summary>One cell of the overview: what a run observed of one (portal, indicator).</summary>
public sealed record ResultCell(string PortalId, string IndicatorId, Outcome Outcome, Reason Reason, double? Value, string? Unit, string? Worker = null);
