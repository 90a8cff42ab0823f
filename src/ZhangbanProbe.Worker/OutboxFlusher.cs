using ZhangbanProbe.Application.Runs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Worker;

/// <summary>Writes outbox results every few seconds once the database answers again, then completes their runs.</summary>
public sealed class OutboxFlusher(ResultOutbox outbox, RunCompletion completion, ILogger<OutboxFlusher> logger) : BackgroundService
{
    public static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (outbox.Pending > 0)
                {
                    var runs = await outbox.FlushAsync(stoppingToken);
                    foreach (var run in runs) await completion.TryCompleteAsync(run, final: false, stoppingToken); // the run auditor decides incomplete
                    if (runs.Count > 0) logger.LogInformation("Outbox flushed into {Count} run(s); {Pending} waiting", runs.Count, outbox.Pending);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning(ex, "Outbox flush failed"); }
            try { await Task.Delay(Interval, stoppingToken); } catch (OperationCanceledException) { }
        }
        // On shutdown, one last try: results measured in this process should not wait for the next start.
        try { await outbox.FlushAsync(CancellationToken.None); } catch { /* they stay in the outbox */ }
    }
}
