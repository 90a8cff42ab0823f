using Microsoft.Extensions.Options;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.HumanScores;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.HumanScores;

/// <summary>A comparison built like the index: layer ranks beside a machine summary per province × layer, checked by hand.</summary>
[Trait("Category", "Unit")]
public class EditionComparisonTests
{
    private static readonly string[] Units = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁"];
    private static readonly CatalogueEntry[] Probes =
    [
        new() { ProbeKey = "gov-identity", Layer = "敢用", IndexIndicators = ["归属主体权威明确"] },
        new() { ProbeKey = "privacy-policy", Layer = "敢用", IndexIndicators = ["用户协议合规"] },
        new() { ProbeKey = "transport-security", Layer = "敢用", IndexIndicators = ["用户安全保护有力"] },
    ];

    [Fact]
    public void The_machine_summary_per_layer_and_its_rank_agreement_match_a_hand_computation()
    {
        // Layer ranks 1..6; machine passes per province (of three 敢用 probes): 3, 2, 3, 1, 0 (+1 blocked, left out), 1.
        var humans = Units.Select((u, i) => new HumanEvaluation { ReportYear = 2025, Province = u, Layer = "敢用", Rank = i + 1 }).ToList();
        var portals = Units.Select((u, i) => new PortalManifest { Id = $"p{i}", Province = u, EntryUrl = new Uri($"https://p{i}.gov.cn/") }).ToList();
        var outcomes = new[]
        {
            new[] { Outcome.Pass, Outcome.Pass, Outcome.Pass }, new[] { Outcome.Pass, Outcome.Pass, Outcome.Fail }, new[] { Outcome.Pass, Outcome.Pass, Outcome.Pass },
            new[] { Outcome.Pass, Outcome.Fail, Outcome.Fail }, new[] { Outcome.Fail, Outcome.Fail, Outcome.Blocked }, new[] { Outcome.Fail, Outcome.Pass, Outcome.Fail },
        };
        ProbeResult? Machine(string portal, string probe)
        {
            var i = int.Parse(portal[1..]);
            var o = outcomes[i][Array.FindIndex(Probes, p => p.ProbeKey == probe)];
            return ProbeResult.From(Guid.Empty, portal, probe, ProbeObservation.Of(o, o == Outcome.Pass ? Reason.Ok : o == Outcome.Blocked ? Reason.Captcha : Reason.Missing), DateTime.UtcNow, TimeSpan.Zero);
        }

        var report = Comparison.Build(2025, humans, portals, Probes, Machine, rankDistance: 3);

        var shares = Units.Select(u => report.Layers.Single(l => l.Province == u && l.Layer == "敢用")).ToList();
        Assert.Equal([(3, 3), (2, 3), (3, 3), (1, 3), (0, 2), (1, 3)], shares.Select(l => (l.Passes, l.Observed)));
        Assert.Equal([1.0, 0.6667, 1.0, 0.3333, 0.0, 0.3333], shares.Select(l => l.Share!.Value));
        // By hand: human ranks 1..6; machine ranks (ties averaged) 1.5, 3, 1.5, 4.5, 6, 4.5;
        // ρ = Σ(dh·dm) / √(Σdh² Σdm²) = 13.5 / √(17.5 × 16.5) = 0.7945.
        var layer = report.LayerAgreements.Single();
        Assert.Equal("layer rank", layer.HumanLevels);
        Assert.Equal(6, layer.Result.N);
        Assert.Equal(0.7945, layer.Result.Rho);
        Assert.Equal((1000, 20251129), (layer.Result.Resamples, layer.Result.Seed));
        Assert.InRange(layer.Result.Rho!.Value, layer.Result.Interval!.Value.Low, layer.Result.Interval!.Value.High);
        // Fixed seed: the interval is the same every time.
        Assert.Equal(layer.Result.Interval, Comparison.Build(2025, humans, portals, Probes, Machine, rankDistance: 3).LayerAgreements.Single().Result.Interval);
        // Rank distance 3: no province is 3 places apart (the largest gap is 1.5).
        Assert.Empty(report.LayerDisagreements);
        Assert.Single(Comparison.Build(2025, humans, portals, Probes, Machine, rankDistance: 1).LayerDisagreements, d => d.StartsWith("天津"));
    }
}

/// <summary>An edition's machine side comes from its evaluation period only.</summary>
[Trait("Category", "Integration")]
public class EditionPeriodTests
{
    [Fact]
    public async Task A_result_from_after_the_period_is_never_used_nor_an_ad_hoc_one()
    {
        var dir = TestPaths.NewTempDirectory();
        var store = new ProbeStore(Options.Create(new StorageOptions { SqlitePath = Path.Combine(dir, "z.db") }));
        await store.MigrateAsync();
        async Task Store(DateTime at, string trigger, Outcome outcome)
        {
            var run = Guid.CreateVersion7();
            await store.BeginRunAsync(new ProbeRun { Id = run, StartedAtUtc = at, Trigger = trigger });
            await store.SaveResultAsync(ProbeResult.From(run, "zhejiang", "gov-identity", ProbeObservation.Of(outcome, outcome == Outcome.Pass ? Reason.Ok : Reason.Partial), at, TimeSpan.Zero));
            await store.CompleteRunAsync(run, at, RunStatus.Completed);
        }
        await Store(new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc), RunTriggers.Schedule("nightly"), Outcome.Pass);
        await Store(new DateTime(2025, 6, 10, 0, 0, 0, DateTimeKind.Utc), RunTriggers.Cli, Outcome.Fail);                   // ad hoc, in the period
        await Store(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), RunTriggers.Schedule("nightly"), Outcome.Fail);    // the next edition's

        var results = await store.EditionResultsAsync(new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 6, 30, 23, 59, 59, DateTimeKind.Utc), includeReplicas: false);
        Assert.Equal(Outcome.Pass, results[("zhejiang", "gov-identity")].Outcome);
    }
}
