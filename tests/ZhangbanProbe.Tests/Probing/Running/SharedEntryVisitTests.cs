using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Running;

/// <summary>Gather once, audit many: the probes that only read the entry page judge one load of it.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class SharedEntryVisitTests
{
    private static readonly string[] Readers = ["gov-identity", "mobile-friendly", "accessibility", "feedback-channel", "offline-channels", "service-channels"];

    private static List<ReplicaSite> Sites() =>
    [
        ProbeScenario.Site("works"),
        ProbeScenario.Site("flawed", f =>
        {
            f.Footer = FooterMode.Partial; f.NoViewport = true; f.WideContent = true; f.A11yFaults = true;
            f.Feedback = FeedbackMode.Broken; f.Channels = ChannelsMode.None; f.OfflineEntries = false;
        }),
        // A login page is content to gov-identity (it reads the footer) and a wall to the others: each judges the arrival.
        new ReplicaSite { Id = "login", Province = "浙江", Platform = "测试办", Wall = ReplicaWall.LoginWall },
        new ReplicaSite { Id = "captcha", Province = "浙江", Platform = "测试办", Wall = ReplicaWall.SliderCaptcha },
        // Pages written after real government markup: script tiles, a PC footer hidden beside the phone one, a login page as the entry.
        Fixtures.Page("spa", "spa-tiles.html"),
        Fixtures.Page("footers", "two-footers.html"),
        Fixtures.Page("login-entry", "entry-login-only.html"),
    ];

    [Fact]
    public async Task Entry_readers_judge_one_load_and_reach_the_verdicts_of_loads_of_their_own()
    {
        // Together: one run of all six readers.
        var dir = TestPaths.NewTempDirectory();
        var together = Sites();
        Dictionary<(string, string), (Outcome, Reason, double?)> shared;
        await using (var replicas = await ReplicaServer.StartAsync(together))
        {
            await using var host = new ProbeHost(new Dictionary<string, string?> { ["Run:CatalogueFile"] = ProbeScenario.TestCatalogue(dir), ["Run:Concurrency"] = "4" });
            var report = await host.Get<RunService>().RunAsync(new RunRequest { Portals = ReplicaPortals.Manifests(replicas), IndicatorIds = Readers }, null, CancellationToken.None);
            Assert.True(report.ExitCode == 0, string.Join("\n", report.Messages));
            shared = report.Run!.Results.ToDictionary(r => (ReplicaIds.RealIdOf(r.PortalId), r.IndicatorId), r => (r.Outcome, r.Reason, r.Value));
            // One load of each entry page for six probes (a retry would load again: none was needed here).
            // (The replica server counts entry loads of its own pages; fixture pages are served as files, uncounted.)
            foreach (var site in together.Where(s => s.Pages.Count == 0)) Assert.True(site.EntryRequests == 1, $"{site.Id}: {site.EntryRequests} entry loads");
            Assert.All(report.Run.Results, r => Assert.Equal(1, r.Attempts));
        }

        // Apart: each reader in a run of its own loads the entry itself.
        var apart = Sites();
        await using (var replicas = await ReplicaServer.StartAsync(apart))
        {
            await using var host = new ProbeHost(new Dictionary<string, string?> { ["Run:CatalogueFile"] = ProbeScenario.TestCatalogue(dir), ["Run:Concurrency"] = "4" });
            foreach (var indicator in Readers)
            {
                var report = await host.Get<RunService>().RunAsync(new RunRequest { Portals = ReplicaPortals.Manifests(replicas), IndicatorIds = [indicator] }, null, CancellationToken.None);
                foreach (var r in report.Run!.Results)
                    Assert.True(shared[(ReplicaIds.RealIdOf(r.PortalId), r.IndicatorId)] == (r.Outcome, r.Reason, r.Value),
                        $"{r.PortalId} {r.IndicatorId}: alone {r.Outcome.ToCode()} {r.Reason.ToCode()} {r.Value}, shared {shared[(ReplicaIds.RealIdOf(r.PortalId), r.IndicatorId)]}");
            }
            Assert.All(apart.Where(s => s.Pages.Count == 0), s => Assert.Equal(Readers.Length, s.EntryRequests));
        }

        // The verdicts themselves, so neither side can be wrong in the same way unnoticed.
        Assert.Equal((Outcome.Pass, Reason.Ok), (shared[("works", "feedback-channel")].Item1, shared[("works", "feedback-channel")].Item2));
        Assert.Equal(Outcome.Fail, shared[("flawed", "mobile-friendly")].Item1);
        Assert.Equal(Outcome.Fail, shared[("flawed", "feedback-channel")].Item1);
        Assert.NotEqual(Outcome.Blocked, shared[("login", "gov-identity")].Item1);
        Assert.Equal((Outcome.Blocked, Reason.LoginWall), (shared[("login", "accessibility")].Item1, shared[("login", "accessibility")].Item2));
        Assert.All(Readers, i => Assert.Equal(Outcome.Blocked, shared[("captcha", i)].Item1));
    }
}

[Trait("Category", "Unit")]
public class EntryBatchTests
{
    private static ProbeWork W(string probe) =>
        new(new ZhangbanProbe.Core.Portals.PortalManifest { Id = "p", Province = "浙江", Platform = "", EntryUrl = new Uri("https://p.gov.cn/") },
            new ZhangbanProbe.Core.Catalogue.CatalogueEntry { ProbeKey = probe, Layer = "可用" });

    private static bool Reads(ProbeWork w) => w.Entry.ProbeKey.StartsWith('r');

    [Fact]
    public void Entry_readers_move_up_to_the_first_of_them_and_the_rest_keep_their_order()
    {
        var order = ProbeRunner.EntryReadersTogether([W("a"), W("r1"), W("b"), W("r2"), W("c"), W("r3")], Reads).Select(w => w.Entry.ProbeKey);
        Assert.Equal(["a", "r1", "r2", "r3", "b", "c"], order);
        Assert.Equal(["a", "b"], ProbeRunner.EntryReadersTogether([W("a"), W("b")], Reads).Select(w => w.Entry.ProbeKey));
    }

    [Fact]
    public void A_batch_is_one_pair_or_the_entry_readers_in_a_row()
    {
        var pending = new Queue<ProbeWork>([W("r1"), W("r2"), W("a"), W("r3")]);
        Assert.Equal(["r1", "r2"], ProbeRunner.TakeBatch(pending, Reads).Select(w => w.Entry.ProbeKey));
        Assert.Equal(["a"], ProbeRunner.TakeBatch(pending, Reads).Select(w => w.Entry.ProbeKey));
        Assert.Equal(["r3"], ProbeRunner.TakeBatch(pending, Reads).Select(w => w.Entry.ProbeKey));
        Assert.Empty(pending);
    }
}
