using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Tests.Running;

/// <summary>
/// A single-threaded pump with a virtual clock: the real <see cref="WorkDispatcher"/> runs on it, batches "take time" by
/// awaiting the clock, and the clock moves only when everything that can run has run. Deterministic for a given seed.
/// </summary>
internal sealed class VirtualTime : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _posted = new();
    private readonly List<(long At, long Order, TaskCompletionSource Done)> _timers = [];
    private long _order;
    public long Now { get; private set; }
    /// <summary>Called when the clock reaches a time, before the timers due then fire (cancellation at a time).</summary>
    public Action<long>? OnTick { get; set; }

    public override void Post(SendOrPostCallback d, object? state) => _posted.Enqueue((d, state));
    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public Task Delay(long units)
    {
        if (units <= 0) return Task.CompletedTask;
        var done = new TaskCompletionSource();
        _timers.Add((Now + units, _order++, done));
        return done.Task;
    }

    /// <summary>Runs <paramref name="start"/> on the pump until its task ends; throws if it waits on nothing (a hang).</summary>
    public T Run<T>(Func<Task<T>> start)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            var task = start();
            while (true)
            {
                while (_posted.TryDequeue(out var item)) item.Callback(item.State);
                if (task.IsCompleted) return task.GetAwaiter().GetResult();
                if (_timers.Count == 0) throw new InvalidOperationException("the dispatcher waits on nothing: it would hang");
                var next = _timers.Min(t => t.At);
                Now = next;
                OnTick?.Invoke(Now);
                foreach (var t in _timers.Where(t => t.At == next).OrderBy(t => t.Order).ToList())
                {
                    _timers.Remove(t);
                    t.Done.SetResult();
                }
            }
        }
        finally { SetSynchronizationContext(previous); }
    }
}

[Trait("Category", "Unit")]
public class WorkDispatcherTests
{
    private sealed record Item(string Host, int Id, bool Reader, int Duration, bool Fails, bool ThrowsAtOnce);

    private sealed class Boom(string message) : Exception(message);

    private static ProbeWork W(string host, string probe) =>
        new(new ZhangbanProbe.Core.Portals.PortalManifest { Id = host, Province = "浙江", Platform = "", EntryUrl = new Uri($"https://{host}.gov.cn/") },
            new ZhangbanProbe.Core.Catalogue.CatalogueEntry { ProbeKey = probe, Layer = "可用" });

    private static WorkDispatcher.HostQueue<ProbeWork> Q(string host, int pairs, long lastServed) =>
        new(host, new Queue<ProbeWork>(Enumerable.Range(1, pairs).Select(i => W(host, i.ToString()))), lastServed);

    [Fact]
    public void A_slot_goes_only_to_a_host_that_can_start_now()
    {
        var a = Q("a", 5, 0);
        a.Busy = 1; // its page is open: politeness keeps it waiting, and the slot goes elsewhere
        var b = Q("b", 1, 1);
        Assert.Same(b, WorkDispatcher.NextHost([a, b], perHostLimit: 1));
        b.Busy = 1;
        Assert.Null(WorkDispatcher.NextHost([a, b], perHostLimit: 1)); // nothing can start: no slot is taken
    }

    [Fact]
    public void The_host_with_most_work_left_goes_first_and_ties_go_round_robin()
    {
        Assert.Equal("b", WorkDispatcher.NextHost([Q("a", 2, 0), Q("b", 3, 5)], 1)!.Host);
        Assert.Equal("c", WorkDispatcher.NextHost([Q("a", 2, 7), Q("b", 2, 5), Q("c", 2, 3)], 1)!.Host);
    }

    [Fact]
    public void A_slow_host_is_served_whenever_it_is_free_so_it_does_not_run_alone_at_the_end()
    {
        // Three hosts of three pairs, two slots; host s takes three time units per pair, the others one.
        var clock = new VirtualTime();
        var work = new[] { "s", "a", "b" }.SelectMany(h => Enumerable.Range(1, 3).Select(i => (Host: h, Id: i))).ToList();
        var starts = new List<string>();
        clock.Run(() => WorkDispatcher.RunAsync(work, w => w.Host, g => g, q => [q.Dequeue()], 2, 1, async batch =>
        {
            starts.Add($"{batch[0].Host}@{clock.Now}");
            await clock.Delay(batch[0].Host == "s" ? 3 : 1);
        }, CancellationToken.None));
        Assert.Equal(["s@0", "a@0", "b@1", "a@2", "s@3", "b@3", "a@4", "b@5", "s@6"], starts);
        Assert.Equal(9, clock.Now); // the slow host's three pairs back to back: the shortest a sweep with it can be
    }

    [Fact]
    public void Batches_that_finish_at_once_on_one_shared_completed_task_lose_nothing()
    {
        // The bug of the Task-keyed loop: every batch hands back Task.CompletedTask, three hosts, two slots.
        var work = new[] { "a", "b", "c" }.SelectMany(h => Enumerable.Range(1, 4).Select(i => (Host: h, Id: i))).ToList();
        var started = new List<(string, int)>();
        var report = new VirtualTime().Run(() => WorkDispatcher.RunAsync(work, w => w.Host, g => g, q => [q.Dequeue()], 2, 1, batch =>
        {
            started.AddRange(batch);
            return Task.CompletedTask;
        }, CancellationToken.None));
        Assert.Equal(work.Order(), started.Order());
        Assert.Empty(report.NotStarted);
    }

    [Fact]
    public async Task A_failed_batch_stops_new_work_lets_running_batches_finish_and_surfaces()
    {
        var work = Enumerable.Range(1, 6).Select(i => (Host: $"h{i}", Id: i)).ToList();
        var finished = 0;
        var ex = await Assert.ThrowsAsync<Boom>(() => WorkDispatcher.RunAsync(work, w => w.Host, g => g, q => [q.Dequeue()], 2, 1, async batch =>
        {
            if (batch[0].Id == 1) throw new Boom("probe store down");
            await Task.Delay(50);
            Interlocked.Increment(ref finished);
        }, CancellationToken.None));
        Assert.Equal("probe store down", ex.Message);
        Assert.Equal(1, finished); // the batch running beside the failure finished; nothing new was started
    }

    /// <summary>
    /// Ten thousand generated work lists through the real dispatcher: every item started exactly once unless the run is
    /// cancelled or a batch fails (then at most once, and nothing new starts after), never more than the global or a
    /// host's limit in flight, nothing in flight when the dispatcher returns, and a normal return only with every queue empty.
    /// </summary>
    [Fact]
    public void Randomised_work_lists_every_item_started_once_within_the_limits()
    {
        const int lists = 10_000;
        for (var seed = 1; seed <= lists; seed++) CheckOne(seed);
    }

    private static void CheckOne(int seed)
    {
        var random = new Random(seed);
        var hostCount = random.Next(1, 7);
        var concurrency = random.Next(1, 6);
        var perHost = random.Next(1, 4);
        var failures = random.Next(6) == 0;
        var cancelAt = random.Next(6) == 0 ? random.Next(0, 8) : -1;
        var work = new List<Item>();
        var id = 0;
        for (var h = 0; h < hostCount; h++)
            for (var n = random.Next(0, 9); n > 0; n--)
                work.Add(new Item($"h{h}", id++, random.Next(3) == 0,
                    random.Next(3) == 0 ? 0 : random.Next(0, 5), failures && random.Next(10) == 0, failures && random.Next(20) == 0));

        var clock = new VirtualTime();
        using var cts = new CancellationTokenSource();
        if (cancelAt == 0) cts.Cancel();
        clock.OnTick = now => { if (cancelAt > 0 && now >= cancelAt) cts.Cancel(); };
        var started = new Dictionary<int, int>();
        var handed = new HashSet<int>();
        var inFlight = 0;
        var perHostInFlight = new Dictionary<string, int>();
        long? stoppedAt = null; // when the first failure or cancellation happened: nothing may be handed out after
        var message = $"seed {seed}";

        Task RunBatch(IReadOnlyList<Item> batch)
        {
            Assert.False(cts.IsCancellationRequested, $"{message}: a batch handed out after cancellation");
            // A failure stops new work once the dispatcher sees it: never a batch at a later time than the failure.
            Assert.True(stoppedAt is null || stoppedAt == clock.Now, $"{message}: a batch handed out after a failure");
            foreach (var item in batch) Assert.True(handed.Add(item.Id), $"{message}: item {item.Id} handed out twice");
            Assert.True(++inFlight <= concurrency, $"{message}: {inFlight} batches in flight over the limit {concurrency}");
            perHostInFlight[batch[0].Host] = perHostInFlight.GetValueOrDefault(batch[0].Host) + 1;
            Assert.True(perHostInFlight[batch[0].Host] <= perHost, $"{message}: host {batch[0].Host} over its limit {perHost}");
            Assert.All(batch, i => Assert.Equal(batch[0].Host, i.Host));
            if (batch[0].ThrowsAtOnce)
            {
                Leave(batch[0].Host);
                stoppedAt ??= clock.Now;
                throw new Boom($"thrown before any await ({batch[0].Id})");
            }
            // Zero-length batches finish synchronously, handing back a shared completed task.
            return batch.All(i => i.Duration == 0 && !i.Fails) ? Sync(batch) : Timed(batch);
        }

        Task Sync(IReadOnlyList<Item> batch)
        {
            foreach (var item in batch) started[item.Id] = started.GetValueOrDefault(item.Id) + 1;
            Leave(batch[0].Host);
            return Task.CompletedTask;
        }

        async Task Timed(IReadOnlyList<Item> batch)
        {
            try
            {
                foreach (var item in batch)
                {
                    cts.Token.ThrowIfCancellationRequested();
                    started[item.Id] = started.GetValueOrDefault(item.Id) + 1;
                    await clock.Delay(item.Duration);
                    if (item.Fails) throw new Boom($"failed ({item.Id})");
                }
            }
            catch
            {
                stoppedAt ??= clock.Now;
                throw;
            }
            finally { Leave(batch[0].Host); }
        }

        void Leave(string host)
        {
            inFlight--;
            perHostInFlight[host]--;
        }

        DispatchReport<Item>? report = null;
        Exception? thrown = null;
        try
        {
            report = clock.Run(() => WorkDispatcher.RunAsync(work, i => i.Host, g => ProbeRunner.EntryReadersTogether(g, i => i.Reader),
                q => ProbeRunner.TakeBatch(q, i => i.Reader), concurrency, perHost, RunBatch, cts.Token));
        }
        catch (Exception ex) when (ex is Boom or OperationCanceledException) { thrown = ex; }

        Assert.True(inFlight == 0, $"{message}: {inFlight} batches still in flight when the dispatcher returned");
        Assert.All(started, s => Assert.True(s.Value == 1, $"{message}: item {s.Key} started {s.Value} times"));
        if (report is not null)
        {
            // A normal return: every item handed out exactly once, or (cancelled) listed as never started.
            Assert.True(handed.Count + report.NotStarted.Count == work.Count, $"{message}: {work.Count - handed.Count - report.NotStarted.Count} item(s) lost");
            Assert.True(report.NotStarted.All(i => !handed.Contains(i.Id)), $"{message}: an item both handed out and listed as not started");
            if (!cts.IsCancellationRequested)
            {
                Assert.True(report.NotStarted.Count == 0, $"{message}: {report.NotStarted.Count} item(s) never started without cancellation");
                Assert.True(started.Count == work.Count, $"{message}: {work.Count - started.Count} item(s) never started");
            }
        }
        else
        {
            Assert.True(cts.IsCancellationRequested || stoppedAt is not null, $"{message}: the dispatcher threw without a failure or cancellation: {thrown}");
        }
    }
}
