using System.Net;

namespace ZhangbanProbe.Replicas;

/// <summary>HTML of the replica pages, modelled on the real provincial portals' entry pages.</summary>
public static class ReplicaPages
{
    private static string E(string s) => WebUtility.HtmlEncode(s);

    public const string Css = """
        body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:16px;color:#222;background:#f4f6fa}
        header{background:#c8161d;color:#fff;padding:12px 16px;display:flex;align-items:center;gap:10px}
        header h1{font-size:20px;margin:0}.search{padding:12px 16px;background:#fff}
        .search input{width:70%;padding:8px;font-size:16px}.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:8px;padding:12px}
        .tiles a{display:block;background:#fff;border-radius:6px;padding:14px 4px;text-align:center;color:#333;text-decoration:none;min-height:44px}
        section{background:#fff;margin:10px 12px;padding:10px 14px;border-radius:6px}section h2{font-size:17px;margin:4px 0}
        footer{font-size:13px;color:#666;padding:16px;line-height:1.8;text-align:center}
        """;

    public static string Logo(ReplicaSite site) =>
        $"""<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#fff"/><text x="20" y="26" font-size="16" text-anchor="middle" fill="#c8161d">{E(site.Province[..1])}</text></svg>""";

    private static string Shell(ReplicaSite site, string title, string body, string lang = "zh-CN") => $"""
        <!DOCTYPE html>
        <html lang="{lang}"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <link rel="stylesheet" href="/static/site.css">
        </head><body>
        {body}
        </body></html>
        """;

    public static string Home(ReplicaSite site)
    {
        var name = string.IsNullOrEmpty(site.Platform) ? site.Province + "政务服务" : site.Platform;
        var body = $"""
            <header><img src="/static/logo.svg" alt="{E(site.Province)}" width="40" height="40"><h1>{E(name)}</h1><span>{E(site.Province)}政务服务网</span></header>
            <div class="search"><form action="/search"><input name="q" placeholder="搜索服务事项，如：社保、公积金、身份证"><button>搜索</button></form></div>
            <nav class="tiles">
              <a href="/personal">个人服务</a><a href="/enterprise">法人服务</a><a href="/shebao">社保查询</a><a href="/gjj">公积金</a>
              <a href="/huji">户籍办理</a><a href="/crj">出入境</a><a href="/progress">办件查询</a><a href="/haochaping">好差评</a>
              <a href="/elderly">长辈版</a><a href="/en/">English</a><a href="/cities">市州站点</a><a href="/hall">办事大厅</a>
            </nav>
            <section><h2>热门服务</h2><ul>
              <li>城乡居民养老保险参保登记</li><li>住房公积金提取</li><li>居民身份证换领</li><li>个体工商户设立登记</li><li>机动车驾驶证换证</li>
            </ul></section>
            <section><h2>政务公开</h2><ul><li>关于进一步优化政务服务提升行政效能的实施意见</li><li>“高效办成一件事”重点事项清单</li></ul></section>
            <footer>
              <div>主办单位：{E(site.Province)}人民政府办公厅　承办单位：{E(site.Province)}大数据中心</div>
              <div>政府网站标识码：1100000001　ICP备案号：京ICP备05070602号　公网安备 11010502038281号</div>
              <div>（本页为 ZhangbanProbe 本地复制站点，仅用于测试）</div>
            </footer>
            """;
        return Shell(site, $"{name} - {site.Province}政务服务网", body);
    }

    public static string NotFound(ReplicaSite site) =>
        Shell(site, "404 页面不存在", "<h1>404</h1><p>抱歉，您访问的页面不存在或已被删除。</p>");

    public static string ServerError(ReplicaSite site, int status) =>
        Shell(site, $"{status} 服务器错误", $"<h1>{status}</h1><p>系统繁忙，请稍后再试。Internal Server Error</p>");

    public static string SliderCaptcha(ReplicaSite site) => Shell(site, "安全验证", """
        <div class="captcha-slider" id="nc_wrapper" style="margin:60px auto;width:300px">
          <p>请完成安全验证</p><p>向右滑动完成验证</p>
          <div style="height:40px;background:#eee;position:relative"><span style="position:absolute;left:0;width:40px;height:40px;background:#c8161d"></span></div>
        </div>
        """);

    public static string Waf(ReplicaSite site) => Shell(site, "访问被拦截", "<h1>访问被拦截</h1><p>您的访问被阻断，疑似攻击行为。网站防火墙</p>");

    public static string JsChallenge() => """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title></title>
        <script>/* cookie challenge placeholder: computes a token and reloads */</script></head><body></body></html>
        """;
}
