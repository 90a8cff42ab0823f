using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Probes.ConvenienceServices;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Probes.ConvenienceServices;

/// <summary>
/// Tiles of a single-page app that change a hash route, as Vue/uni-app H5 home pages are built: the header and tab
/// bar stay, the view is replaced, and it renders after fetching its data. The view is judged by what it shows once
/// it has settled, the shell that stayed taken away.
/// </summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class SpaRouteTests
{
    private static ReplicaSite Spa(string id, string gjjView)
    {
        var site = ProbeScenario.HtmlSite(id, $$"""
            <header><h1>测试办</h1></header><div id="app"></div>
            <nav class="tabbar"><span>首页</span> <span>办事</span> <span>我的</span></nav>
            <script>
              const views = {
                '': () => '<div class="tile" data-to="shebao">社保服务</div><div class="tile" data-to="gjj">公积金服务</div><div class="tile" data-to="jiaofei">生活缴费</div>',
                shebao: d => '<h2>社保服务</h2><ul>' + d.map(x => '<li>' + x + '</li>').join('') + '</ul>',
                gjj: d => {{gjjView}},
                jiaofei: d => '<h2>生活缴费</h2><ul>' + d.map(x => '<li>' + x + '</li>').join('') + '</ul>',
              };
              const app = document.getElementById('app');
              async function render() {
                const route = location.hash.replace(/^#\/?/, '');
                app.innerHTML = '';
                if (!route) { app.innerHTML = views['']();
                  app.querySelectorAll('.tile').forEach(t => t.addEventListener('click', () => { location.hash = '#/' + t.dataset.to; }));
                  return; }
                const data = await (await fetch('/data/' + route + '.json')).json();
                setTimeout(() => { app.innerHTML = views[route](data); }, 200);
              }
              window.addEventListener('hashchange', render); render();
            </script>
            """, head: "<style>.tile{display:inline-block;padding:12px;margin:4px;border:1px solid #ccc;cursor:pointer}</style>");
        site.Pages["/data/shebao.json"] = """["社保卡申领进度查询", "养老保险缴费记录查询", "医疗保险参保信息查询"]""";
        site.Pages["/data/gjj.json"] = """["住房公积金缴存明细查询", "公积金贷款额度测算", "公积金提取业务办理"]""";
        site.Pages["/data/jiaofei.json"] = """["水费缴纳（自来水公司）", "电费缴纳（国家电网）", "燃气费缴纳（燃气集团）"]""";
        return site;
    }

    [Fact]
    public async Task Views_a_hash_route_renders_after_fetching_are_judged_by_their_own_content()
    {
        var results = await ProbeScenario.RunAsync(ConvenienceServicesProbe.ProbeKey,
        [
            Spa("spa-works", "'<h2>公积金服务</h2><ul>' + d.map(x => '<li>' + x + '</li>').join('') + '</ul>'"),
            Spa("spa-empty", "'<h2>公积金服务</h2><p>该服务暂未开通，敬请期待</p>'"),
        ]);

        ProbeScenario.AssertOutcome(results, "spa-works", Outcome.Pass, Reason.Ok);
        ProbeScenario.AssertOutcome(results, "spa-empty", Outcome.Fail, Reason.EmptyPage);
        Assert.Contains("暂未开通", results["spa-empty"].Detail);
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void A_view_repeating_the_entry_pages_words_is_judged_on_what_it_added_minus_the_shell()
    {
        const string entry = "测试办\n社保服务\n公积金服务\n首页 办事 我的";
        const string view = "测试办\n社保服务\n社保卡申领进度查询\n首页 办事 我的";
        var own = ServiceEntryRules.OwnText(view, entry);
        var added = "社保服务\n社保卡申领进度查询";
        var viewText = ServiceEntryRules.ViewText(own, added, ["测试办", "首页", "办事", "我的", "首页 办事 我的"]);
        Assert.Contains("社保服务", viewText);           // the view's title, although the entry page had the tile's words
        Assert.Contains("社保卡申领进度查询", viewText);
        Assert.DoesNotContain("测试办", viewText);        // the header that stayed is the shell
        Assert.Equal(ServiceEntryRules.OwnText(view, entry), ServiceEntryRules.ViewText(own, "", ["测试办"]));
    }
}
