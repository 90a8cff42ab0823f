using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Storage;

/// <summary>
/// Durable local outbox: a result that cannot be written (database down) is kept as a file, one per
/// (run, portal, indicator), and written when the database returns. Writes are idempotent (the store ignores a
/// pair it already has), so a result flushed twice, or also produced by a recovered job, is stored once.
/// </summary>
public sealed class ResultOutbox(IOptions<StorageOptions> options, ProbeStore store, ILogger<ResultOutbox> logger)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };
    private readonly SemaphoreSlim _flushGate = new(1, 1);

    public string Directory { get; } = Path.GetFullPath(options.Value.OutboxDirectory);

    /// <summary>
    /// Stores the result; queues it in the outbox when the database is unreachable (false); a result the database
    /// refuses for good (a data or constraint error) is set aside with its error and counts as handled (true), so one
    /// bad row never blocks the rest or the run's completion.
    /// </summary>
    public async Task<bool> SaveAsync(ProbeResult result, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.SaveResultAsync(result, cancellationToken);
            return true;
        }
        catch (Exception ex) when (StoreErrors.IsDuplicate(ex))
        {
            return true; // another worker stored this pair first (a recovered job): stored once, as intended
        }
        catch (Exception ex) when (StoreErrors.IsPermanent(ex))
        {
            await SetAsideAsync(result, ex);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Result {Portal}/{Indicator} of run {Run} queued in the outbox: {Problem}",
                result.PortalId, result.IndicatorId, result.RunId, ex.GetBaseException().Message);
            await QueueAsync(result);
            return false;
        }
    }

    public async Task QueueAsync(ProbeResult result)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(result.RunId, result.PortalId, result.IndicatorId);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(result, Json));
        File.Move(temp, path, overwrite: true); // atomic: a crash leaves the old file or the new, never half
    }

    public int Pending => System.IO.Directory.Exists(Directory) ? System.IO.Directory.EnumerateFiles(Directory, "*.json").Count() : 0;

    /// <summary>Results the database refused for good, kept beside their error (<c>*.rejected</c> + <c>*.error.txt</c>): shown by `zhangban runs` and /healthz.</summary>
    public IReadOnlyList<string> SetAside => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.EnumerateFiles(Directory, "*.rejected").Select(Path.GetFileName).OfType<string>().Order().ToList()
        : [];

    private async Task SetAsideAsync(ProbeResult result, Exception ex)
    {
        logger.LogError("Result {Portal}/{Indicator} of run {Run} refused by the database and set aside: {Problem}",
            result.PortalId, result.IndicatorId, result.RunId, ex.GetBaseException().Message);
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(result.RunId, result.PortalId, result.IndicatorId);
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".rejected"), JsonSerializer.Serialize(result, Json));
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".error.txt"), ex.GetBaseException().Message);
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>Pairs of a run waiting in the outbox (a recovered job does not probe them again).</summary>
    public HashSet<(string Portal, string Indicator)> PendingPairs(Guid runId) =>
        !System.IO.Directory.Exists(Directory) ? [] :
        System.IO.Directory.EnumerateFiles(Directory, $"{runId:N}__*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f).Split("__"))
            .Where(p => p.Length == 3).Select(p => (p[1], p[2])).ToHashSet();

    /// <summary>Pairs of a run this machine set aside (the database refused them), with the database's error.</summary>
    public IReadOnlyDictionary<(string Portal, string Indicator), string> SetAsidePairs(Guid runId)
    {
        var pairs = new Dictionary<(string, string), string>();
        if (!System.IO.Directory.Exists(Directory)) return pairs;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, $"{runId:N}__*.rejected"))
        {
            var parts = Path.GetFileNameWithoutExtension(file).Split("__");
            if (parts.Length != 3) continue;
            var errorFile = Path.ChangeExtension(file, ".error.txt");
            var error = File.Exists(errorFile) ? File.ReadAllText(errorFile).Trim() : "refused by the database";
            pairs[(parts[1], parts[2])] = $"refused by the database: {error}; kept in {file}";
        }
        return pairs;
    }

    /// <summary>Writes queued results; stops at the first database failure. Returns the runs that got results.</summary>
    public async Task<IReadOnlyCollection<Guid>> FlushAsync(CancellationToken cancellationToken = default)
    {
        var runs = new HashSet<Guid>();
        if (!System.IO.Directory.Exists(Directory)) return runs;
        await _flushGate.WaitAsync(cancellationToken);
        try
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json").Order().ToList())
            {
                ProbeResult? result;
                try { result = JsonSerializer.Deserialize<ProbeResult>(await File.ReadAllTextAsync(file, cancellationToken), Json); }
                catch (JsonException ex)
                {
                    logger.LogError("Unreadable outbox file {File} set aside: {Problem}", file, ex.Message);
                    File.Move(file, file + ".bad", overwrite: true);
                    continue;
                }
                if (result is null) continue;
                try { await store.SaveResultAsync(result, cancellationToken); }
                catch (Exception ex) when (StoreErrors.IsDuplicate(ex)) { }
                catch (Exception ex) when (StoreErrors.IsPermanent(ex))
                {
                    await SetAsideAsync(result, ex); // never succeeds: set aside, the rest flows
                    continue;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogInformation("Outbox: database still unreachable ({Problem}); {Count} result(s) waiting", ex.GetBaseException().Message, Pending);
                    break;
                }
                File.Delete(file);
                runs.Add(result.RunId);
            }
        }
        finally { _flushGate.Release(); }
        return runs;
    }

    private string PathFor(Guid runId, string portal, string indicator) =>
        Path.Combine(Directory, $"{runId:N}__{SafeName(portal)}__{SafeName(indicator)}.json");

    private static string SafeName(string s) => string.Concat(s.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}

/// <summary>Which store errors will never succeed on retry (the row itself is refused), as opposed to the database being unreachable.</summary>
public static class StoreErrors
{
    /// <summary>The (run, portal, indicator) row exists already: the write raced another worker's.</summary>
    public static bool IsDuplicate(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: "23505" }) return true;
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }) return true;
        }
        return false;
    }

    public static bool IsPermanent(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            // PostgreSQL: class 22 (data exception: a NUL byte, a value too long) and 23 (integrity constraint).
            if (e is Npgsql.PostgresException pg && (pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal)))
                return true;
            // SQLite: constraint (19), type mismatch (20), too big (18).
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 18 or 19 or 20 }) return true;
        }
        return false;
    }
}
