using System.Text.RegularExpressions;
using ZhangbanProbe.Application.Channels;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Definitions;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Channels;

/// <summary>The pure parts of finding and recording a platform's app: the seller rule, the store's answer, the manifest edit.</summary>
[Trait("Category", "Unit")]
public class ChannelRulesTests
{
    [Theory]
    [InlineData("浙江省大数据发展管理局", "浙江", true)]
    [InlineData("上海市大数据中心", "上海", true)]
    [InlineData("北京市人民政府办公厅", "北京", true)]
    [InlineData("广西壮族自治区大数据发展局", "广西", true)]
    [InlineData("国务院办公厅", "国家政务服务平台", true)]
    [InlineData("数字浙江技术运营有限公司", "浙江", false)]   // a company that runs it is not a government body
    [InlineData("Zhejiang Digital Technology Co., Ltd.", "浙江", false)]
    [InlineData("江苏省大数据管理中心", "浙江", false)]       // another province's body
    [InlineData("浙江日报报业集团", "浙江", false)]           // names the province, not a body
    [InlineData(null, "浙江", false)]
    public void A_seller_is_a_government_body_of_the_province_only_when_it_names_it_and_ends_like_one(string? seller, string province, bool expected)
    {
        var v = GovernmentSeller.Judge(seller, province);
        Assert.True(expected == v.IsGovernment, v.Why);
    }

    [Fact]
    public void The_search_answer_is_read_as_apple_writes_it()
    {
        var apps = AppStoreClient.Read("""{"resultCount":2,"results":[{"trackId":910260096,"trackName":"浙里办","sellerName":"浙江省大数据发展管理局","averageUserRating":4.6,"userRatingCount":120034,"bundleId":"com.zjzwfw.app"},{"wrapperType":"artist"}]}""");
        var a = Assert.Single(apps);
        Assert.Equal(("910260096", "浙里办", "浙江省大数据发展管理局", 4.6, 120034), (a.Id, a.Name, a.Seller, a.Rating!.Value, a.RatingCount!.Value));
        Assert.Empty(AppStoreClient.Read("""{"resultCount":0,"results":[]}"""));
    }

    [Fact]
    public void A_platform_is_searched_by_each_of_its_names_and_its_app_store_name()
    {
        var p = new PortalManifest { Id = "guangdong", Province = "广东", Platform = "粤省事 / 粤商通", EntryUrl = new("https://www.gdzwfw.gov.cn/"),
            AccessChannels = new AccessChannels { App = new AppChannel(null, "com.digitalgd.dgyss", null) { Name = "粤省事" } } };
        Assert.Equal(["粤省事", "粤商通"], ChannelDiscovery.Terms(p));
    }

    private const string Plain = "# 北京 — 京通\nid: beijing\nprovince: 北京\nplatform: \"京通\"\nentry_url: https://banshi.beijing.gov.cn/\nnotes: \"\"\n";

    private static PortalManifest Read(string text)
    {
        var problems = new List<ManifestProblem>();
        var (p, _) = PortalManifestLoader.ParseFile("x.yaml", text, problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + text);
        return p!;
    }

    [Theory]
    [InlineData("")] // no access_channels at all
    [InlineData("access_channels:\n  mini_program:\n    wechat: \"京通\"  # source: a notice\n")] // a block without app
    [InlineData("access_channels:\n  app:\n    android_package: \"com.example.app\"  # source: a list\n  mini_program:\n    wechat: \"京通\"\n")] // app without an id
    public void An_id_is_written_where_it_belongs_and_every_other_line_is_kept(string channels)
    {
        var text = Plain + channels;
        var edit = ManifestChannelWriter.SetIosAppStoreId(text, "1234567890", "source: confirmed by 王老师 on 2026-12-07");
        Assert.Null(edit.Replaced);
        var p = Read(edit.Text);
        Assert.Equal("1234567890", p.AccessChannels.App!.IosAppStoreId);
        foreach (var line in text.Split('\n')) Assert.Contains(line, edit.Text); // nothing the researcher wrote is lost
        Assert.Single(Regex.Matches(edit.Text, "ios_app_store_id"));
        Assert.Contains("ios_app_store_id: \"1234567890\"  # source: confirmed by 王老师 on 2026-12-07", edit.Text);
        if (channels.Contains("wechat")) Assert.Equal("京通", p.AccessChannels.MiniProgram!.Wechat);
        if (channels.Contains("android")) Assert.Equal("com.example.app", p.AccessChannels.App.AndroidPackage);
    }

    [Fact]
    public void A_second_id_replaces_the_first_and_says_which()
    {
        var first = ManifestChannelWriter.SetIosAppStoreId(Plain.Replace("\n", "\r\n"), "1234567890", "confirmed by A");
        var second = ManifestChannelWriter.SetIosAppStoreId(first.Text, "9876543210", "confirmed by B");
        Assert.Equal("1234567890", second.Replaced);
        Assert.Single(Regex.Matches(second.Text, "ios_app_store_id"));
        Assert.Equal("9876543210", Read(second.Text).AccessChannels.App!.IosAppStoreId);
        Assert.DoesNotContain("\n", second.Text.Replace("\r\n", "")); // the file's line endings are kept
        Assert.Throws<ArgumentException>(() => ManifestChannelWriter.SetIosAppStoreId(Plain, "12ab", "x"));
    }

    /// <summary>The shipped manifests' channel facts: each value with its source on its line, and the flagged apps kept out.</summary>
    [Fact]
    public void Every_access_channels_value_in_the_shipped_manifests_names_its_source()
    {
        var loaded = PortalManifestLoader.LoadDirectory(TestPaths.PortalsDirectory);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
        var withChannels = 0;
        foreach (var file in Directory.GetFiles(TestPaths.PortalsDirectory, "*.yaml"))
        {
            var lines = File.ReadAllLines(file);
            var start = Array.FindIndex(lines, l => l.StartsWith("access_channels:", StringComparison.Ordinal));
            if (start < 0) continue;
            withChannels++;
            foreach (var line in lines.Skip(start + 1).TakeWhile(l => l.StartsWith(' ') || l.Length == 0))
            {
                if (Regex.IsMatch(line, @"^\s+[a-z_]+:\s*$") || line.Trim().Length == 0) continue; // a block key
                Assert.True(Regex.IsMatch(line, @"^\s+[a-z_]+: ""[^""]+""  # source: .+"), $"{Path.GetFileName(file)}: '{line.Trim()}' has no source comment");
            }
        }
        Assert.True(withChannels >= 10, $"only {withChannels} manifests carry channels");
        var byId = loaded.Portals.ToDictionary(p => p.Id);
        Assert.Equal("910260096", byId["zhejiang"].AccessChannels.App!.IosAppStoreId);
        // 北京通's ids are not 京通's: notes for a researcher, never data. Single-source packages likewise.
        Assert.Null(byId["beijing"].AccessChannels.App);
        Assert.Contains("1158919706", byId["beijing"].Notes);
        Assert.Null(byId["hunan"].AccessChannels.App);
        Assert.Null(byId["guizhou"].AccessChannels.App);
        Assert.Null(byId["tianjin"].AccessChannels.App);
        Assert.Contains("com.inspur.icity.tianjin", byId["tianjin"].Notes);
        Assert.Null(byId["shanghai"].AccessChannels.App!.UserAgentToken); // eshiminapp is unverified: a note
    }
}
