using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.ProgressQuery;
using ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.ProgressQuery;

/// <summary>
/// Answers that come as dialogs, the way many provincial query pages write them (jQuery handlers calling
/// <c>alert()</c>, a <c>confirm()</c> before the request, layui's <c>layer.msg</c> toast that fades after 2 s).
/// </summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class ProgressQueryDialogTests
{
    private static ReplicaSite Query(string id, string onSubmit)
    {
        var site = HtmlSite(id, """<h1>测试办</h1><a href="/bjcx">办件查询</a>""");
        site.Pages["/bjcx"] = $$"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>办件查询</title></head>
            <body><h1>办件进度查询</h1>
            <div class="form"><label>办件编号 <input id="sblsh" placeholder="请输入办件编号"></label> <button type="button" id="btn">查询</button></div>
            <script>
              document.getElementById('btn').addEventListener('click', function () {
                var code = document.getElementById('sblsh').value;
                setTimeout(function () { {{onSubmit}} }, 300);
              });
            </script></body></html>
            """;
        return site;
    }

    [Fact]
    public async Task An_answer_in_an_alert_a_confirm_before_the_query_and_a_fading_toast_are_answers()
    {
        var results = await RunAsync(ProgressQueryProbe.ProbeKey,
        [
            Query("pq-alert", "alert('没有查询到该办件信息，请核对办件编号后重试！');"),
            Query("pq-confirm", "if (confirm('确定查询办件 ' + code + ' 吗？')) { var d = document.createElement('div'); d.textContent = '办理状态：审批中'; document.body.appendChild(d); }"),
            Query("pq-toast", "var t = document.createElement('div'); t.className = 'layui-layer layui-layer-msg'; t.innerHTML = '<div class=\"layui-layer-content\">未查询到相关办件</div>'; document.body.appendChild(t); setTimeout(function () { t.remove(); }, 2000);"),
            Query("pq-silent", "console.log('nothing');"),
        ]);

        AssertOutcome(results, "pq-alert", Outcome.Pass, Reason.AnsweredNotFound);
        Assert.Contains("in a dialog", results["pq-alert"].Detail);
        Assert.Contains("没有查询到该办件信息", results["pq-alert"].Detail);
        AssertOutcome(results, "pq-confirm", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "pq-toast", Outcome.Pass, Reason.AnsweredNotFound);
        AssertOutcome(results, "pq-silent", Outcome.Fail, Reason.NoAnswer);
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void A_search_dialog_answers_no_results_but_never_counts_as_results()
    {
        Assert.Equal(Reason.NotFound, ZhangbanProbe.Probing.Probes.Search.SearchRules.ReadDialog("社保", "未找到与“社保”相关的结果")!.Value.Item2);
        Assert.Null(ZhangbanProbe.Probing.Probes.Search.SearchRules.ReadDialog("社保", "欢迎使用社保查询服务"));
    }
}
