namespace ZhangbanProbe.Probing.Running;

/// <summary>What a dispatch did: every item was handed to exactly one batch, or is listed as never started.</summary>
public sealed record DispatchReport<T>(int BatchesStarted, int ItemsStarted, IReadOnlyList<T> NotStarted);

/// <summary>
/// Hands a run's pairs to batches with a global limit and a per-host limit. The same code runs in production
/// (<see cref="ProbeRunner"/>) and in the randomised tests, so the tests check the loop that runs.
/// <para>
/// A slot is only ever given to work that can start now (its host below the per-host limit), and among such hosts to
/// the one with the most work left — so a slow portal, whose queue drains slowest, is never left for last to run alone
/// at the end of a sweep; ties go to the host served longest ago (round-robin).
/// </para>
/// <para>
/// Batches in flight are kept by a sequence number of their own, never by their <see cref="Task"/>: an async method
/// that completes without awaiting may hand back one shared completed task, and two batches keyed by it overwrite
/// each other — the host of the lost entry stays busy for ever and its queue is silently dropped.
/// </para>
/// </summary>
public static class WorkDispatcher
{
    /// <summary>A host's items still to start, how many of its batches run now, and when it was last given a slot.</summary>
    public sealed class HostQueue<T>(string host, Queue<T> pending, long lastServed)
    {
        public string Host { get; } = host;
        public Queue<T> Pending { get; } = pending;
        public int Busy { get; set; }
        public long LastServed { get; set; } = lastServed;
    }

    /// <summary>
    /// Runs every item: groups them by host (first-seen order), orders each host's items with <paramref name="arrange"/>,
    /// takes batches with <paramref name="takeBatch"/> and starts each with <paramref name="runBatch"/>, never more than
    /// <paramref name="concurrency"/> batches at once nor <paramref name="perHostLimit"/> of one host. A failed batch
    /// (or cancellation) stops new work; what runs finishes; then the first failure is thrown, or the report returned
    /// with what was never started. Without failure or cancellation every item is started exactly once.
    /// </summary>
    public static async Task<DispatchReport<T>> RunAsync<T>(
        IReadOnlyList<T> work,
        Func<T, string> hostOf,
        Func<IReadOnlyList<T>, IEnumerable<T>> arrange,
        Func<Queue<T>, IReadOnlyList<T>> takeBatch,
        int concurrency,
        int perHostLimit,
        Func<IReadOnlyList<T>, Task> runBatch,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perHostLimit, 1);
        var hosts = work.GroupBy(hostOf, StringComparer.OrdinalIgnoreCase)
            .Select((g, i) => new HostQueue<T>(g.Key, new Queue<T>(arrange(g.ToList())), i)).ToList();
        var running = new Dictionary<long, (Task Task, HostQueue<T> Host)>();
        long served = hosts.Count, sequence = 0;
        int batches = 0, items = 0;
        Exception? failure = null;
        while (true)
        {
            while (failure is null && !cancellationToken.IsCancellationRequested && running.Count < concurrency
                   && NextHost(hosts, perHostLimit) is { } host)
            {
                var batch = takeBatch(host.Pending);
                if (batch.Count == 0) throw new InvalidOperationException($"an empty batch was taken for host {host.Host}");
                host.Busy++;
                host.LastServed = ++served;
                batches++;
                items += batch.Count;
                running.Add(++sequence, (Start(runBatch, batch), host));
            }
            if (running.Count == 0) break;
            await Task.WhenAny(running.Values.Select(r => r.Task));
            // Every finished batch is retired, not only the one WhenAny named (several may share one completed task).
            foreach (var (key, (task, owner)) in running.Where(r => r.Value.Task.IsCompleted).ToList())
            {
                running.Remove(key);
                owner.Busy--;
                // A pair that ran into the run's cancellation (or a storage fault) stops new work; what runs finishes,
                // then the first such exception surfaces.
                if (task.Exception is { } ex) failure ??= ex.InnerExceptions.Count == 1 ? ex.InnerException! : ex;
                else if (task.IsCanceled) failure ??= new OperationCanceledException(cancellationToken);
            }
        }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        var notStarted = hosts.SelectMany(h => h.Pending).ToList();
        // The loop ends with work left only when cancelled: anything else would be a silent hole in the run.
        if (notStarted.Count > 0 && !cancellationToken.IsCancellationRequested)
            throw new InvalidOperationException($"the dispatcher stopped with {notStarted.Count} item(s) never started");
        return new(batches, items, notStarted);
    }

    private static Task Start<T>(Func<IReadOnlyList<T>, Task> runBatch, IReadOnlyList<T> batch)
    {
        // A batch that throws before its first await is a failed batch, not a failed dispatcher.
        try { return runBatch(batch); }
        catch (Exception ex) { return Task.FromException(ex); }
    }

    /// <summary>
    /// The host to give the next free slot: below its per-host limit, with work left; the most work left first, then
    /// the one served longest ago. Null when no host can start anything now.
    /// </summary>
    public static HostQueue<T>? NextHost<T>(IReadOnlyList<HostQueue<T>> hosts, int perHostLimit) =>
        hosts.Where(h => h.Pending.Count > 0 && h.Busy < perHostLimit)
            .OrderByDescending(h => h.Pending.Count).ThenBy(h => h.LastServed).FirstOrDefault();
}
