using ZhangbanProbe.Definitions;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Portals;

[Trait("Category", "Unit")]
public class PortalManifestLoaderTests
{
    private static string Folder(params (string Name, string Text)[] files)
    {
        var dir = TestPaths.NewTempDirectory("zb-manifests");
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(dir, name), text);
        return dir;
    }

    [Fact]
    public void The_shipped_manifests_cover_all_33_platforms_and_are_valid()
    {
        var result = PortalManifestLoader.LoadDirectory(TestPaths.PortalsDirectory);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(33, result.Portals.Count);
        var zhejiang = result.Portals.Single(p => p.Id == "zhejiang");
        Assert.Equal("浙江", zhejiang.Province);
        Assert.Equal("浙里办", zhejiang.Platform);
        Assert.Equal(new Uri("https://www.zjzwfw.gov.cn/"), zhejiang.EntryUrl);
        Assert.Contains(new Uri("https://zwfw.zj.gov.cn/"), zhejiang.AlternateUrls);
        Assert.Contains(result.Portals, p => p.Id == "xjbt" && p.Province == "新疆生产建设兵团" && p.Confidence == "low");
        Assert.All(result.Portals, p => Assert.EndsWith(".gov.cn", p.EntryUrl.Host));
    }

    [Fact]
    public void Broken_yaml_a_relative_url_and_a_duplicate_id_are_all_reported_with_file_and_line()
    {
        var dir = Folder(
            ("a.yaml", "id: alpha\nprovince: 北京\nentry_url: https://a.gov.cn/\n"),
            ("b.yaml", "id: beta\nprovince: 天津\nentry_url: [unclosed\n"),
            ("c.yaml", "id: gamma\nprovince: 河北\nentry_url: /relative/path\n"),
            ("d.yaml", "# same id as a.yaml\nid: alpha\nprovince: 山西\nentry_url: https://d.gov.cn/\n"));

        var result = PortalManifestLoader.LoadDirectory(dir);

        Assert.False(result.IsValid);
        Assert.Empty(result.Portals); // nothing runs on invalid input
        var lines = result.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith(Path.Combine(dir, "b.yaml") + ":3:") && l.Contains("broken YAML"));
        Assert.Contains(lines, l => l.StartsWith(Path.Combine(dir, "c.yaml") + ":3:12:") && l.Contains("absolute"));
        Assert.Contains(lines, l => l.StartsWith(Path.Combine(dir, "d.yaml") + ":2:5:") && l.Contains("duplicate portal id 'alpha'") && l.Contains("a.yaml"));
        Assert.Equal(3, result.Problems.Count);
    }

    [Fact]
    public void Unknown_keys_and_missing_urls_are_named()
    {
        var dir = Folder(("x.yaml", "id: x\nprovince: 上海\nentry: https://x.gov.cn/\n"));
        var lines = PortalManifestLoader.LoadDirectory(dir).Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(lines, l => l.EndsWith("x.yaml:3:1: unknown key 'entry' (known keys: id, province, platform, entry_url, alternate_urls, access_channels, confidence, group, notes, hints)"));
        Assert.Contains(lines, l => l.Contains("x.yaml:1:1: missing required key 'entry_url'"));
    }

    [Fact]
    public void Alternate_urls_must_be_absolute_too()
    {
        var dir = Folder(("x.yaml", "id: x\nprovince: 上海\nentry_url: https://x.gov.cn/\nalternate_urls:\n  - https://y.gov.cn/\n  - ftp-less.gov.cn\n"));
        var problem = Assert.Single(PortalManifestLoader.LoadDirectory(dir).Problems);
        Assert.Equal(6, problem.Line);
        Assert.Contains("alternate_urls", problem.Message);
    }

    [Fact]
    public void A_missing_folder_is_reported_not_thrown()
    {
        var result = PortalManifestLoader.LoadDirectory("/nonexistent/portals");
        Assert.Contains("not found", Assert.Single(result.Problems).Message);
    }
}

[Trait("Category", "Unit")]
public class StepScriptValidationTests
{
    [Fact]
    public void Every_bad_step_is_reported_with_its_line_and_nothing_is_loaded()
    {
        const string text = """
            id: zj
            province: 浙江
            entry_url: https://www.zjzwfw.gov.cn/
            hints:
              progress-query:
                steps:
                  - open: https://evil.example.com/collect
                  - clik: "#query"
                  - click: { role: buton, name: 查询 }
                  - fill: { selector: "#caseNo" }
                  - wait: { selector: "#r", timeout: forever }
                  - click: { selector: "#a", text: 查询 }
                  - eval: "document.cookie"
                  - open: /bsfw/query
                  - read: { css: "#r" }
            """;
        var problems = new List<ManifestProblem>();
        var (portal, _) = PortalManifestLoader.ParseFile("zj.yaml", text, problems);
        Assert.Null(portal);
        var byLine = problems.ToDictionary(p => p.Line, p => p.Message);
        Assert.Contains("not a host of this portal", byLine[7]);
        Assert.Contains("unknown action 'clik'", byLine[8]);
        Assert.Contains("'buton' is not an ARIA role", byLine[9]);
        Assert.Contains("fill needs a value", byLine[10]);
        Assert.Contains("timeout 'forever'", byLine[11]);
        Assert.Contains("give one of selector, role, text", byLine[12]);
        Assert.Contains("unknown action 'eval'", byLine[13]); // no executable code from manifests
        Assert.False(byLine.ContainsKey(14), byLine.GetValueOrDefault(14)); // a relative open is fine
        Assert.Contains("unknown key 'css'", byLine[15]);
        Assert.All(problems, p => Assert.StartsWith("hints.progress-query.steps:", p.Message));
    }

    [Fact]
    public void A_valid_script_keeps_its_steps_in_order_with_their_lines()
    {
        const string text = """
            id: zj
            province: 浙江
            entry_url: https://www.zjzwfw.gov.cn/
            alternate_urls: [https://zwfw.zj.gov.cn/]
            hints:
              progress-query:
                steps:
                  - open: https://zwfw.zj.gov.cn/query
                  - fill: { label: 办件编号, value: "{case_number}" }
                  - submit:
                  - read: "#result"
            """;
        var problems = new List<ManifestProblem>();
        var (portal, _) = PortalManifestLoader.ParseFile("zj.yaml", text, problems);
        Assert.Empty(problems);
        var steps = portal!.Steps["progress-query"];
        Assert.Equal([StepAction.Open, StepAction.Fill, StepAction.Submit, StepAction.Read], steps.Select(s => s.Action));
        Assert.Equal([8, 9, 10, 11], steps.Select(s => s.Line));
        Assert.Equal("X-1", steps[1].ValueWith(new Dictionary<string, string> { ["case_number"] = "X-1" }));
        Assert.Null(steps[2].Target);
    }
}

[Trait("Category", "Unit")]
public class HintProbeKeyTests
{
    [Fact]
    public void Hints_for_a_probe_that_does_not_exist_are_reported_at_their_line()
    {
        const string text = "id: zj\nprovince: 浙江\nentry_url: https://www.zjzwfw.gov.cn/\nhints:\n  progres-query:\n    case_number: X\n";
        var problems = new List<ManifestProblem>();
        var (portal, _) = PortalManifestLoader.ParseFile("zj.yaml", text, problems, ["progress-query", "search"]);
        Assert.Null(portal);
        var p = Assert.Single(problems);
        Assert.Equal((5, 3), (p.Line, p.Column));
        Assert.Contains("unknown probe 'progres-query'", p.Message);
    }

    [Fact]
    public void A_misspelt_hint_name_is_reported_at_its_line_with_the_names_the_probe_takes()
    {
        const string text = "id: zj\nprovince: 浙江\nentry_url: https://www.zjzwfw.gov.cn/\nhints:\n  progress-query:\n    case_numbr: X\n";
        var problems = new List<ManifestProblem>();
        var hints = ZhangbanProbe.Tests.Support.RegisteredProbes.Declarations.ToDictionary(d => d.Key, d => d.Value.HintNames);
        var (portal, _) = PortalManifestLoader.ParseFile("zj.yaml", text, problems, hints.Keys.ToList(), hints);
        Assert.Null(portal);
        var p = Assert.Single(problems);
        Assert.Equal((6, 5), (p.Line, p.Column));
        Assert.Contains("case_numbr", p.Message);
        Assert.Contains("case_number", p.Message);
    }
}

[Trait("Category", "Unit")]
public class StepScriptSubmitTests
{
    [Fact]
    public void A_bare_submit_without_a_fill_before_it_is_reported_at_load()
    {
        const string text = "id: zj\nprovince: 浙江\nentry_url: https://www.zjzwfw.gov.cn/\nhints:\n  progress-query:\n    steps:\n      - submit:\n      - fill: { selector: \"#q\", value: x }\n      - submit:\n";
        var problems = new List<ManifestProblem>();
        var (portal, _) = PortalManifestLoader.ParseFile("zj.yaml", text, problems);
        Assert.Null(portal);
        var p = Assert.Single(problems); // the second submit follows a fill: fine
        Assert.Equal(7, p.Line);
        Assert.Contains("put a fill before it", p.Message);
    }
}

[Trait("Category", "Unit")]
public class ManifestHardeningTests
{
    private static List<string> Problems(string yaml, IReadOnlyDictionary<string, IReadOnlyCollection<string>>? hints = null)
    {
        var problems = new List<ZhangbanProbe.Core.Portals.ManifestProblem>();
        ZhangbanProbe.Definitions.PortalManifestLoader.ParseFile("p.yaml", yaml, problems, null, hints);
        return problems.Select(p => p.ToString()).ToList();
    }

    private const string Head = "id: zhejiang\nprovince: 浙江\nentry_url: https://www.zjzwfw.gov.cn/\n";

    [Fact]
    public void A_misspelt_hint_is_a_file_line_error()
    {
        var p = Problems(Head + "hints:\n  english-mode:\n    selektor: '#en'\n", new Dictionary<string, IReadOnlyCollection<string>> { ["english-mode"] = ["selector", "url"] });
        Assert.Contains(p, x => x.StartsWith("p.yaml:6:") && x.Contains("unknown hint 'english-mode.selektor' (known: selector, url)"));
    }

    [Theory]
    [InlineData("url: file:///etc/passwd")]
    [InlineData("url: javascript:alert(1)")]
    [InlineData("https_url: data:text/html,x")]
    public void Url_hints_must_be_http_urls(string hint) =>
        Assert.Contains(Problems(Head + $"hints:\n  english-mode:\n    {hint}\n"), x => x.Contains("must be an absolute http(s) URL"));

    [Fact]
    public void An_id_longer_than_the_store_allows_or_with_the_replica_prefix_is_refused()
    {
        Assert.Contains(Problems(Head.Replace("zhejiang", new string('z', 70))), x => x.Contains("longer than 64"));
        Assert.Contains(Problems(Head.Replace("zhejiang", "replica-zhejiang")), x => x.Contains("reserved for replica portals"));
    }

    [Theory]
    [InlineData("//evil.example.com/x")]
    [InlineData("/\\\\evil.example.com/x")]
    public void A_step_open_may_not_name_another_host_as_a_path(string target) =>
        Assert.Contains(Problems(Head + $"hints:\n  progress-query:\n    steps:\n      - open: \"{target}\"\n"), x => x.Contains("names another host"));
}

[Trait("Category", "Unit")]
public class AccessChannelTests
{
    [Fact]
    public void Access_channels_are_read_and_their_hosts_belong_to_the_portal()
    {
        const string text = "id: zj\nprovince: 浙江\nentry_url: https://www.zjzwfw.gov.cn/\naccess_channels:\n  h5: https://h5.zjzwfw.gov.cn/\n  app:\n    ios_app_store_id: \"1142342001\"\n    android_package: com.hanweb.android.zhejiang.activity\n    user_agent_token: ZLBApp/7.0\n  mini_program:\n    wechat: 浙里办\n";
        var problems = new List<ManifestProblem>();
        var (portal, _) = PortalManifestLoader.ParseFile("zj.yaml", text, problems);
        Assert.Empty(problems);
        Assert.Equal("https://h5.zjzwfw.gov.cn/", portal!.AccessChannels.H5!.ToString());
        Assert.Equal(new AppChannel("1142342001", "com.hanweb.android.zhejiang.activity", "ZLBApp/7.0"), portal.AccessChannels.App);
        Assert.Equal("浙里办", portal.AccessChannels.MiniProgram!.Wechat);
        Assert.Null(portal.AccessChannels.MiniProgram.Alipay); // not known: left empty, never invented
        Assert.Contains("h5.zjzwfw.gov.cn", portal.Hosts);
    }

    [Fact]
    public void Bad_channel_values_are_file_line_errors_and_nothing_loads()
    {
        const string text = "id: zj\nprovince: 浙江\nentry_url: https://www.zjzwfw.gov.cn/\naccess_channels:\n  h5: javascript:alert(1)\n  app:\n    ios_app_store_id: zheliban\n    android_package: not a package\n  wechat: 浙里办\n  mini_program: 浙里办\n";
        var problems = new List<ManifestProblem>();
        var (portal, _) = PortalManifestLoader.ParseFile("zj.yaml", text, problems);
        Assert.Null(portal);
        var lines = problems.Select(p => p.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith("zj.yaml:5:7:") && l.Contains("access_channels.h5") && l.Contains("absolute http(s) URL"));
        Assert.Contains(lines, l => l.StartsWith("zj.yaml:7:23:") && l.Contains("not an App Store id"));
        Assert.Contains(lines, l => l.StartsWith("zj.yaml:8:22:") && l.Contains("not an Android package name"));
        Assert.Contains(lines, l => l.StartsWith("zj.yaml:9:3:") && l.Contains("unknown key 'access_channels.wechat'"));
        Assert.Contains(lines, l => l.StartsWith("zj.yaml:10:17:") && l.Contains("must be a mapping (wechat, alipay)"));
    }
}
