using Microsoft.Extensions.Hosting;
using ZhangbanProbe.Application.Definitions;

namespace ZhangbanProbe.Worker;

/// <summary>
/// Looks at <c>probes/</c> every few seconds, so this worker's current definitions follow each valid edit (and its
/// log says what changed) even when it plans no sweep: a broken edit after a valid one then keeps the valid one, not
/// whatever this worker last happened to read. Runs already planned are not touched: they keep their snapshot.
/// </summary>
public sealed class DefinitionsWatcher(DefinitionsStore definitions, TimeProvider time) : BackgroundService
{
    public static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try { definitions.Current(); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* a file mid-save: the next look reads it */ }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
    }
}
