using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Probes.CityEntries;
using ZhangbanProbe.Probing.Probes.ConvenienceServices;
using ZhangbanProbe.Probing.Probes.ProgressQuery;
using ZhangbanProbe.Probing.Probes.Search;
using ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Probes.Search;

/// <summary>
/// Controls folded into a phone header, as Bootstrap-style navbars and H5 headers write them: a ☰ button with
/// aria-expanded="false" that shows the menu, a 展开导航 span with a script listener. The probes open them as a user would.
/// </summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class FoldedMenuTests
{
    private static ReplicaSite Folded(string id, string toggle, string menu)
    {
        var site = HtmlSite(id, $$"""
            <header><h1>测试办</h1>{{toggle}}<nav class="menu" id="menu">{{menu}}</nav></header><p>个人服务 法人服务</p>
            <script>
              var t = document.getElementById('toggle');
              t.addEventListener('click', function () { document.getElementById('menu').classList.toggle('open'); t.setAttribute('aria-expanded', 'true'); });
            </script>
            """, head: "<style>.menu{display:none}.menu.open{display:block}</style>");
        site.Pages["/search"] = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>搜索结果</title></head><body><h1>搜索结果</h1><ul><li>社保卡申领</li><li>社保缴费查询</li><li>社保转移</li></ul></body></html>""";
        foreach (var (path, title) in new[] { ("/hz", "杭州市"), ("/nb", "宁波市"), ("/wz", "温州市"), ("/sb", "社保服务"), ("/gjj", "公积金服务"), ("/jf", "生活缴费") })
            site.Pages[path] = $"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}政务服务</h1><p>{title}：事项办理、办件查询、政策文件、办事指南与咨询投诉，欢迎使用。</p></body></html>""";
        site.Pages["/bjcx"] = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>办件查询</title></head><body><h1>办件进度查询</h1><input placeholder="请输入办件编号"><button type="button" onclick="document.body.insertAdjacentHTML('beforeend','<p>未查询到相关办件信息</p>')">查询</button></body></html>""";
        return site;
    }

    private const string SearchForm = """<form action="/search" method="get"><input name="keyword" placeholder="请输入关键字搜索"><button type="submit">搜索</button></form><a href="/bjcx">办件查询</a>""";

    [Fact]
    public async Task A_search_box_and_a_query_entry_behind_a_folded_menu_are_found_by_opening_it()
    {
        var sites = new[]
        {
            Folded("fm-button", """<button id="toggle" class="navbar-toggle" aria-expanded="false" aria-label="菜单">☰</button>""", SearchForm),
            Folded("fm-span", """<span id="toggle">展开导航</span>""", SearchForm),
            Folded("fm-empty", """<button id="toggle" aria-expanded="false">☰</button>""", "<a href='/about'>关于我们</a>"),
        };
        var search = await RunAsync(SearchProbe.ProbeKey, sites);
        AssertOutcome(search, "fm-button", Outcome.Pass, Reason.Ok);
        AssertOutcome(search, "fm-span", Outcome.Pass, Reason.Ok);
        AssertOutcome(search, "fm-empty", Outcome.Fail, Reason.Missing); // the menu holds no search: still missing

        var query = await RunAsync(ProgressQueryProbe.ProbeKey, sites);
        AssertOutcome(query, "fm-button", Outcome.Pass, Reason.AnsweredNotFound);
        AssertOutcome(query, "fm-empty", Outcome.Fail, Reason.Missing);
    }

    [Fact]
    public async Task City_links_and_service_tiles_folded_into_the_menu_are_found_by_opening_it()
    {
        const string menu = """<a href="/hz">杭州市</a> <a href="/nb">宁波市</a> <a href="/wz">温州市</a> <a href="/sb">社保服务</a> <a href="/gjj">公积金服务</a> <a href="/jf">生活缴费</a>""";
        var sites = new[] { Folded("fm-links", """<button id="toggle" class="menu-toggle" aria-expanded="false">☰</button>""", menu) };
        AssertOutcome(await RunAsync(CityEntriesProbe.ProbeKey, sites), "fm-links", Outcome.Pass, Reason.Ok);
        AssertOutcome(await RunAsync(ConvenienceServicesProbe.ProbeKey, sites), "fm-links", Outcome.Pass, Reason.Ok);
    }
}
