using System.Net;

namespace ZhangbanProbe.Replicas;

/// <summary>HTML of the replica pages, modelled on the real provincial portals' entry pages.</summary>
public static class ReplicaPages
{
    private static string E(string s) => WebUtility.HtmlEncode(s);

    public const string Css = """
        body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:16px;color:#222;background:#f4f6fa}
        header{background:#c8161d;color:#fff;padding:12px 16px;display:flex;align-items:center;gap:10px}header a{color:#fff}
        header h1{font-size:20px;margin:0}.search{padding:12px 16px;background:#fff}
        .search input{width:70%;padding:8px;font-size:16px}.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:8px;padding:12px}
        .tiles a{display:block;background:#fff;border-radius:6px;padding:14px 4px;text-align:center;color:#333;text-decoration:none;min-height:44px}
        .channels{display:grid;grid-template-columns:repeat(4,1fr);gap:8px;padding:0 12px 12px}.channels a{display:block;background:#fff;border-radius:6px;padding:10px 4px;text-align:center;color:#333;text-decoration:none;min-height:44px}.channels img{display:block;margin:0 auto}
        section{background:#fff;margin:10px 12px;padding:10px 14px;border-radius:6px}section h2{font-size:17px;margin:4px 0}
        footer{font-size:13px;color:#666;padding:16px;line-height:1.8;text-align:center}
        """;

    public static string Logo(ReplicaSite site) =>
        $"""<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#fff"/><text x="20" y="26" font-size="16" text-anchor="middle" fill="#c8161d">{E(site.Province[..1])}</text></svg>""";

    private static string Shell(ReplicaSite site, string title, string body, string lang = "zh-CN", string head = "", bool elderly = false)
    {
        var f = site.Features;
        var viewport = f.NoViewport ? "" : """<meta name="viewport" content="width=device-width, initial-scale=1">""";
        var style = (f.TinyFont ? "<style>body{font-size:9px}</style>" : "") + (elderly ? "<style>body{font-size:24px;line-height:1.6}.tiles{grid-template-columns:repeat(2,1fr)}</style>" : "");
        return $"""
            <!DOCTYPE html>
            <html lang="{lang}"><head><meta charset="utf-8">
            {viewport}
            <title>{E(title)}</title>
            <link rel="stylesheet" href="/static/site.css">{style}{head}
            </head><body>
            {body}
            </body></html>
            """;
    }

    private static string Name(ReplicaSite site) => string.IsNullOrEmpty(site.Platform) ? site.Province + "政务服务" : site.Platform;

    public static string Home(ReplicaSite site, int port = 0, bool elderly = false)
    {
        var f = site.Features;
        var name = Name(site);
        var english = f.English switch
        {
            EnglishMode.Link or EnglishMode.NoEffect => $"""<a href="/en/">{E(f.EnglishLabel)}</a>""",
            EnglishMode.DeadLink => $"""<a href="/english/index.html">{E(f.EnglishLabel)}</a>""",
            EnglishMode.OtherHost => $"""<a href="http://en-{site.Id}.localhost:{port}/" target="_blank">{E(f.EnglishLabel)}</a>""",
            EnglishMode.ScriptToggle => $"""<a href="javascript:void(0)" id="lang-toggle" onclick="toEnglish()">{E(f.EnglishLabel)}</a>""",
            EnglishMode.Select => """<select id="lang" aria-label="语言" onchange="if(this.value==='en')location.href='/en/'"><option value="zh">简体中文</option><option value="en">English</option></select>""",
            _ => "",
        };
        var elderlyLink = f.Elderly switch
        {
            ElderlyMode.Link or ElderlyMode.NoEffect => $"""<a href="/elderly">{E(f.ElderlyLabel)}</a>""",
            ElderlyMode.ScriptToggle => $"""<a href="javascript:void(0)" onclick="document.cookie='mode=elderly;path=/';location.reload()">{E(f.ElderlyLabel)}</a>""",
            ElderlyMode.NotSticky => $"""<a href="javascript:void(0)" onclick="document.body.style.fontSize='24px'">{E(f.ElderlyLabel)}</a>""",
            _ => "",
        };
        var progress = f.Progress switch
        {
            ProgressMode.None => "",
            ProgressMode.Hidden => """<a href="/workbench">个人工作台</a>""",
            _ => """<a href="/progress">办件查询</a>""",
        };
        var hreflang = f.English == EnglishMode.HreflangOnly ? """<link rel="alternate" hreflang="en" href="/en/">""" : "";
        var script = f.English == EnglishMode.ScriptToggle ? """
            <script>
            function toEnglish(){document.documentElement.lang='en';document.title='Government Services Online';
            document.body.innerHTML='<header><h1>Government Online Services</h1></header><nav class="tiles"><a href="#">Personal Services</a><a href="#">Business Services</a><a href="#">Social Security</a><a href="#">Housing Fund</a><a href="#">Progress Query</a><a href="#">Feedback</a></nav><section><h2>Popular services</h2><ul><li>Residence permit application</li><li>Work permit for foreigners</li><li>Vehicle registration</li></ul></section><footer>Hosted by the General Office of the People\'s Government</footer>';}
            </script>
            """ : "";
        var consoleError = f.ConsoleError ? "<script>window.addEventListener('load',function(){ undefinedPortalWidget.init(); });</script>" : "";
        var brokenImage = f.BrokenImage ? """<img src="/static/banner-missing.png" alt="专题横幅" width="300" height="60">""" : "";
        var deadLink = f.DeadLink ? """<li><a href="/news/removed-article.html">关于暂停部分业务的通知</a></li>""" : "";
        var feedback = f.Feedback switch
        {
            FeedbackMode.Full => """<a href="/haochaping">好差评</a><a href="/complaint">我要投诉</a><a href="/consult">我要咨询</a><a href="/12345">12345热线</a>""",
            FeedbackMode.Broken => """<a href="/haochaping-old/index.html">好差评</a>""",
            _ => "",
        };
        var channels = f.Channels switch
        {
            ChannelsMode.Full => """<div class="channels"><a href="/app/download">下载APP</a><a href="/m/">移动版</a><a href="/qrcode"><img src="/static/logo.svg" alt="扫码关注二维码" width="40" height="40"></a><a href="/miniprogram">微信小程序</a></div>""",
            ChannelsMode.BrokenDownload => """<div class="channels"><a href="/app/old-download.apk">下载APP</a><a href="/miniprogram">微信小程序</a></div>""",
            _ => "",
        };
        var offline = f.OfflineEntries ? """<a href="/hall">办事大厅</a><a href="/booking">预约办理</a>""" : "";
        var a11y = f.A11yFaults
            ? """<a href="/personal"><img src="/static/logo.svg" width="44" height="44"></a><span>手机号</span><input name="phone"><p style="color:#ddd;background:#fff">温馨提示：请于工作日办理</p>"""
            : "";
        var wide = f.WideContent ? """<div style="width:1400px;background:#ddd">专题活动横幅（固定宽度，手机上需要横向滚动）</div>""" : "";
        var body = $"""
            <header><img src="/static/logo.svg" alt="{E(site.Province)}" width="40" height="40"><h1>{E(name)}</h1><span>{E(site.Province)}政务服务网</span>{english}<a href="/login">登录</a></header>
            {wide}{brokenImage}{a11y}
            {(f.Search == SearchMode.None ? "" : """<div class="search"><form action="/search"><input name="q" aria-label="搜索服务事项" placeholder="搜索服务事项，如：社保、公积金、身份证"><button>搜索</button></form></div>""")}
            <nav class="tiles">
              <a href="/personal">个人服务</a><a href="/enterprise">法人服务</a>{(f.Services == ServicesMode.None ? "" : """<a href="/shebao">社保查询</a><a href="/gjj">公积金</a><a href="/jiaofei">生活缴费</a>""")}{(f.Licence == LicenceMode.None ? "" : """<a href="/zhengzhao">电子证照</a>""")}
              <a href="/huji">户籍办理</a><a href="/crj">出入境</a>{progress}{feedback}
              {elderlyLink}{(f.Cities == CityMode.None ? "" : """<a href="/cities">市州站点</a>""")}{offline}
            </nav>
            {channels}
            <section><h2>热门服务</h2><ul>
              <li>城乡居民养老保险参保登记</li><li>住房公积金提取</li><li>居民身份证换领</li><li>个体工商户设立登记</li><li>机动车驾驶证换证</li>
            </ul></section>
            <section><h2>政务公开</h2><ul><li><a href="/news/1.html">关于进一步优化政务服务提升行政效能的实施意见</a></li><li>“高效办成一件事”重点事项清单</li>{deadLink}</ul></section>
            {Footer(site)}
            {script}{consoleError}
            """;
        return Shell(site, $"{name} - {site.Province}政务服务网", body, head: hreflang, elderly: elderly);
    }

    public static string Footer(ReplicaSite site)
    {
        var privacy = site.Features.Privacy == PrivacyMode.Missing ? "" : """<a href="/privacy">隐私政策</a>　<a href="/agreement">用户服务协议</a>""";
        return site.Features.Footer switch
        {
            FooterMode.Full => $"""
                <footer>
                  <div>{privacy}　<a href="/about">关于我们</a></div>
                  <div>主办单位：{E(site.Province)}人民政府办公厅　承办单位：{E(site.Province)}大数据中心</div>
                  <div>政府网站标识码：1100000088　<a href="https://beian.miit.gov.cn/">京ICP备05070602号</a>　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010502038281"><img src="/static/logo.svg" width="12" height="12" alt="">京公网安备 11010502038281号</a></div>
                  <div><a href="https://bszs.conac.cn/sitename?method=show&id=0A1B2C3D"><img src="/static/logo.svg" width="24" height="24" alt="党政机关"></a></div>
                </footer>
                """,
            FooterMode.Partial => $"""
                <footer>
                  <div>{privacy}</div>
                  <div>主办单位：{E(site.Province)}人民政府办公厅</div>
                  <div><a href="https://beian.miit.gov.cn/">京ICP备05070602号</a></div>
                </footer>
                """,
            _ => $"<footer><div>{privacy}</div><div>版权所有</div></footer>",
        };
    }

    public static string English(ReplicaSite site) => Shell(site, "Government Online Services", $"""
        <header><h1>{E(site.Province)} Government Online Services</h1><a href="/">中文</a></header>
        <nav class="tiles"><a href="#">Personal Services</a><a href="#">Business Services</a><a href="#">Social Security</a><a href="#">Housing Provident Fund</a>
        <a href="#">Progress Query</a><a href="#">Feedback</a><a href="#">Work Permits for Foreigners</a><a href="#">Residence Permits</a></nav>
        <section><h2>Popular services</h2><ul><li>Application for a residence permit</li><li>Registration of a foreign-invested enterprise</li><li>Vehicle registration and driving licences</li><li>Social insurance enrolment</li></ul></section>
        <footer>Hosted by the General Office of the People's Government. All rights reserved.</footer>
        """, lang: "en");

    public static string Elderly(ReplicaSite site, bool effective) => Home(site, elderly: effective);

    public static string Privacy(ReplicaSite site) => Shell(site, "隐私政策", site.Features.Privacy == PrivacyMode.NoPersonalInfo
        ? "<h1>隐私政策</h1><p>本网站尊重用户。</p>"
        : "<h1>隐私政策</h1><p>我们如何收集和使用您的个人信息：为办理政务服务，我们会收集您的姓名、身份证号码、手机号码等个人信息，并依法保护您的个人信息安全。</p><p>您可以查询、更正、删除您的个人信息。</p>");

    public static string Agreement(ReplicaSite site) => Shell(site, "用户服务协议", "<h1>用户服务协议</h1><p>用户注册时应提供真实的个人信息。平台依法保护用户个人信息。</p>");

    public static string ProgressForm(ReplicaSite site)
    {
        var onclick = site.Features.Progress == ProgressMode.ScriptError
            ? "event.preventDefault(); queryProgress.submitCase(document.getElementById('caseNo').value);"
            : "";
        return Shell(site, "办件进度查询", $"""
            <header><h1>办件进度查询</h1></header>
            <section><form action="/progress/result" method="get" onsubmit="{onclick}">
              <label for="caseNo">办件编号</label>
              <input id="caseNo" name="caseNo" type="text" placeholder="请输入办件编号/受理编号">
              <button type="submit">查询</button>
            </form><p>温馨提示：办件编号可在受理回执中查看。</p></section>
            """);
    }

    /// <summary>The 个人工作台 of a <see cref="ProgressMode.Hidden"/> replica: the query form appears only after 查件.</summary>
    public static string Workbench(ReplicaSite site) => Shell(site, "个人工作台", """
        <header><h1>个人工作台</h1></header>
        <section><span class="tab" onclick="document.getElementById('qf').style.display='block'">查件</span>
          <div id="qf" style="display:none"><input id="q9" type="text" placeholder="请输入">
            <button type="button" onclick="fetch('/progress/fragment?caseNo=' + encodeURIComponent(document.getElementById('q9').value)).then(r => r.text()).then(t => setTimeout(() => document.getElementById('answer').innerHTML = t, 300))">GO</button></div>
          <div id="answer"></div></section>
        """);

    public static string ProgressAnswer(ReplicaSite site, string caseNo) =>
        caseNo == site.Features.KnownCaseNumber && site.Features.Progress is ProgressMode.Works or ProgressMode.Hidden
            ? $"<table><tr><td>办件编号</td><td>{E(caseNo)}</td></tr><tr><td>事项名称</td><td>住房公积金提取</td></tr><tr><td>办理状态</td><td>审批中</td></tr><tr><td>当前环节</td><td>审核</td></tr></table>"
            : $"<p>查无此件，请核对办件编号（{E(caseNo)}）后重试。</p>";

    public static string ProgressResult(ReplicaSite site, string caseNo) => Shell(site, "查询结果",
        site.Features.Progress == ProgressMode.Works && caseNo == site.Features.KnownCaseNumber
            ? $"<h1>查询结果</h1><table><tr><td>办件编号</td><td>{E(caseNo)}</td></tr><tr><td>事项名称</td><td>住房公积金提取</td></tr><tr><td>办理状态</td><td>审批中</td></tr><tr><td>当前环节</td><td>审核</td></tr></table>"
            : $"<h1>查询结果</h1><p>查无此件，请核对办件编号（{E(caseNo)}）后重试。</p>");

    public static string Login(ReplicaSite site) => Shell(site, "统一身份认证平台 - 用户登录", """
        <h1>统一身份认证</h1><form><label>账号</label><input name="u"><label>密码</label><input type="password" name="p">
        <button>登录</button></form><p>请先登录后办理业务</p>
        """ + (site.Features.AllLoginMethods
            ? "<p>其他登录方式：短信验证码登录　扫码登录　电子身份证登录（刷脸）　外国人永久居留身份证/护照登录</p>"
            : ""));

    public static string Simple(ReplicaSite site, string path) =>
        Shell(site, $"{Name(site)} - 服务", $"<header><h1>{E(Name(site))}</h1></header><section><h2>服务列表</h2><p>页面：{E(path)}</p><ul><li>办事指南</li><li>在线办理</li></ul></section>{Footer(site)}");

    /// <summary>A service page: its own title, items and a note, inside the site's header and footer.</summary>
    public static string Service(ReplicaSite site, string path)
    {
        var f = site.Features;
        var body = path switch
        {
            "/shebao" => "<h2>社会保险服务</h2><ul><li><a href=\"/personal\">个人参保信息查询</a></li><li><a href=\"/personal\">养老保险缴费记录查询</a></li><li><a href=\"/personal\">社会保险参保证明打印</a></li><li><a href=\"/personal\">社保卡挂失与补换</a></li></ul><p>查询个人社保信息需先进行实名认证。</p>",
            "/gjj" when f.Services == ServicesMode.EmptyShell => "<h2>公积金</h2><p>栏目建设中，敬请期待！</p>",
            "/gjj" => "<h2>住房公积金服务</h2><ul><li><a href=\"/personal\">公积金账户余额查询</a></li><li><a href=\"/personal\">住房公积金提取</a></li><li><a href=\"/personal\">公积金贷款进度查询</a></li></ul><p>本服务由省住房公积金管理中心提供。</p>",
            "/jiaofei" when f.Services == ServicesMode.AppOnly => "<p>请下载APP办理</p>",
            "/jiaofei" => "<h2>生活缴费</h2><ul><li><a href=\"/personal\">水费缴纳</a></li><li><a href=\"/personal\">电费缴纳</a></li><li><a href=\"/personal\">燃气费缴纳</a></li><li><a href=\"/personal\">有线电视费缴纳</a></li></ul><p>缴费成功后可在“我的账单”中查看电子票据。</p>",
            "/zhengzhao" when f.Licence == LicenceMode.EmptyShell => "<h2>电子证照</h2><p>即将上线</p>",
            _ => "<h2>我的电子证照</h2><ul><li>居民身份证电子证照</li><li>机动车驾驶证电子证照</li><li>不动产权证书电子证照</li><li>结婚证电子证照</li></ul><p>登录后可亮证、下载与授权使用本人的电子证照。</p>",
        };
        return Shell(site, $"{Name(site)} - 服务", $"<header><h1>{E(Name(site))}</h1></header><section>{body}</section>{Footer(site)}");
    }

    /// <summary>A 办事指南 as real portals lay it out: a table of label and value, the fields read by online-share.</summary>
    public static string Guide(ReplicaSite site, string item)
    {
        var mode = site.Features.Guides;
        var fully = mode == GuideMode.AllOnline || (mode == GuideMode.Mixed && (item.Contains("公积金") || item.Contains("身份证")));
        var (form, depth, visits) = fully ? ("窗口办理、网上办理", "全程网办", "0次") : mode == GuideMode.Offline ? ("窗口办理", "", "1次") : ("窗口办理、网上预审", "三级", "1次");
        var menu = mode == GuideMode.Offline ? "<nav><a href=\"/personal\">全程网办专区</a>　<a href=\"/personal\">办事指南</a></nav>" : "";
        return Shell(site, $"{item} - 办事指南", $"""
            <header><h1>{E(Name(site))}</h1></header>{menu}
            <section><h2>{E(item)}</h2><table>
              <tr><th>事项名称</th><td>{E(item)}</td></tr><tr><th>事项类型</th><td>公共服务</td></tr>
              <tr><th>办理形式</th><td>{form}</td></tr>{(depth.Length > 0 ? $"<tr><th>网办深度</th><td>{depth}</td></tr>" : "")}
              <tr><th>到办事现场次数</th><td>{visits}</td></tr><tr><th>法定办结时限</th><td>20个工作日</td></tr><tr><th>承诺办结时限</th><td>5个工作日</td></tr>
            </table><h3>申请材料</h3><ol><li>居民身份证</li><li>申请表</li></ol></section>{Footer(site)}
            """);
    }

    public static readonly string[] CityNames = ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市"];

    public static string Cities(ReplicaSite site) => Shell(site, "市州站点", "<h1>市州站点</h1><ul>" +
        string.Concat(CityNames.Select((c, i) => $"<li><a href=\"/city/{i}/\">{c}</a></li>")) + "</ul>");

    public static string City(ReplicaSite site, int i) => Shell(site, CityNames[i] + "政务服务", $"<h1>{CityNames[i]}政务服务</h1><p>欢迎访问{CityNames[i]}频道。</p>");

    public static string SearchResults(ReplicaSite site, string q) => Shell(site, "搜索结果", site.Features.Search == SearchMode.Works && q.Length > 0
        ? $"<h1>搜索结果</h1><p>共找到 3 条与“{E(q)}”相关的结果</p><ul><li><a href=\"{(site.Features.Guides == GuideMode.NoGuides ? "/personal" : "/guide?item=" + Uri.EscapeDataString(q))}\">{E(q)}业务办理指南</a></li><li><a href=\"/personal\">{E(q)}查询</a></li><li><a href=\"/personal\">{E(q)}相关政策</a></li></ul>"
        : $"<h1>搜索结果</h1><p>未找到与“{E(q)}”相关的结果</p>");

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

    public static string CookieChallenge() => """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title></title>
        <script>document.cookie = 'zb_challenge=' + (Date.now() % 9973) + '; path=/'; setTimeout(function () { location.reload(); }, 300);</script></head><body></body></html>
        """;

    public static string JsChallenge() => """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title></title>
        <script>/* cookie challenge placeholder: computes a token and reloads */</script></head><body></body></html>
        """;
}
