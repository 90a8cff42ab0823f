using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Probing.Probes.ProgressQuery;
using R = ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.ProgressQuery;

/// <summary>A query hidden behind 个人工作台 → 查件 with an unlabeled field: heuristics cannot find it, a manifest step script can.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class ProgressQueryStepScriptTests
{
    private const string Script = """
        id: placeholder
        province: 浙江
        entry_url: http://placeholder.localhost/
        hints:
          progress-query:
            case_number: BJ20250001234
            steps:
              - click: { role: link, name: 个人工作台 }
              - click: { text: 查件 }
              - fill: { selector: "#q9", value: "{case_number}" }
              - submit: { role: button, name: GO }
              - wait: { selector: "#answer table, #answer p", timeout: 5s }
              - read: "#answer"
        """;

    // Parsed from YAML as a real manifest is, so problems and hint-stale name file:line.
    private static PortalManifest WithScript(PortalManifest p, string script) => WithSteps(p, "probes/portals/hidden.yaml", script) with
    {
        Hints = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["progress-query"] = new Dictionary<string, string> { ["case_number"] = "BJ20250001234" } },
    };

    [Fact]
    public async Task A_step_script_reaches_a_hidden_query_and_a_stale_one_is_hint_stale_not_a_portal_failure()
    {
        var hidden = (string id) => Site(id, f => f.Progress = R.ProgressMode.Hidden);
        var results = await RunAsync(ProgressQueryProbe.ProbeKey,
            [hidden("pq-hidden-heuristic"), hidden("pq-hidden-script"), hidden("pq-hidden-stale"), hidden("pq-hidden-notfound")],
            p => p.Id switch
            {
                "pq-hidden-script" => WithScript(p, Script),
                "pq-hidden-stale" => WithScript(p, Script.Replace("#q9", "#caseNumberInput")),
                "pq-hidden-notfound" => WithScript(p, Script) with { Hints = new Dictionary<string, IReadOnlyDictionary<string, string>>() },
                _ => p,
            });

        AssertOutcome(results, "pq-hidden-heuristic", Outcome.Fail, Reason.Missing);
        AssertOutcome(results, "pq-hidden-script", Outcome.Pass, Reason.Ok);
        Assert.Contains("审批中", results["pq-hidden-script"].Detail);
        Assert.Contains(results["pq-hidden-script"].Urls, u => u.Contains("/workbench"));
        AssertOutcome(results, "pq-hidden-stale", Outcome.Error, Reason.HintStale);
        Assert.Contains("probes/portals/hidden.yaml:10", results["pq-hidden-stale"].Detail); // the fill step's line
        Assert.Contains("#caseNumberInput", results["pq-hidden-stale"].Detail);
        Assert.NotEmpty(results["pq-hidden-stale"].Evidence); // a screenshot of the page the hint no longer fits
        // Without a known case number the script fills a dummy and 查无此件 is the working service's answer.
        AssertOutcome(results, "pq-hidden-notfound", Outcome.Pass, Reason.AnsweredNotFound);
    }
}
