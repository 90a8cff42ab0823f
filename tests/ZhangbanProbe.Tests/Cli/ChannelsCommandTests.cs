using System.Text.RegularExpressions;
using ZhangbanProbe.Definitions;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Cli;

/// <summary>`zhangban channels discover|confirm` as a researcher runs them, against the replica App Store.</summary>
[Trait("Category", "Integration")]
public class ChannelsCommandTests
{
    private static async Task<(string Dir, string Portals, ReplicaServer Store, Dictionary<string, string> Env)> SetUpAsync()
    {
        var dir = TestPaths.NewTempDirectory();
        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        File.WriteAllText(Path.Combine(portals, "zhejiang.yaml"), "# 浙江 — 浙里办\nid: zhejiang\nprovince: 浙江\nplatform: \"浙里办\"\nentry_url: https://www.zjzwfw.gov.cn/\nnotes: \"\"\n");
        File.WriteAllText(Path.Combine(portals, "xizang.yaml"), "id: xizang\nprovince: 西藏\nplatform: \"西藏政务\"\nentry_url: https://www.xzzwfw.gov.cn/\n");
        var store = await ReplicaServer.StartAsync([
            new ReplicaSite { Id = "zlb", Province = "浙江", Platform = "浙里办", App = new ReplicaApp("9000000011", 4.7, 52000) { Seller = "浙江省大数据发展管理局" } },
            new ReplicaSite { Id = "zlb-helper", Province = "浙江", Platform = "浙里办助手", App = new ReplicaApp("9000000012", 2.1, 30) { Seller = "杭州某某科技有限公司" } },
            new ReplicaSite { Id = "zlb-new", Province = "浙江", Platform = "浙里办", App = new ReplicaApp("9000000013", 4.2, 800) { Name = "浙里办（新版）", Seller = "浙江省大数据发展管理局" } },
        ]);
        var env = new Dictionary<string, string>
        {
            ["ZHANGBAN_AppStore__SearchUrl"] = store.AppStoreSearchUrl.ToString(),
            ["ZHANGBAN_AppStore__LookupUrl"] = store.AppStoreLookupUrl.ToString(),
        };
        return (dir, portals, store, env);
    }

    [Fact]
    public async Task Discover_lists_candidates_with_the_government_seller_mark_and_writes_nothing()
    {
        var (dir, portals, store, env) = await SetUpAsync();
        await using var _ = store;
        var before = Snapshot(portals);

        var r = await CliProcess.RunAsync(dir, env, ["--portals", portals, "channels", "discover"]);

        Assert.True(r.ExitCode == 0, r.ToString());
        var official = r.Stdout.Split('\n').Single(l => l.Contains("9000000011"));
        Assert.Contains("浙江省大数据发展管理局", official);
        Assert.Contains("yes", official);
        var helper = r.Stdout.Split('\n').Single(l => l.Contains("9000000012"));
        Assert.Contains("no", helper);
        Assert.Contains("no app found", r.Stdout); // 西藏: nothing is guessed
        Assert.Equal(before, Snapshot(portals));
    }

    [Fact]
    public async Task Confirm_writes_one_id_with_date_and_name_and_a_second_confirm_replaces_it_and_says_so()
    {
        var (dir, portals, store, env) = await SetUpAsync();
        await using var _ = store;
        var file = Path.Combine(portals, "zhejiang.yaml");

        var first = await CliProcess.RunAsync(dir, env, ["--portals", portals, "channels", "confirm", "--portal", "zhejiang", "--ios-id", "9000000011", "--by", "王研究员"]);
        Assert.True(first.ExitCode == 0, first.ToString());
        var text = File.ReadAllText(file);
        Assert.Single(Regex.Matches(text, "ios_app_store_id"));
        Assert.Matches(@"ios_app_store_id: ""9000000011""  # source: .*confirmed by 王研究员 on \d{4}-\d{2}-\d{2}", text);
        Assert.Contains("# 浙江 — 浙里办", text); // the researcher's own lines are kept
        Assert.Equal("9000000011", PortalManifestLoader.LoadDirectory(portals).Portals.Single(p => p.Id == "zhejiang").AccessChannels.App!.IosAppStoreId);

        var second = await CliProcess.RunAsync(dir, env, ["--portals", portals, "channels", "confirm", "--portal", "zhejiang", "--ios-id", "9000000013", "--by", "李研究员"]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("replaced the App Store id 9000000011 with 9000000013", second.Stderr);
        text = File.ReadAllText(file);
        Assert.Single(Regex.Matches(text, "ios_app_store_id"));
        Assert.Contains("confirmed by 李研究员", text);
        Assert.DoesNotContain("9000000011", text);

        var validate = await CliProcess.RunAsync(dir, null, ["--portals", portals, "validate"]);
        Assert.True(validate.ExitCode == 0, validate.ToString());
    }

    [Fact]
    public async Task An_id_the_store_does_not_know_or_a_store_that_cannot_be_reached_changes_nothing()
    {
        var (dir, portals, store, env) = await SetUpAsync();
        await using var _ = store;
        var before = Snapshot(portals);

        var unknown = await CliProcess.RunAsync(dir, env, ["--portals", portals, "channels", "confirm", "--portal", "zhejiang", "--ios-id", "9999999999", "--by", "王研究员"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("knows no app 9999999999", unknown.Stderr);

        store.AppStoreStatus = 503;
        var offlineDiscover = await CliProcess.RunAsync(dir, env, ["--portals", portals, "channels", "discover"]);
        Assert.Equal(1, offlineDiscover.ExitCode);
        Assert.Contains("nothing was changed", offlineDiscover.Stderr);
        var offlineConfirm = await CliProcess.RunAsync(dir, env, ["--portals", portals, "channels", "confirm", "--portal", "zhejiang", "--ios-id", "9000000011", "--by", "王研究员"]);
        Assert.Equal(1, offlineConfirm.ExitCode);
        Assert.Contains("nothing was written", offlineConfirm.Stderr);
        var closed = new Dictionary<string, string>(env) { ["ZHANGBAN_AppStore__SearchUrl"] = "http://127.0.0.1:9/search" };
        var refused = await CliProcess.RunAsync(dir, closed, ["--portals", portals, "channels", "discover", "--portal", "zhejiang"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("cannot be reached", refused.Stderr);

        Assert.Equal(before, Snapshot(portals));
    }

    private static string Snapshot(string dir) =>
        string.Join("\n", Directory.GetFiles(dir).Order().Select(f => Path.GetFileName(f) + ":" + File.ReadAllText(f)));
}
