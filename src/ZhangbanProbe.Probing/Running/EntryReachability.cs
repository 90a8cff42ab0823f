using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Probing.Running;

/// <summary>The entry URL that did not answer (and why) and the alternate of the manifest measured in its place.</summary>
public sealed record EntryFallback(Uri Failed, Reason Reason, Uri Answered);

/// <summary>
/// Decides, once per portal and run, which of the manifest's addresses the probes open: the entry URL, unless its host
/// does not answer at all (no DNS name, connection refused or reset) and an alternate does. A host that hangs is not
/// replaced (it may only be slow, and the timing probes must see that), nor is one whose TLS is broken (that is
/// transport-security's finding). The check is a plain TCP connection made outside the browser, so the decision never
/// depends on the browser's own connection state; the probes then measure the chosen URL and the result says so.
/// </summary>
public sealed class EntryReachability(TimeProvider time, ILogger logger, ZhangbanProbe.Probing.Network.EgressGuard? egress = null)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(8);
    // A decision holds for a while so the fifteen probes of a portal agree on the URL they measure.
    private static readonly TimeSpan Validity = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<(Guid Run, string Portal), (DateTimeOffset At, Task<EntryFallback?> Decision)> _decisions = new();

    /// <summary>The manifest as the probes should see it: unchanged, or with the answering alternate as its entry.</summary>
    public async Task<(PortalManifest Portal, EntryFallback? Fallback)> ResolveAsync(Guid runId, PortalManifest portal, CancellationToken cancellationToken)
    {
        if (portal.AlternateUrls.Count == 0) return (portal, null);
        var now = time.GetUtcNow();
        var key = (runId, portal.Id);
        var entry = _decisions.AddOrUpdate(key,
            _ => (now, DecideAsync(portal, CancellationToken.None)),
            (_, old) => now - old.At > Validity || old.Decision.IsFaulted || old.Decision.IsCanceled ? (now, DecideAsync(portal, CancellationToken.None)) : old);
        foreach (var stale in _decisions.Where(d => now - d.Value.At > Validity * 6).Select(d => d.Key).ToList()) _decisions.TryRemove(stale, out _);
        var fallback = await entry.Decision.WaitAsync(cancellationToken);
        if (fallback is null) return (portal, null);
        return (portal with { EntryUrl = fallback.Answered, AlternateUrls = [fallback.Failed, .. portal.AlternateUrls.Where(u => u != fallback.Answered)] }, fallback);
    }

    private async Task<EntryFallback?> DecideAsync(PortalManifest portal, CancellationToken cancellationToken)
    {
        // The check connects only where the egress guard lets a page go, on the addresses it checked.
        var scope = egress?.NewScope();
        var failure = await DoesNotAnswerAsync(portal.EntryUrl, cancellationToken, scope);
        if (failure is null) return null;
        foreach (var alternate in portal.AlternateUrls)
        {
            if (alternate.Scheme is not ("http" or "https")) continue;
            var alternateFailure = await DoesNotAnswerAsync(alternate, cancellationToken, scope);
            if (alternateFailure is null)
            {
                logger.LogWarning("{Portal}: the entry {Entry} does not answer ({Reason}); measuring the alternate {Alternate}",
                    portal.Id, portal.EntryUrl, failure.Value.ToCode(), alternate);
                return new EntryFallback(portal.EntryUrl, failure.Value, alternate);
            }
        }
        return null; // none answers: the entry's own failure stands in every result
    }

    /// <summary>Why the URL's host does not answer at all, or null when it accepts a connection (or merely hangs).</summary>
    public static async Task<Reason?> DoesNotAnswerAsync(Uri url, CancellationToken cancellationToken, ZhangbanProbe.Probing.Network.EgressScope? scope = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(ConnectTimeout);
        try
        {
            using var socket = await DirectNetwork.ConnectAsync(url.Host, url.Port, cts.Token, scope);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return null; } // hangs: not replaced
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData) { return Reason.Dns; }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused) { return Reason.ConnectionRefused; }
        catch (ZhangbanProbe.Probing.Network.EgressRefusedException) { return null; } // not ours to reach: the probes say so, no alternate is chosen on it
        catch (SocketException) { return Reason.Network; }
    }
}
