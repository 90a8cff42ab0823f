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

    /// <summary>Stores the result, or queues it in the outbox when the store fails. True when stored now.</summary>
    public async Task<bool> SaveAsync(ProbeResult result, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.SaveResultAsync(result, cancellationToken);
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

    /// <summary>Pairs of a run waiting in the outbox (a recovered job does not probe them again).</summary>
    public HashSet<(string Portal, string Indicator)> PendingPairs(Guid runId) =>
        !System.IO.Directory.Exists(Directory) ? [] :
        System.IO.Directory.EnumerateFiles(Directory, $"{runId:N}__*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f).Split("__"))
            .Where(p => p.Length == 3).Select(p => (p[1], p[2])).ToHashSet();

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

    private string PathFor(Guid runId, string portal, string indicator) => Path.Combine(Directory, $"{runId:N}__{portal}__{indicator}.json");
}
