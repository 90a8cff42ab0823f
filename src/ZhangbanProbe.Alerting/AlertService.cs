using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Core;
using ZhangbanProbe.Core.Alerts;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Core.Timing;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Alerting;

/// <summary>A portal as the alerting layer names it (manifest facts and the catalogue's index indicator names).</summary>
public sealed record AlertSubject(PortalManifest Portal, IReadOnlyDictionary<string, CatalogueEntry> Indicators)
{
    public AlertSubject(PortalManifest portal, IEnumerable<CatalogueEntry> indicators)
        : this(portal, indicators.ToDictionary(e => e.ProbeKey, StringComparer.OrdinalIgnoreCase)) { }
}

/// <summary>
/// The thin IO layer around the pure decisions: loads a (portal, indicator) history, replays it through
/// <see cref="RegressionEvaluator"/> and <see cref="TimingRegression"/>, reconciles the stored incident with
/// <see cref="IncidentDecider"/>, and writes the transition and one notification per routed channel in one
/// transaction (the outbox). Sending is the dispatcher's job.
/// </summary>
public sealed class AlertService(ProbeStore store, IOptions<AlertOptions> options, TimeProvider time, ILogger<AlertService> logger, EvidenceLinks? links = null)
{
    private readonly AlertOptions _o = options.Value;

    private RegressionRules Rules => new(_o.FailuresToOpen, _o.PassesToResolve, _o.UnobservedToAlertOperators, _o.DegradedCountsAsFailure);
    private TimingRules Timing => new(_o.TimingBaselineRuns, _o.TimingRecentRuns, _o.TimingAlpha, _o.TimingMinRatio, _o.TimingMinIncreaseMs);

    /// <summary>Evaluates every (portal, indicator) of a run; returns the transitions written.</summary>
    public async Task<IReadOnlyList<string>> EvaluateRunAsync(Guid runId, IReadOnlyList<PortalManifest> portals, IReadOnlyList<CatalogueEntry> indicators, CancellationToken ct = default)
    {
        var run = await store.GetRunAsync(runId, ct) ?? throw new InvalidOperationException($"no run {runId}");
        var transitions = new List<string>();
        // Only a scheduled sweep of real portals moves a series: an ad-hoc run neither opens nor breaks a streak,
        // and a replica run never reaches an incident, a notification or a baseline.
        if (!InSeries(run)) return transitions;
        foreach (var result in run.Results.Where(r => !ReplicaIds.IsReplica(r.PortalId)))
        {
            var portal = portals.FirstOrDefault(p => p.Id == result.PortalId)
                         ?? new PortalManifest { Id = result.PortalId, Province = "", EntryUrl = new Uri("http://unknown/") };
            transitions.AddRange(await EvaluateAsync(new AlertSubject(portal, indicators), result.IndicatorId, ct, result.Profile));
        }
        return transitions;
    }

    /// <summary>Does this run belong to the series alerting reads (a sweep, real portals)?</summary>
    public static bool InSeries(ProbeRun run) => run.Target == RunTarget.Real && run.Origin == RunOrigin.Sweep;

    public async Task<IReadOnlyList<string>> EvaluateAsync(AlertSubject subject, string indicatorId, CancellationToken ct = default, BrowserProfile profile = BrowserProfile.Mobile)
    {
        // An experimental probe has not earned the right to accuse anyone yet: stored and shown, never alerted.
        if (subject.Indicators.GetValueOrDefault(indicatorId) is { Experimental: true }) return [];
        var portalId = subject.Portal.Id;
        var history = await store.HistoryAsync(portalId, indicatorId, take: Math.Max(60, _o.TimingBaselineRuns + _o.TimingRecentRuns + 5), ct, new SeriesFilter(profile));
        var points = history.Select(r => new OutcomePoint(r.StartedAtUtc, r.RunId, r.Outcome, r.Reason, r.Value, r.Detail)).ToList();
        if (points.Count == 0) return [];
        var latest = history[^1];
        var now = time.UtcNowMicroseconds();
        var written = new List<string>();

        // Portal regression: only fail (and optionally degraded) counts; flapping never opens.
        var state = RegressionEvaluator.Portal(points, Rules);
        var lastFailure = state.LastFailure is { } lf ? history.First(h => h.RunId == lf.RunId) : null;
        var failing = state.Status == PortalStatus.Failing;
        var reported = lastFailure ?? latest;
        written.AddRange(await ReconcileAsync(subject, indicatorId, IncidentKind.Portal, failing,
            state.Since ?? latest.StartedAtUtc, latest.RunId,
            failing
                ? $"{_o.FailuresToOpen}+ consecutive failing runs; latest: {AlertMessages.Describe(state.LastFailure!)}"
                : $"{_o.PassesToResolve} consecutive passing runs; latest: {latest.Outcome.ToCode()} ({latest.Reason.ToCode()})",
            reported, now, ct,
            change: failing
                ? new AlertChange(ChangeKind.Failing, Streak(points, p => p.Outcome == Outcome.Fail || (_o.DegradedCountsAsFailure && p.Outcome == Outcome.Degraded)), reported.Outcome, reported.Reason)
                : new AlertChange(ChangeKind.Passing, _o.PassesToResolve, latest.Outcome, latest.Reason)));

        // Operators: persistently blocked or erroring probes are our problem, not the province's.
        var observability = RegressionEvaluator.Observability(points, Rules);
        written.AddRange(await ReconcileAsync(subject, indicatorId, IncidentKind.Operator, observability.Unobservable,
            observability.Since ?? latest.StartedAtUtc, latest.RunId,
            observability.Unobservable
                ? $"{observability.ConsecutiveUnobserved} consecutive runs could not observe: {latest.Outcome.ToCode()} ({latest.Reason.ToCode()}) {latest.Detail}"
                : $"observed again: {latest.Outcome.ToCode()} ({latest.Reason.ToCode()})",
            latest, now, ct,
            change: observability.Unobservable
                ? new AlertChange(ChangeKind.Unobservable, observability.ConsecutiveUnobserved, latest.Outcome, latest.Reason)
                : new AlertChange(ChangeKind.ObservableAgain, 0, latest.Outcome, latest.Reason)));

        // Timing: judged statistically against the portal's own baseline.
        if (subject.Indicators.GetValueOrDefault(indicatorId) is { ValueIsTiming: true })
        {
            var timed = history.Where(h => h.Outcome is Outcome.Pass or Outcome.Degraded && h.Value is not null).ToList();
            var verdict = TimingRegression.Evaluate(timed.Select(h => h.Value!.Value).ToList(), Timing);
            var since = verdict.Regressed ? timed[^Math.Min(_o.TimingRecentRuns, timed.Count)].StartedAtUtc : latest.StartedAtUtc;
            written.AddRange(await ReconcileAsync(subject, indicatorId, IncidentKind.Timing, verdict.Regressed, since, latest.RunId,
                verdict.Explanation, latest, now, ct, resolveAllowed: verdict.BaselineMedian is not null && !verdict.StillSlow,
                change: new AlertChange(verdict.Regressed ? ChangeKind.Slower : ChangeKind.TimingNormal, BaselineMs: verdict.BaselineMedian, RecentMs: verdict.RecentMedian)));
        }
        return written;
    }

    private async Task<IReadOnlyList<string>> ReconcileAsync(
        AlertSubject subject, string indicatorId, IncidentKind kind, bool active, DateTime sinceUtc, Guid runId,
        string what, ProbeResult evidenceFrom, DateTime now, CancellationToken ct, bool resolveAllowed = true, AlertChange? change = null)
    {
        await using var db = store.CreateContext();
        var open = await db.Incidents.SingleOrDefaultAsync(i => i.PortalId == subject.Portal.Id && i.IndicatorId == indicatorId && i.Kind == kind && i.Status == IncidentStatus.Open, ct);
        // A researcher rejected this very streak: it stays closed until the condition ends and begins anew.
        if (open is null && active && await db.Incidents.AnyAsync(i => i.PortalId == subject.Portal.Id && i.IndicatorId == indicatorId && i.Kind == kind
                && i.Status == IncidentStatus.Rejected && i.SinceUtc == sinceUtc, ct))
            return [];
        var action = IncidentDecider.Decide(active, open is null ? null : new OpenIncident(open.Id, open.OpenedAtUtc, open.LastNotifiedAtUtc), now, _o.ReminderInterval);
        if (action == IncidentAction.Resolve && !resolveAllowed) action = IncidentAction.None;
        if (action == IncidentAction.None) return [];

        var incident = open;
        IncidentTransition transition;
        switch (action)
        {
            case IncidentAction.Open:
                incident = new IncidentRow
                {
                    PortalId = subject.Portal.Id, IndicatorId = indicatorId, Kind = kind, Status = IncidentStatus.Open,
                    OpenedAtUtc = now, SinceUtc = sinceUtc, OpenedByRunId = runId, Summary = what, LastNotifiedAtUtc = now,
                };
                db.Incidents.Add(incident);
                transition = IncidentTransition.Opened;
                break;
            case IncidentAction.Remind:
                incident!.LastNotifiedAtUtc = now;
                incident.Reminders++;
                transition = IncidentTransition.Reminded;
                break;
            default:
                incident!.Status = IncidentStatus.Resolved;
                incident.ResolvedAtUtc = now;
                transition = IncidentTransition.Resolved;
                break;
        }

        var facts = new AlertFacts
        {
            Kind = kind, Transition = transition, PortalId = subject.Portal.Id, Province = subject.Portal.Province,
            Platform = subject.Portal.Platform, IndicatorId = indicatorId,
            IndexIndicator = subject.Indicators.GetValueOrDefault(indicatorId) is { } entry ? string.Join("、", entry.IndexIndicators) : "",
            ProbeNames = subject.Indicators.GetValueOrDefault(indicatorId)?.Names,
            What = what, SinceUtc = transition is IncidentTransition.Opened or IncidentTransition.Reminded ? incident!.SinceUtc : sinceUtc,
            AtUtc = now, RunId = runId, Evidence = evidenceFrom.Evidence, Urls = evidenceFrom.Urls,
            Change = (change ?? new AlertChange(ChangeKind.Failing)) switch
            {
                { Kind: ChangeKind.Failing } c when transition == IncidentTransition.Reminded => c with { Kind = ChangeKind.StillFailing },
                var c => c,
            },
            Detail = evidenceFrom.Detail,
        };
        if (transition != IncidentTransition.Opened) facts = facts with { SinceUtc = incident!.SinceUtc };
        var ev = new IncidentEventRow { Type = transition, AtUtc = now, RunId = runId, Detail = what };
        incident!.Events.Add(ev);
        // Province channels wait for a researcher's approval of the incident (when review is on); research and
        // operator channels hear at once.
        var approved = incident!.Events.Any(e => e.Type == IncidentTransition.Approved)
                       || (incident.Id != 0 && await db.IncidentEvents.AnyAsync(e => e.IncidentId == incident.Id && e.Type == IncidentTransition.Approved, ct));
        foreach (var channelName in Route(subject.Portal, kind))
        {
            var channel = _o.Channels[channelName];
            var held = _o.ProvinceReview && !approved && IsProvinceChannel(channelName);
            var language = channel.Language ?? _o.Language;
            var link = links?.For(evidenceFrom.RunId, evidenceFrom.PortalId, evidenceFrom.IndicatorId);
            var (subjectLine, body) = AlertMessages.Render(facts, language, link, markdown: channel.Kind is ChannelType.Wecom or ChannelType.Dingtalk, forProvince: IsProvinceChannel(channelName));
            ev.Notifications.Add(new NotificationRow
            {
                Channel = channelName,
                Status = held ? NotificationState.AwaitingReview : _o.DigestChannels.Contains(channelName, StringComparer.OrdinalIgnoreCase) ? NotificationState.Held : NotificationState.Pending,
                CreatedAtUtc = now, NextAttemptAtUtc = now,
                Subject = subjectLine, Body = body, PayloadJson = AlertMessages.Payload(facts, subjectLine, link),
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (action == IncidentAction.Open)
        {
            // Another worker opened it first (unique open incident): nothing more to say.
            logger.LogInformation("Incident {Portal}/{Indicator}/{Kind} already opened by another worker", subject.Portal.Id, indicatorId, StateCode.Of(kind));
            return [];
        }
        logger.LogInformation("Incident {Portal}/{Indicator}/{Kind} {Transition}: {What}", subject.Portal.Id, indicatorId, StateCode.Of(kind), StateCode.Of(transition), what);
        return [$"{subject.Portal.Id}/{indicatorId}/{StateCode.Of(kind)} {StateCode.Of(transition)}"];
    }

    /// <summary>
    /// A province's team acknowledges or disputes an incident of its own platform (a dispute needs a comment). Kept as
    /// an event with who and when; it changes no notification and does not close the incident: the evidence decides.
    /// </summary>
    public async Task<string> RespondAsync(long incidentId, IncidentTransition response, string by, string? comment, CancellationToken ct = default)
    {
        if (response is not (IncidentTransition.Acknowledged or IncidentTransition.Disputed)) throw new ArgumentException("a province acknowledges or disputes");
        if (string.IsNullOrWhiteSpace(by)) throw new ArgumentException("a response names who gives it");
        if (response == IncidentTransition.Disputed && string.IsNullOrWhiteSpace(comment)) throw new ArgumentException("a dispute says why (comment)");
        await using var db = store.CreateContext();
        var incident = await db.Incidents.Include(i => i.Events).SingleOrDefaultAsync(i => i.Id == incidentId, ct) ?? throw new KeyNotFoundException($"no incident {incidentId}");
        incident.Events.Add(new IncidentEventRow { Type = response, AtUtc = time.UtcNowMicroseconds(), Detail = Actor(by, comment) });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Incident {Incident} {Response} by {By}", incidentId, StateCode.Of(response), by);
        return $"incident {incidentId} {StateCode.Of(response)} by {by}";
    }

    /// <summary>One incident with its events and deliveries, or null.</summary>
    public async Task<IncidentRow?> GetAsync(long incidentId, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        return await db.Incidents.AsNoTracking().Include(i => i.Events).ThenInclude(e => e.Notifications).SingleOrDefaultAsync(i => i.Id == incidentId, ct);
    }

    /// <summary>Incidents, newest first (open ones only unless <paramref name="all"/>), with their events and deliveries.</summary>
    public async Task<IReadOnlyList<IncidentRow>> ListAsync(bool all, int take = 200, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        return await db.Incidents.AsNoTracking().Include(i => i.Events).ThenInclude(e => e.Notifications)
            .Where(i => all || i.Status == IncidentStatus.Open).OrderByDescending(i => i.OpenedAtUtc).Take(take).ToListAsync(ct);
    }

    /// <summary>Notifications that gave up after every attempt.</summary>
    public async Task<int> CountDeadAsync(CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        return await db.Notifications.CountAsync(n => n.Status == NotificationState.Dead, ct);
    }

    /// <summary>A channel that belongs to a province's team (not the research team, not operators).</summary>
    public bool IsProvinceChannel(string channel) =>
        !_o.ResearchChannels.Contains(channel, StringComparer.OrdinalIgnoreCase) && !_o.OperatorChannels.Contains(channel, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A researcher approves an incident: its province notifications held for review are released (in order), and
    /// later ones go out directly. Kept as an event with who and when.
    /// </summary>
    public async Task<string> ApproveAsync(long incidentId, string by, string? note, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(by)) throw new ArgumentException("an approval names the researcher (--by NAME)");
        await using var db = store.CreateContext();
        var incident = await OpenIncidentAsync(db, incidentId, "approved", ct);
        if (incident.Events.Any(e => e.Type == IncidentTransition.Approved)) return $"incident {incidentId} was already approved";
        var now = time.UtcNowMicroseconds();
        var released = 0;
        foreach (var n in incident.Events.SelectMany(e => e.Notifications).Where(n => n.Status == NotificationState.AwaitingReview))
        {
            n.Status = _o.DigestChannels.Contains(n.Channel, StringComparer.OrdinalIgnoreCase) ? NotificationState.Held : NotificationState.Pending;
            n.NextAttemptAtUtc = now;
            released++;
        }
        incident.Events.Add(new IncidentEventRow { Type = IncidentTransition.Approved, AtUtc = now, Detail = Actor(by, note) });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Incident {Incident} approved by {By}: {Count} province notification(s) released", incidentId, by, released);
        return $"incident {incidentId} approved by {by}: {released} province notification(s) released";
    }

    /// <summary>A researcher rejects an incident: it is closed with the reason, and its province notifications never go out.</summary>
    public async Task<string> RejectAsync(long incidentId, string by, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(by)) throw new ArgumentException("a rejection names the researcher (--by NAME)");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("a rejection gives its reason (--reason TEXT)");
        await using var db = store.CreateContext();
        var incident = await OpenIncidentAsync(db, incidentId, "rejected", ct);
        var now = time.UtcNowMicroseconds();
        var withheld = 0;
        foreach (var n in incident.Events.SelectMany(e => e.Notifications).Where(n => n.Status == NotificationState.AwaitingReview))
        {
            n.Status = NotificationState.Rejected;
            withheld++;
        }
        incident.Status = IncidentStatus.Rejected;
        incident.ResolvedAtUtc = now;
        incident.Events.Add(new IncidentEventRow { Type = IncidentTransition.Rejected, AtUtc = now, Detail = Actor(by, reason) });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Incident {Incident} rejected by {By}: {Reason}", incidentId, by, reason);
        return $"incident {incidentId} rejected by {by}: {withheld} province notification(s) withheld";
    }

    /// <summary>The incident with its events and notifications, which a researcher may decide on only while it is open.</summary>
    private static async Task<IncidentRow> OpenIncidentAsync(ProbeStoreContext db, long incidentId, string decision, CancellationToken ct)
    {
        var incident = await db.Incidents.Include(i => i.Events).ThenInclude(e => e.Notifications).SingleOrDefaultAsync(i => i.Id == incidentId, ct)
                       ?? throw new KeyNotFoundException($"no incident {incidentId}");
        if (incident.Status != IncidentStatus.Open) throw new InvalidOperationException($"incident {incidentId} is {StateCode.Of(incident.Status)}: only an open incident can be {decision}");
        return incident;
    }

    private static string Actor(string by, string? note) =>
        ProbeStore.Clean($"by {by.Trim()}" + (string.IsNullOrWhiteSpace(note) ? "" : $": {note.Trim()}"), 1000);

    /// <summary>How many of the latest points in a row satisfy the predicate (the streak a message reports).</summary>
    private static int Streak(IReadOnlyList<OutcomePoint> points, Func<OutcomePoint, bool> counts)
    {
        var n = 0;
        for (var i = points.Count - 1; i >= 0 && counts(points[i]); i--) n++;
        return Math.Max(n, 1);
    }

    /// <summary>Channels for an incident: operators for operator incidents; else the province's team plus the research team.</summary>
    public IReadOnlyList<string> Route(PortalManifest portal, IncidentKind kind)
    {
        IEnumerable<string> names = kind == IncidentKind.Operator
            ? _o.OperatorChannels
            : _o.ResearchChannels
                .Concat(_o.Provinces.GetValueOrDefault(portal.Id) ?? [])
                .Concat(_o.Provinces.GetValueOrDefault(portal.Province) ?? []);
        return names.Distinct(StringComparer.OrdinalIgnoreCase).Where(n => _o.Channels.ContainsKey(n)).ToList();
    }
}
