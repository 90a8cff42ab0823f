using ZhangbanProbe.Core.Timing;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Browser;
using ZhangbanProbe.Probing.Evidence;

namespace ZhangbanProbe.Probing.Running;

/// <summary>One (portal, probe) pair to run.</summary>
public sealed record ProbeWork(PortalManifest Portal, CatalogueEntry Entry);

/// <summary>
/// Runs (portal, probe) pairs with bounded global and per-host concurrency. Each pair is isolated: its own
/// browser context, its own time bound, and a catch-all that turns any exception into an error result,
/// so one broken probe or portal never stops the others.
/// </summary>
public sealed class ProbeRunner(
    BrowserSession browser,
    IEnumerable<IIndicatorProbe> probes,
    EvidenceWriter evidence,
    IOptions<RunOptions> runOptions,
    IOptions<BrowserOptions> browserOptions,
    PortalResilience resilience,
    TimeProvider time,
    ILogger<ProbeRunner> logger,
    ZhangbanProbe.Probing.Network.EgressGuard? egress = null)
{
    private readonly Dictionary<string, IIndicatorProbe> _probes =
        probes.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hostGates = new(StringComparer.OrdinalIgnoreCase);
    private readonly EntryReachability _entries = new(time, logger, egress);

    public IReadOnlyCollection<string> ProbeKeys => _probes.Keys;

    /// <summary>
    /// Runs every pair and hands each result to <paramref name="onResult"/> as soon as it is ready, so a
    /// crash later in the run loses nothing already measured. Returns the results in completion order.
    /// </summary>
    public async Task<IReadOnlyList<ProbeResult>> RunAsync(
        Guid runId, IReadOnlyList<ProbeWork> work, Func<ProbeResult, Task> onResult, CancellationToken cancellationToken)
    {
        var options = runOptions.Value;
        var results = new ConcurrentQueue<ProbeResult>();
        await WorkDispatcher.RunAsync(work, w => w.Portal.EntryUrl.Authority, g => EntryReadersTogether(g, ReadsEntryOnly),
            q => TakeBatch(q, ReadsEntryOnly), options.Concurrency, options.PerHostConcurrency, RunBatchAsync, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return results.ToList();

        async Task RunBatchAsync(IReadOnlyList<ProbeWork> batch)
        {
            // The shared host gate keeps per-host politeness across concurrent runs (a worker's portal jobs).
            var hostGate = _hostGates.GetOrAdd(batch[0].Portal.EntryUrl.Authority,
                _ => new SemaphoreSlim(options.PerHostConcurrency, options.PerHostConcurrency));
            await hostGate.WaitAsync(cancellationToken);
            var shared = batch.Count > 1 ? new SharedEntrySlot() : null;
            try
            {
                foreach (var item in batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var result = await RunOneAsync(runId, item, cancellationToken, shared);
                    results.Enqueue(result);
                    await onResult(result);
                }
            }
            finally
            {
                if (shared?.Visit is { } visit) await visit.DisposeAsync();
                hostGate.Release();
            }
        }
    }

    private bool ReadsEntryOnly(ProbeWork w) => _probes.TryGetValue(w.Entry.ProbeKey, out var p) && p.Declaration.ReadsEntryOnly;

    /// <summary>
    /// A host's pairs in their order, except that the probes that only read the entry page move up to the first of
    /// them, so they run one after another and judge one load (gather once, audit many).
    /// </summary>
    public static IEnumerable<T> EntryReadersTogether<T>(IReadOnlyList<T> pairs, Func<T, bool> readsEntryOnly)
    {
        var readers = pairs.Where(readsEntryOnly).ToList();
        var placed = false;
        foreach (var w in pairs)
        {
            if (!readsEntryOnly(w)) { yield return w; continue; }
            if (placed) continue;
            placed = true;
            foreach (var r in readers) yield return r;
        }
    }

    /// <summary>
    /// What a free slot runs next for a host: its next pair, or — when that pair only reads the entry page — it and
    /// every entry reader right behind it (one load of the entry for all of them, one slot, the host's gate held once).
    /// </summary>
    public static IReadOnlyList<T> TakeBatch<T>(Queue<T> pending, Func<T, bool> readsEntryOnly)
    {
        var first = pending.Dequeue();
        if (!readsEntryOnly(first)) return [first];
        var batch = new List<T> { first };
        while (pending.Count > 0 && readsEntryOnly(pending.Peek())) batch.Add(pending.Dequeue());
        return batch;
    }

    /// <summary>The shared entry load of one batch, made when its first pair knows which portal it measures.</summary>
    public sealed class SharedEntrySlot
    {
        public SharedEntryVisit? Visit { get; set; }
    }

    /// <summary>Runs one pair in isolation; never throws except for cancellation of the whole run.</summary>
    /// <param name="shared">The batch's shared entry load, for probes that only read the entry page (null: none shared).</param>
    public async Task<ProbeResult> RunOneAsync(Guid runId, ProbeWork item, CancellationToken cancellationToken, SharedEntrySlot? shared = null)
    {
        var started = time.UtcNowMicroseconds();
        var stopwatch = Stopwatch.StartNew();
        var bound = browserOptions.Value.ProbeTimeout;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["portal"] = item.Portal.Id, ["indicator"] = item.Entry.ProbeKey });

        ProbeObservation observation;
        var attempts = 0;
        if (browserOptions.Value.ProfileKind == ZhangbanProbe.Core.Runs.BrowserProfile.App && item.Portal.AccessChannels.App?.UserAgentToken is null)
        {
            // The app's web view cannot be played without the token it adds to its user agent: say so, guess nothing.
            observation = ProbeObservation.Of(Outcome.Error, Reason.NotConfigured,
                "the app profile needs access_channels.app.user_agent_token in the manifest (the app's web view is not emulated without it)") with { Urls = [item.Portal.EntryUrl.ToString()] };
        }
        else if (!_probes.TryGetValue(item.Entry.ProbeKey, out var probe))
        {
            observation = ProbeObservation.Of(Outcome.Error, Reason.ProbeBug, $"no probe registered under '{item.Entry.ProbeKey}'");
        }
        else
        {
            // A dead entry host with a live alternate: the probes measure the alternate, and the result says so.
            var (measured, fallback) = await _entries.ResolveAsync(runId, item.Portal, cancellationToken);
            item = item with { Portal = measured };
            if (shared is not null && probe.Declaration.ReadsEntryOnly)
                shared.Visit ??= new SharedEntryVisit(NewContext(runId, item));
            var visit = probe.Declaration.ReadsEntryOnly ? shared?.Visit : null;
            try
            {
                observation = await resilience.For(item.Portal.EntryUrl.Host).ExecuteAsync(async ct =>
                {
                    attempts++;
                    // A retry loads afresh: the shared load is spent by the error that caused it.
                    return await AttemptAsync(runId, item, probe, bound, ct, attempts == 1 ? visit : null);
                }, cancellationToken);
            }
            catch (BrokenCircuitException ex)
            {
                // Not probed at all: says nothing new about the portal, and spares a host already failing.
                observation = ProbeObservation.Of(Outcome.Error, Reason.CircuitOpen,
                    $"not probed: the circuit for {item.Portal.EntryUrl.Host} is open after repeated failures (retry after {ex.RetryAfter?.TotalSeconds:0} s)") with { Urls = [item.Portal.EntryUrl.ToString()] };
            }
            if (fallback is not null)
                observation = observation with
                {
                    Detail = $"{observation.Detail} (measured on the alternate {fallback.Answered}: the entry {fallback.Failed} failed with {fallback.Reason.ToCode()})",
                    Measurements = [.. observation.Measurements, new Measurement("entry_fallback", 1, "bool")],
                };
        }

        if (browserOptions.Value.ProfileKind == ZhangbanProbe.Core.Runs.BrowserProfile.App && item.Portal.AccessChannels.H5 is null && observation.Reason != Reason.NotConfigured)
            // The app's web view opens its H5 entry; without one in the manifest the entry_url stands in, and the result says so.
            observation = observation with { Detail = $"{observation.Detail} (app profile: no access_channels.h5 in the manifest, measured on entry_url)" };
        // The crash was ours: a renderer over the memory limit was killed while this pair ran (its page, most likely).
        if (observation.Reason == Reason.BrowserCrash && browser.RendererKills.LastTicks is var killed and > 0 && Environment.TickCount64 - killed < stopwatch.ElapsedMilliseconds + 1000)
            observation = observation with { Detail = $"{observation.Detail}; a page renderer was killed above Browser:RendererMemoryLimitMiB while this pair ran" };
        stopwatch.Stop();
        observation = observation with { Evidence = observation.Evidence.Select(Fingerprint).ToList() };
        var result = ProbeResult.From(runId, item.Portal.Id, item.Entry.ProbeKey, observation, started, stopwatch.Elapsed, Math.Max(attempts, 1))
            with { Profile = browserOptions.Value.ProfileKind, Worker = WorkerIdentity.Current };
        logger.LogInformation("{Portal} {Indicator}: {Outcome} ({Reason}) in {Elapsed} ms after {Attempts} attempt(s)",
            item.Portal.Id, item.Entry.ProbeKey, observation.Outcome.ToCode(), observation.Reason.ToCode(), (int)stopwatch.ElapsedMilliseconds, Math.Max(attempts, 1));
        ProbeMetrics.Record(result);
        return result;
    }

    /// <summary>The SHA-256 of an evidence file as written: a file changed afterwards no longer matches it.</summary>
    private static EvidenceItem Fingerprint(EvidenceItem e)
    {
        if (e.Path is null || e.Sha256 is not null || !File.Exists(e.Path)) return e;
        using var stream = File.OpenRead(e.Path);
        return e with { Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream)) };
    }

    private ProbeContext NewContext(Guid runId, ProbeWork item, SharedEntryVisit? sharedEntry = null) =>
        new(runId, item.Portal, item.Entry, browser, evidence, browserOptions.Value, time, logger, egress) { SharedEntry = sharedEntry };

    /// <summary>One attempt, isolated: its own contexts, its own time bound, every exception classified.</summary>
    private async Task<ProbeObservation> AttemptAsync(Guid runId, ProbeWork item, IIndicatorProbe probe, TimeSpan bound, CancellationToken cancellationToken,
        SharedEntryVisit? sharedEntry = null)
    {
        ProbeObservation observation;
        await using var context = NewContext(runId, item, sharedEntry);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ProbeObservation>? task = null;
        try
        {
            task = probe.ProbeAsync(context, cts.Token);
            observation = await task.WaitAsync(bound, time, cancellationToken);
        }
        catch (TimeoutException) when (task is { IsCompleted: false })
        {
            await cts.CancelAsync();
            observation = ProbeObservation.Of(Outcome.Error, Reason.Timeout,
                $"the probe did not finish within {bound.TotalSeconds:0.#} s (Browser:ProbeTimeout)") with { Urls = [item.Portal.EntryUrl.ToString()] };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var c = FailureClassifier.Classify(ex);
            // Behind the egress proxy an unreachable host looks like a failed tunnel or an empty answer: the proxy knows why.
            if (context.UpstreamFailureIn(ex.Message) is { } upstream)
                c = new FailureClassification(Outcome.Error, upstream.Reason, $"{upstream.Host} could not be reached ({upstream.Reason.ToCode()})");
            if (c.Reason == Reason.ProbeBug) logger.LogError(ex, "Probe {Probe} threw on {Portal}", probe.Key, item.Portal.Id);
            observation = ProbeObservation.Of(c.Outcome, c.Reason, c.Message) with { Urls = [item.Portal.EntryUrl.ToString()] };
        }
        // The task may still be running after a timeout; closing its contexts (on dispose) aborts it.
        _ = task?.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        // An error while reading the shared entry (or a reader still running on it after a timeout), or an answer worth
        // another attempt (a 5xx), leaves it to nobody else: the retry and the readers after it load afresh.
        if (context.UsedSharedEntry && (observation.Outcome == Outcome.Error || PortalResilience.IsTransient(observation))) sharedEntry?.Spend();
        if (context.PopupsRefused is > 0 and var popups)
        {
            observation = observation with
            {
                Detail = $"{observation.Detail}; popups the page opened by itself: {popups} (closed, not followed)",
                Measurements = [.. observation.Measurements, new Measurement("popups_refused", popups, "count")],
            };
        }
        if (context.EgressRefused is { Count: > 0 } refused)
        {
            // What the page tried to make the worker fetch, for a reviewer: never counted against the portal.
            observation = observation with
            {
                Detail = $"{observation.Detail}; egress refused (not fetched): {string.Join(", ", refused.Take(5))}{(refused.Count > 5 ? $" (+{refused.Count - 5})" : "")}",
                Measurements = [.. observation.Measurements, new Measurement("egress_refused", refused.Count, "count")],
            };
        }
        return observation;
    }
}
