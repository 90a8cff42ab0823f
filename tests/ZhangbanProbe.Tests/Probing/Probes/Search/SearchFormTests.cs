using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.Search;
using ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.Search;

/// <summary>
/// Search forms as older portal templates write them: a box nothing names (<c>name="kw"</c>, no placeholder) beside a
/// 搜索 button, a form without an action (Enter reloads the same page), results written by the button's handler.
/// </summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class SearchFormTests
{
    private static ReplicaSite Form(string id, string form)
    {
        return HtmlSite(id, $$"""
            <h1>测试办</h1><p>个人服务 法人服务</p>{{form}}<div id="out"></div>
            <script>function results(){ var k = document.querySelector('input[name=kw]').value;
              document.getElementById('out').innerHTML = '<ul><li>' + k + '卡申领</li><li>' + k + '缴费查询</li><li>' + k + '转移接续</li></ul>'; }</script>
            """);
    }

    [Fact]
    public async Task An_unnamed_box_beside_a_search_button_is_searched_and_a_form_that_only_reloads_is_no_answer()
    {
        var results = await RunAsync(SearchProbe.ProbeKey,
        [
            Form("sf-button", """<form><input type="text" name="kw"> <button type="button" onclick="results()">搜索</button></form>"""),
            Form("sf-reload", """<form><input type="text" name="kw"> <input type="submit" value="搜索"></form>"""),
            Form("sf-none", """<form><input type="text" name="kw"> <button type="button">确定</button></form>"""),
        ]);

        AssertOutcome(results, "sf-button", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "sf-reload", Outcome.Fail, Reason.NoAnswer);
        Assert.Contains("with the 搜索 button", results["sf-reload"].Detail);
        AssertOutcome(results, "sf-none", Outcome.Fail, Reason.Missing); // a box with no search button is no search box
    }
}
