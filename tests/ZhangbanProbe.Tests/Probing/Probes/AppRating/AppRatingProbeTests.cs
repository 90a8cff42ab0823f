using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Probing.Probes.AppRating;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Probes.AppRating;

[Trait("Category", "Unit")]
public class AppRatingRulesTests
{
    private const string Apple = """{"resultCount":1,"results":[{"trackId":1142342001,"trackName":"浙里办","averageUserRating":4.71, "userRatingCount":52003,"trackViewUrl":"https://apps.apple.com/cn/app/id1142342001"}]}""";

    [Fact]
    public void The_lookup_answer_is_read_as_apple_writes_it()
    {
        var listing = AppRatingRules.Read(Apple)!;
        Assert.Equal(("浙里办", 4.71, 52003), (listing.Name, listing.Rating!.Value, listing.RatingCount!.Value));
        Assert.Null(AppRatingRules.Read("""{"resultCount":0,"results":[]}"""));
    }

    [Theory]
    [InlineData(4.71, 52003, Outcome.Pass, Reason.Ok)]
    [InlineData(4.0, 100, Outcome.Pass, Reason.Ok)]
    [InlineData(3.99, 100, Outcome.Fail, Reason.LowRating)]
    [InlineData(1.0, 19, Outcome.Error, Reason.TooFewRatings)] // a handful of ratings says nothing of users
    public void Ratings_are_judged_against_the_lab_thresholds(double rating, int count, Outcome outcome, Reason reason)
    {
        var (o, r, detail) = AppRatingRules.Judge(new StoreListing("浙里办", rating, count, null), 4.0, 20);
        Assert.Equal((outcome, reason), (o, r));
        Assert.Contains(count.ToString(), detail);
    }
}

[Trait("Category", "Browser")]
[Collection("browser")]
public class AppRatingProbeTests
{
    [Fact]
    public async Task Each_store_answer_gives_its_exact_outcome_and_nothing_is_guessed()
    {
        var results = await ProbeScenario.RunAsync(AppRatingProbe.ProbeKey, [
            new ReplicaSite { Id = "liked", Province = "浙江", Platform = "浙里办", App = new ReplicaApp("9000000011", 4.7, 52000) },
            new ReplicaSite { Id = "disliked", Province = "广东", Platform = "粤省事", App = new ReplicaApp("9000000019", 3.1, 9100) },
            new ReplicaSite { Id = "few", Province = "西藏", Platform = "西藏政务服务", App = new ReplicaApp("9000000026", 4.9, 7) },
            new ReplicaSite { Id = "noapp", Province = "北京", Platform = "京通" },
            new ReplicaSite { Id = "wrongid", Province = "上海", Platform = "随申办" },
        ], adjust: p => p.Id == "wrongid" ? p with { AccessChannels = new AccessChannels { App = new AppChannel("9999999999", null, null) } } : p);

        Assert.Equal((Outcome.Pass, Reason.Ok, 4.7), (results["liked"].Outcome, results["liked"].Reason, results["liked"].Value!.Value));
        Assert.Contains(results["liked"].Measurements, m => m is { Name: "rating_count", Value: 52000 });
        Assert.Equal((Outcome.Fail, Reason.LowRating), (results["disliked"].Outcome, results["disliked"].Reason));
        Assert.Equal((Outcome.Error, Reason.TooFewRatings), (results["few"].Outcome, results["few"].Reason));
        Assert.Equal((Outcome.Error, Reason.NotConfigured), (results["noapp"].Outcome, results["noapp"].Reason));
        Assert.Equal((Outcome.Error, Reason.HintStale), (results["wrongid"].Outcome, results["wrongid"].Reason));
        Assert.Contains("country=cn", Assert.Single(results["liked"].Urls));
    }

    [Fact]
    public async Task A_store_that_cannot_be_reached_is_an_error_never_a_portal_failure()
    {
        var dir = TestPaths.NewTempDirectory();
        await using var replicas = await ReplicaServer.StartAsync([new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办", App = new ReplicaApp("9000000011", 4.7, 52000) }]);
        replicas.AppStoreStatus = 503;
        await using var host = new ProbeHost(new() { ["Run:CatalogueFile"] = ProbeScenario.TestCatalogue(dir), ["Resilience:Retries"] = "0" });
        var report = await host.Get<ZhangbanProbe.Application.Runs.RunService>().RunAsync(
            new ZhangbanProbe.Application.Runs.RunRequest { Portals = ZhangbanProbe.Application.Runs.ReplicaPortals.Manifests(replicas), IndicatorIds = [AppRatingProbe.ProbeKey] }, null, CancellationToken.None);
        var result = Assert.Single(report.Run!.Results);
        Assert.Equal(Outcome.Error, result.Outcome);
        Assert.Contains("503", result.Detail);
    }
}
