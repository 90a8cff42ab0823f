using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Probes.GovIdentity;

namespace ZhangbanProbe.Tests.Probes.GovIdentity;

/// <summary>
/// The footer grammar on the ways real government pages write each item (shared/reference/real-markup.md and
/// docs/real-markup-notes.md), as text and links in, items out: no browser.
/// </summary>
[Trait("Category", "Unit")]
public class FooterGrammarTests
{
    private const string Conac = "https://bszs.conac.cn/sitename?method=show&id=0B0A2D3E";
    private const string Beian = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=51010402000507";

    private static FooterReading ReadVisible(string text, params string[] hrefs) =>
        GovIdentityRules.Read(new FooterInput("www.example.gov.cn", new PageView { VisibleText = text, Links = hrefs.Select(h => new PageLink("", h, true, h)).ToList() }));

    private static IdentityItem Item(FooterReading r, string name) => r.Items.Single(i => i.Name == name);

    public static TheoryData<string, char> AllUnits()
    {
        var data = new TheoryData<string, char>();
        foreach (var p in GovIdentityRules.Prefixes)
        {
            data.Add(p.Unit, p.Common);
            if (p.Registry is { } r) data.Add(p.Unit, r);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllUnits))]
    public void Every_units_ICP_and_public_security_prefix_is_recognised_in_both_spellings(string unit, char prefix)
    {
        var r = ReadVisible($"{prefix}ICP备 13001288号 {prefix}公网安备 51010402000507号", Beian);
        Assert.True(Item(r, "icp").Found, unit);
        Assert.Equal($"{prefix}ICP备 13001288号", Item(r, "icp").Evidence);
        Assert.True(Item(r, "public_security").Found, unit);
        Assert.StartsWith($"{prefix}公网安备 51010402000507号", Item(r, "public_security").Evidence);
        Assert.NotNull(GovIdentityRules.UnitOf(prefix));
    }

    [Fact]
    public void The_table_holds_all_32_units_of_the_index()
    {
        Assert.Equal(32, GovIdentityRules.Prefixes.Count);
        foreach (var (registry, unit) in new[] { ('蜀', "四川"), ('黔', "贵州"), ('滇', "云南"), ('陇', "甘肃") })
            Assert.Equal(unit, GovIdentityRules.UnitOf(registry)!.Unit);
    }

    [Theory]
    [InlineData("蜀ICP备 13001288号", "蜀ICP备 13001288号")]
    [InlineData("鲁ICP备 05038584号", "鲁ICP备 05038584号")]
    [InlineData("浙ICP备05000083", "浙ICP备05000083")]
    [InlineData("鄂ICP备05009168 鄂公网安备", "鄂ICP备05009168")]
    [InlineData("粤ICP备2022092331号-1", "粤ICP备2022092331号-1")]
    [InlineData("备案号：京ICP备05070602号", "京ICP备05070602号")]
    [InlineData("ICP备案号：苏ICP备12345678号", "苏ICP备12345678号")]
    [InlineData("京ICP证030173号", "京ICP证030173号")]
    [InlineData("粤ＩＣＰ备２０２２０９２３３１号", "粤ICP备2022092331号")] // full-width letters and digits
    [InlineData("黔ICP备\u00a012000001号", "黔ICP备 12000001号")] // NBSP
    public void ICP_numbers_as_real_footers_write_them(string text, string expected)
    {
        var icp = Item(ReadVisible(text), "icp");
        Assert.True(icp.Found, text);
        Assert.Equal(expected, icp.Evidence);
    }

    [Fact]
    public void An_ICP_number_only_as_the_text_of_a_registry_link_counts()
    {
        var view = new PageView { VisibleText = "版权所有", Links = [new PageLink("05038584号", "https://beian.miit.gov.cn.ipv6.example.com/", true)] };
        var icp = Item(GovIdentityRules.Read(new FooterInput("x.gov.cn", view)), "icp");
        Assert.True(icp.Found);
        Assert.Equal("link to the ICP registry", icp.Where);
    }

    [Theory]
    [InlineData("政府网站标识码：4401000004", "4401000004")]
    [InlineData("网站标识码 ：4500000123", "4500000123")]
    [InlineData("网站标识码5100000062", "5100000062")]
    [InlineData("政府网站标识码 3702000025", "3702000025")]
    [InlineData("网站识别码：4400000106", "4400000106")]
    [InlineData("网站标识码:bm17000009", "bm17000009")]
    [InlineData("网站标识码：４４０１０００００４", "4401000004")]
    public void Site_codes_with_and_without_colon_and_both_words(string text, string code)
    {
        var item = Item(ReadVisible(text), "site_code");
        Assert.True(item.Found, text);
        Assert.Equal(code, item.Evidence);
    }

    [Fact]
    public void A_taxpayer_identification_number_is_not_a_site_code()
    {
        Assert.False(Item(ReadVisible("纳税人识别码：91330000123456789X"), "site_code").Found);
    }

    [Fact]
    public void A_site_code_only_in_the_meta_is_missing_and_says_meta_only()
    {
        var view = new PageView { VisibleText = "主办单位：广州市人民政府办公厅", MetaSiteCode = "4401000004" };
        var item = Item(GovIdentityRules.Read(new FooterInput("www.gz.gov.cn", view)), "site_code");
        Assert.False(item.Found);
        Assert.Contains("meta only", item.Note);
        Assert.Contains("4401000004", item.Note);
    }

    [Theory]
    [InlineData("粤公网安备 44010602000929号", "粤公网安备 44010602000929号")]
    [InlineData("桂公网安备 45010302001240", "桂公网安备 45010302001240")]
    [InlineData("川公网安备\u00a051010402000507号", "川公网安备 51010402000507号")]
    [InlineData("蜀公网安备51010402000507号", "蜀公网安备51010402000507号")]
    [InlineData("京公网安备：11010202007623号", "京公网安备:11010202007623号")]
    public void Public_security_numbers(string text, string expected)
    {
        var item = Item(ReadVisible(text, Beian), "public_security");
        Assert.True(item.Found, text);
        Assert.StartsWith(expected, item.Evidence);
    }

    [Fact]
    public void A_public_security_link_with_a_leading_space_or_a_stray_号_in_its_recordcode_is_read()
    {
        var view = new PageView
        {
            VisibleText = "公网安备",
            Links = [new PageLink("公网安备", " http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=45010302001240号", true)],
        };
        var item = Item(GovIdentityRules.Read(new FooterInput("x.gov.cn", view)), "public_security");
        Assert.True(item.Found);
        Assert.Contains("45010302001240", item.Evidence);
    }

    [Theory]
    [InlineData("主办单位：广州市人民政府办公厅  承办单位：广州市政务服务数据管理局", "广州市人民政府办公厅")]
    [InlineData("主办：万载县人民政府", "万载县人民政府")]
    [InlineData("西安市人民政府办公厅主办 西安市大数据资源管理局承办", "西安市人民政府办公厅")]
    [InlineData("版权所有 © 2024 西安市人民政府办公厅主办", "西安市人民政府办公厅")]
    [InlineData("中共青岛市委、青岛市人民政府主办", "中共青岛市委、青岛市人民政府")]
    [InlineData("主办单位：中共安徽省委教育工委 安徽省教育厅 承办单位：安徽省教育信息技术中心", "中共安徽省委教育工委 安徽省教育厅")]
    [InlineData("主办单位：\n浙江省人民政府办公厅", "浙江省人民政府办公厅")]
    [InlineData("网站主办：湖南省人民政府办公厅 | 网站标识码：4300000040", "湖南省人民政府办公厅")]
    [InlineData("主办单位 广东省政务服务数据管理局", "广东省政务服务数据管理局")]
    public void Sponsors_labelled_label_less_and_multi_body(string text, string expected)
    {
        var item = Item(ReadVisible(text), "sponsor");
        Assert.True(item.Found, text);
        Assert.Equal(expected, item.Evidence);
    }

    [Theory]
    [InlineData("承办单位：某某局")]
    [InlineData("本次活动由多个部门联合主办")]
    [InlineData("主办单位：")]
    public void What_is_not_a_sponsor(string text) => Assert.False(Item(ReadVisible(text), "sponsor").Found, text);

    [Fact]
    public void The_party_gov_mark_as_a_link_an_image_source_or_an_alt()
    {
        Assert.True(Item(ReadVisible("", "http://bszs.conac.cn/sitename?method=show&id=1"), "party_gov_mark").Found);
        var image = new PageView { VisibleImageSources = ["https://dcs.conac.cn/image/red.png"] };
        Assert.True(Item(GovIdentityRules.Read(new FooterInput("x.gov.cn", image)), "party_gov_mark").Found);
        var alt = new PageView { VisibleImageAlts = ["党政机关"] };
        Assert.True(Item(GovIdentityRules.Read(new FooterInput("x.gov.cn", alt)), "party_gov_mark").Found);
    }

    [Fact]
    public void An_absent_mark_names_the_script_that_did_not_load_or_the_empty_container()
    {
        var unloaded = new PageView { UnloadedResources = ["https://dcs.conac.cn/js/33/000/0000/60000000/CA330000000600000000000.js (net::ERR_NAME_NOT_RESOLVED)"] };
        var a = Item(GovIdentityRules.Read(new FooterInput("x.gov.cn", unloaded)), "party_gov_mark");
        Assert.False(a.Found);
        Assert.Contains("did not load", a.Note);
        var empty = new PageView { EmptyMarkContainers = ["div.j-gov"] };
        var b = Item(GovIdentityRules.Read(new FooterInput("x.gov.cn", empty)), "party_gov_mark");
        Assert.Contains("div.j-gov", b.Note);
    }

    [Fact]
    public void Hidden_copies_are_reported_never_counted()
    {
        var view = new PageView
        {
            VisibleText = "首页 办事服务",
            HiddenText = "主办单位：成都市人民政府办公厅 网站标识码：5101000048 蜀ICP备 13001288号 川公网安备 51010402000507号",
            Links = [new PageLink("", Conac, false, Conac), new PageLink("", Beian, false, Beian)],
        };
        var reading = GovIdentityRules.Read(new FooterInput("www.chengdu.gov.cn", view));
        Assert.All(reading.Items.Where(i => i.Name != "gov_cn_host"), i => Assert.False(i.Found, i.Name));
        Assert.All(reading.Items.Where(i => i.Name != "gov_cn_host"), i => Assert.Contains("hidden", i.Note));
        var (o, r, d) = GovIdentityRules.Judge(reading.Items, true, reading.IcpNumbers);
        Assert.Equal((Outcome.Fail, Reason.Missing), (o, r));
        Assert.Contains("hidden copy only", d);
    }

    [Fact]
    public void Two_different_visible_ICP_numbers_are_a_conflict_reported_in_detail_and_measurement()
    {
        var reading = ReadVisible("主办单位：某市人民政府办公厅 网站标识码：4401000004 粤ICP备05070602号 粤公网安备 44010602000929号\n粤ICP备12345678号", Conac, "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=44010602000929");
        Assert.True(reading.IcpConflict);
        var (o, r, d) = GovIdentityRules.Judge(reading.Items, true, reading.IcpNumbers);
        Assert.Equal((Outcome.Pass, Reason.Ok), (o, r)); // the outcome follows the items found
        Assert.Contains("conflict: 2 different ICP numbers visible", d);
        Assert.Equal(1, GovIdentityRules.Measurements(reading).Single(m => m.Name == "icp_conflict").Value);
    }

    [Fact]
    public void The_same_number_in_two_visible_footers_is_no_conflict()
    {
        Assert.False(ReadVisible("京ICP备05070602号 ... 京ICP备05070602号-1").IcpConflict);
    }

    [Fact]
    public void The_sichuan_footer_from_the_issue_passes()
    {
        var reading = ReadVisible("主办单位：四川省人民政府办公厅 政府网站标识码 5100000062 蜀ICP备 13001288号 川公网安备 51010402000507号", Conac, Beian);
        var (o, r, d) = GovIdentityRules.Judge(reading.Items, true, reading.IcpNumbers);
        Assert.True((o, r) == (Outcome.Pass, Reason.Ok), d);
        Assert.Contains("registry prefix 蜀 (四川)", d);
    }
}
