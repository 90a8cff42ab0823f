using Microsoft.EntityFrameworkCore;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Alerts;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Running;

/// <summary>
/// How runs end over stored state: completed only with every planned pair stored, incomplete (named) when the work
/// ended with holes, once; an incomplete sweep alerts on the pairs it has, and a missing pair is neither a pass nor a failure.
/// </summary>
[Trait("Category", "Integration")]
public class RunCompletionTests
{
    private const string Indicator = "response-time";

    private static Task<Dictionary<string, string?>> SettingsAsync(string hookBase) => Task.FromResult(new Dictionary<string, string?>
    {
        ["Alerts:Enabled"] = "true",
        ["Alerts:Channels:hook:Type"] = "webhook",
        ["Alerts:Channels:hook:Url"] = $"{hookBase}/hook",
        ["Alerts:ResearchChannels:0"] = "hook",
        ["Alerts:OperatorChannels:0"] = "hook",
    });

    private static async Task<Guid> SweepAsync(ProbeStore store, DateTime at, params (string Portal, Outcome? Outcome)[] pairs)
    {
        await store.MigrateAsync();
        var run = new ProbeRun
        {
            Id = Guid.CreateVersion7(), StartedAtUtc = at, Trigger = RunTriggers.Schedule("nightly"),
            PortalIds = pairs.Select(p => p.Portal).ToList(), IndicatorIds = [Indicator],
        };
        await store.BeginRunAsync(run);
        foreach (var (portal, outcome) in pairs)
        {
            if (outcome is not { } o) continue; // this pair's result never arrives
            var observation = ProbeObservation.Of(o, o == Outcome.Pass ? Reason.WithinBudget : Reason.HttpServerError, "stored by the test");
            await store.SaveResultAsync(ProbeResult.From(run.Id, portal, Indicator, observation, at.AddSeconds(1), TimeSpan.FromSeconds(1)) with { Worker = "test-host/1" });
        }
        return run.Id;
    }

    [Fact]
    public async Task A_run_with_a_pair_that_never_got_a_result_ends_incomplete_once_naming_it()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var host = new ProbeHost(await SettingsAsync(hooks.BaseUrl));
        var store = host.Get<ProbeStore>();
        var completion = host.Get<RunCompletion>();
        var runId = await SweepAsync(store, DateTime.UtcNow.AddMinutes(-5), ("zhejiang", Outcome.Pass), ("shanghai", null));

        // Work may still be under way: a hole is not decided yet.
        Assert.Null(await completion.TryCompleteAsync(runId, final: false, CancellationToken.None));
        Assert.Equal(RunStatus.Running, (await store.GetRunHeaderAsync(runId))!.Status);

        var ending = await completion.TryCompleteAsync(runId, final: true, CancellationToken.None);
        Assert.Equal(RunStatus.Incomplete, ending!.Status);
        Assert.Equal(("shanghai", Indicator, MissingCause.NotProbed), (Assert.Single(ending.Missing).PortalId, ending.Missing[0].IndicatorId, ending.Missing[0].Cause));
        Assert.Null(await completion.TryCompleteAsync(runId, final: true, CancellationToken.None)); // once

        var stored = (await store.GetRunAsync(runId))!;
        Assert.Equal(RunStatus.Incomplete, stored.Status);
        Assert.NotNull(stored.FinishedAtUtc);
        Assert.Equal("shanghai", Assert.Single(stored.Missing).PortalId);
        Assert.Equal("test-host/1", Assert.Single(stored.Results).Worker);
        var json = ZhangbanProbe.Application.Reporting.RunJson.ToDto(stored, []);
        Assert.Equal(("incomplete", "not-probed"), (json.Status, Assert.Single(json.Missing!).Cause));
        Assert.Equal(1, await store.CountIncompleteAsync());
    }

    [Fact]
    public async Task Every_pair_stored_completes_even_when_not_final()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var host = new ProbeHost(await SettingsAsync(hooks.BaseUrl));
        var runId = await SweepAsync(host.Get<ProbeStore>(), DateTime.UtcNow.AddMinutes(-5), ("zhejiang", Outcome.Pass), ("shanghai", Outcome.Fail));
        var ending = await host.Get<RunCompletion>().TryCompleteAsync(runId, final: false, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, ending!.Status);
        Assert.Empty(ending.Missing);
    }

    [Fact]
    public async Task An_incomplete_sweep_alerts_on_the_pairs_it_has_and_a_missing_pair_is_neither_a_failure_nor_a_recovery()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var host = new ProbeHost(await SettingsAsync(hooks.BaseUrl));
        var store = host.Get<ProbeStore>();
        var completion = host.Get<RunCompletion>();
        var t = DateTime.UtcNow.AddHours(-6);
        async Task<RunEnding> Sweep(int hour, params (string, Outcome?)[] pairs) =>
            (await completion.TryCompleteAsync(await SweepAsync(store, t.AddHours(hour), pairs), final: true, CancellationToken.None))!;
        async Task<List<(string Portal, IncidentStatus Status)>> Incidents()
        {
            await using var db = store.CreateContext();
            return (await db.Incidents.Where(i => i.Kind == IncidentKind.Portal).ToListAsync()).Select(i => (i.PortalId, i.Status)).ToList();
        }

        Assert.Equal(RunStatus.Completed, (await Sweep(0, ("zhejiang", Outcome.Fail), ("shanghai", Outcome.Fail))).Status);
        // The second sweep is incomplete: zhejiang's second failure opens its incident; shanghai's missing pair is no failure.
        Assert.Equal(RunStatus.Incomplete, (await Sweep(1, ("zhejiang", Outcome.Fail), ("shanghai", null))).Status);
        Assert.Equal([("zhejiang", IncidentStatus.Open)], await Incidents());
        // Two sweeps missing zhejiang's pair: no recovery (two passes would resolve it).
        await Sweep(2, ("zhejiang", null), ("shanghai", Outcome.Pass));
        await Sweep(3, ("zhejiang", null), ("shanghai", Outcome.Pass));
        Assert.Equal([("zhejiang", IncidentStatus.Open)], await Incidents());
        // Observed passes resolve it.
        await Sweep(4, ("zhejiang", Outcome.Pass), ("shanghai", Outcome.Pass));
        await Sweep(5, ("zhejiang", Outcome.Pass), ("shanghai", Outcome.Pass));
        Assert.Equal([("zhejiang", IncidentStatus.Resolved)], await Incidents());
    }
}
