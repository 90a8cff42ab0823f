using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.ProgressQuery;
using R = ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.ProgressQuery;

[Trait("Category", "Browser")]
[Collection("browser")]
public class ProgressQueryProbeTests
{
    [Fact]
    public async Task Answers_walls_errors_and_silence_each_get_their_exact_verdict()
    {
        var results = await RunAsync(ProgressQueryProbe.ProbeKey,
        [
            Site("pq-known"),
            Site("pq-dummy"),
            Site("pq-notfound", f => f.Progress = R.ProgressMode.NotFoundAnswer),
            Site("pq-500", f => f.Progress = R.ProgressMode.ServerError),
            Site("pq-slider", f => f.Progress = R.ProgressMode.Slider),
            Site("pq-hang", f => f.Progress = R.ProgressMode.Hang),
            Site("pq-login", f => f.Progress = R.ProgressMode.LoginWall),
            Site("pq-script", f => f.Progress = R.ProgressMode.ScriptError),
            Site("pq-none", f => f.Progress = R.ProgressMode.None),
        ], adjust: p => p.Id == "pq-known"
            ? p with { Hints = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["progress-query"] = new Dictionary<string, string> { ["case_number"] = "BJ20250001234" } } }
            : p);

        AssertOutcome(results, "pq-known", Outcome.Pass, Reason.Ok);                 // a real status for the known case
        AssertOutcome(results, "pq-dummy", Outcome.Pass, Reason.AnsweredNotFound);   // 查无此件: the service works
        AssertOutcome(results, "pq-notfound", Outcome.Pass, Reason.AnsweredNotFound);
        AssertOutcome(results, "pq-500", Outcome.Fail, Reason.HttpServerError);
        AssertOutcome(results, "pq-slider", Outcome.Blocked, Reason.Captcha);
        AssertOutcome(results, "pq-hang", Outcome.Fail, Reason.NoAnswer);            // reachable page, the query never answers
        AssertOutcome(results, "pq-login", Outcome.Blocked, Reason.LoginWall);
        AssertOutcome(results, "pq-script", Outcome.Fail, Reason.ScriptError);
        AssertOutcome(results, "pq-none", Outcome.Fail, Reason.Missing);
        Assert.Contains("审批中", results["pq-known"].Detail);
        Assert.Contains("查无此件", results["pq-dummy"].Detail);
        Assert.Contains(results["pq-known"].Evidence, e => File.Exists(e.Path));
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Reads_only_what_appeared_after_submitting()
    {
        const string form = "办件进度查询 办件编号 查询 温馨提示：办件编号可在受理回执中查看。";
        Assert.Null(ProgressQueryRules.ReadAnswer(form, form));
        Assert.Equal(Reason.AnsweredNotFound, ProgressQueryRules.ReadAnswer(form + " 未查询到相关办件信息", form)!.Value.Reason);
        Assert.Equal(Reason.Ok, ProgressQueryRules.ReadAnswer("查询结果 办件编号 X 办理状态 已办结", form)!.Value.Reason);
        Assert.Equal(Reason.AnsweredNotFound, ProgressQueryRules.ReadAnswer("暂无记录", form)!.Value.Reason);
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Recognises_case_number_fields_and_makes_plausible_dummies()
    {
        Assert.True(ProgressQueryRules.LooksLikeCaseInput("请输入办件编号"));
        Assert.True(ProgressQueryRules.LooksLikeCaseInput("受理号"));
        Assert.False(ProgressQueryRules.LooksLikeCaseInput("请输入手机号码后四位"));
        Assert.Matches("^ZB\\d{15}$", ProgressQueryRules.DummyCaseNumber(new DateTime(2026, 11, 29)));
    }
}
