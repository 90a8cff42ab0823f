using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.GovIdentity;
using R = ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.GovIdentity;

[Trait("Category", "Browser")]
[Collection("browser")]
public class GovIdentityProbeTests
{
    [Fact]
    public async Task A_full_footer_passes_a_partial_one_lists_what_is_missing()
    {
        var results = await RunAsync(GovIdentityProbe.ProbeKey,
        [
            Site("id-full"),
            Site("id-partial", f => f.Footer = R.FooterMode.Partial),
            Site("id-none", f => f.Footer = R.FooterMode.None),
        ]);
        AssertOutcome(results, "id-full", Outcome.Pass, Reason.Ok);
        AssertOutcome(results, "id-partial", Outcome.Fail, Reason.Partial);
        AssertOutcome(results, "id-none", Outcome.Fail, Reason.Missing);
        Assert.StartsWith("missing: site_code, public_security, party_gov_mark;", results["id-partial"].Detail);
        Assert.Contains("icp: 京ICP备05070602号", results["id-partial"].Detail);
        var m = results["id-full"].Measurements.ToDictionary(x => x.Name, x => x.Value);
        Assert.Equal(0, m["gov_cn_host"]); // replicas live on .localhost; reported, not required in this test catalogue
        Assert.Equal(1, m["site_code"]);
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Reads_real_footers()
    {
        const string footer = "主办单位：浙江省人民政府办公厅 承办单位：浙江省大数据发展管理局 网站标识码：3300000069 浙ICP备12044342号-1 浙公网安备 33010602003575号";
        var items = GovIdentityRules.Read("www.zjzwfw.gov.cn", footer,
            ["http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=33010602003575", "https://bszs.conac.cn/sitename?method=show&id=1"], []);
        Assert.All(items, i => Assert.True(i.Found, i.Name));
        Assert.Equal("3300000069", items.Single(i => i.Name == "site_code").Evidence);
        Assert.Equal("浙江省人民政府办公厅", items.Single(i => i.Name == "sponsor").Evidence);
        var (po, pr, _) = GovIdentityRules.Judge(items, true);
        Assert.Equal((Outcome.Pass, Reason.Ok), (po, pr));

        var imitation = GovIdentityRules.Read("zjzwfw-service.com", "主办：某科技公司", [], []);
        var (o, r, d) = GovIdentityRules.Judge(imitation, true);
        Assert.Equal((Outcome.Fail, Reason.Partial), (o, r));
        Assert.Contains("gov_cn_host", d);
    }
}

