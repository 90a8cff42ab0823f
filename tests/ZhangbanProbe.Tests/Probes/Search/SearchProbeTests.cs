using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.Search;
using R = ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.Search;

[Collection("browser")]
public class SearchProbeTests
{
    [Fact]
    public async Task A_search_with_results_passes_no_results_or_no_box_fails()
    {
        var results = await RunAsync(SearchProbe.ProbeKey,
        [
            Site("se-works"),
            Site("se-empty", f => f.Search = R.SearchMode.NoResults),
            Site("se-none", f => f.Search = R.SearchMode.None),
        ]);
        AssertOutcome(results, "se-works", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "se-empty", Outcome.Fail, Reason.NotFound);
        AssertOutcome(results, "se-none", Outcome.Fail, Reason.Missing);
        Assert.Contains(results["se-works"].Urls, u => u.Contains("/search?q="));
    }

    [Fact]
    public void Reads_answers()
    {
        Assert.Equal(Reason.NotFound, SearchRules.Read("社保", "首页 社保查询", "共找到 0 条结果")!.Value.Item2);
        Assert.Equal(Reason.Ok, SearchRules.Read("社保", "首页 社保查询", "社保卡申领 社保查询 社保转移")!.Value.Item2);
        Assert.Null(SearchRules.Read("社保", "首页 社保查询", "首页 社保查询"));
    }
}
