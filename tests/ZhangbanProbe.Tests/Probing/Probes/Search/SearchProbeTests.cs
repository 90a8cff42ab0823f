using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.Search;
using R = ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.Search;

[Trait("Category", "Browser")]
[Collection("browser")]
public class SearchProbeTests
{
    private const string Script = """
        id: placeholder
        province: 浙江
        entry_url: http://placeholder.localhost/
        hints:
          search:
            steps:
              - fill: { label: 搜索服务事项, value: "{term}" }
              - submit: { role: button, name: 搜索 }
        """;

    [Fact]
    public async Task A_step_script_types_the_term_and_a_stale_one_is_hint_stale()
    {
        var results = await RunAsync(SearchProbe.ProbeKey, [Site("se-script"), Site("se-stale")],
            p => WithSteps(p, "probes/portals/search.yaml", p.Id == "se-stale" ? Script.Replace("label: 搜索服务事项", "selector: \"#kw\"") : Script));
        AssertOutcome(results, "se-script", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "se-stale", Outcome.Error, Reason.HintStale);
        Assert.Contains("search.yaml:7", results["se-stale"].Detail);
    }

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

    [Trait("Category", "Unit")]
    [Fact]
    public void Reads_answers()
    {
        Assert.Equal(Reason.NotFound, SearchRules.Read("社保", "首页 社保查询", "共找到 0 条结果")!.Value.Item2);
        Assert.Equal(Reason.Ok, SearchRules.Read("社保", "首页 社保查询", "社保卡申领 社保查询 社保转移")!.Value.Item2);
        Assert.Null(SearchRules.Read("社保", "首页 社保查询", "首页 社保查询"));
    }
}
