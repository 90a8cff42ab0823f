using ZhangbanProbe.Core.Catalogue;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.CityEntries;

/// <summary>Pure parts: which links are prefecture channels, and the verdict on the share that works.</summary>
public static class CityEntriesRules
{
    public static readonly Regex[] HubLabels =
    [
        new("(市州站点|地市站点|市级站点|地方站点|市县站点|地市频道|市州频道|切换城市|选择城市|城市切换|切换地区|地区切换|选择地区|各地市|地市分站|市州分站|各市州|地方频道|区县站点|各区站点|各区县|更多城市)"),
    ];
    private static readonly Regex CityName = new("^[\u4e00-\u9fa5]{2,8}(市|州|盟|地区)(站|站点|频道|分站|政务服务网?)?$");
    private static readonly Regex DistrictName = new("^[\u4e00-\u9fa5]{1,6}(区|县)(站|站点|频道|分站|政务服务网?)?$");
    private static readonly Regex Division = new("^第[一二三四五六七八九十]{1,3}师");
    private static readonly Regex NameRest = new("^(市|地区|盟|州|[\u4e00-\u9fa5]{0,8}自治州)?(站|站点|频道|分站|政务服务网?)?$");

    /// <summary>
    /// Prefecture-level names as city hubs list them, often without 市 (广州 深圳 珠海): the 333 prefectures, with the
    /// county-level cities directly under a province and the 兵团's cities.
    /// </summary>
    public static readonly IReadOnlySet<string> Prefectures = new HashSet<string>((
        "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 雄安 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁 " +
        "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安 锡林郭勒 阿拉善 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 " +
        "长春 吉林 四平 辽源 通化 白山 松原 白城 延边 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭 " +
        "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 " +
        "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 平潭 " +
        "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 " +
        "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源 " +
        "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 仙桃 潜江 天门 神农架 " +
        "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西 " +
        "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮 " +
        "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左 " +
        "海口 三亚 三沙 儋州 五指山 琼海 文昌 万宁 东方 定安 屯昌 澄迈 临高 白沙 昌江 乐东 陵水 保亭 琼中 " +
        "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山 " +
        "贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆 " +
        "拉萨 日喀则 昌都 林芝 山南 那曲 阿里 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 杨凌 西咸 韩城 " +
        "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南 兰州新区 西宁 海东 海北 黄南 海南 果洛 玉树 海西 " +
        "银川 石嘴山 吴忠 固原 中卫 乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰 " +
        "石河子 阿拉尔 图木舒克 五家渠 北屯 铁门关 双河 可克达拉 昆玉 胡杨河 新星 白杨").Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static readonly string[] Municipalities = ["北京", "天津", "上海", "重庆"];

    /// <summary>
    /// A link to a prefecture's channel: a known prefecture name (with or without 市/州/盟/地区), a name ending so, a
    /// 兵团 division (第一师 …), or — for the four municipalities, whose local channels are districts — a 区/县 name.
    /// </summary>
    public static bool IsCity(Clickable c, string province = "")
    {
        if (c.Tag != "a" || !c.Href.StartsWith("http", StringComparison.OrdinalIgnoreCase)) return false;
        var text = Regex.Replace(c.Text, "\\s+", "");
        if (text.Length is < 2 or > 16) return false;
        if (CityName.IsMatch(text) || Division.IsMatch(text)) return true;
        foreach (var name in Prefectures)
            if (text.StartsWith(name, StringComparison.Ordinal) && NameRest.IsMatch(text[name.Length..])) return true;
        return Municipalities.Any(m => province.StartsWith(m, StringComparison.Ordinal)) && DistrictName.IsMatch(text);
    }

    /// <summary>At most <paramref name="max"/> entries spread evenly over the list (first and last included), so a long
    /// list is not judged on its head alone.</summary>
    public static List<string> SpreadOver(IReadOnlyList<string> list, int max)
    {
        if (list.Count <= max) return [.. list];
        return Enumerable.Range(0, max).Select(i => list[(int)Math.Round(i * (list.Count - 1) / (double)(max - 1))]).Distinct().ToList();
    }

    /// <summary>
    /// The verdict on the share of checked entries that work. A list is judged only on enough answering entries: at
    /// least <paramref name="minChecked"/> of them (all of them when the list is shorter); fewer is undecided, never
    /// a pass or a fail on the one or two links that happened to answer.
    /// </summary>
    public static (Outcome, Reason, string) Judge(int found, int working, int checkedCount, double minShare, int minChecked = 3)
    {
        if (found == 0) return (Outcome.Fail, Reason.Missing, "no prefecture city entries found");
        if (checkedCount == 0) return (Outcome.Error, Reason.Network, $"{found} city entries found, none could be checked");
        if (checkedCount < Math.Min(minChecked, found))
            return (Outcome.Error, Reason.Undecided, $"{found} city entries found, only {checkedCount} answered a check ({working} working): fewer than min_checked ({Math.Min(minChecked, found)}) to judge the list");
        var share = (double)working / checkedCount;
        var detail = $"{found} city entries, {working} of {checkedCount} checked work ({share:P0})";
        return share >= minShare ? (Outcome.Pass, Reason.Ok, detail) : (Outcome.Fail, Reason.DeadLink, detail);
    }
}

/// <summary>
/// <c>city-entries</c>: the provincial entry links to its prefecture cities' channels (directly, or via a
/// 市州站点/切换城市 page), and those links work; the value is the share of working links. It informs 省市入口连通.
/// Links that cannot be fetched at all (network) are not counted. Setting <c>min_share</c> (0.8).
/// </summary>
public sealed class CityEntriesProbe : IIndicatorProbe
{
    public const string ProbeKey = "city-entries";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("市州入口", "city entries"),
        SettingsSchema.Of<CityEntriesSettings>(),
        []);

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var (opened, stop) = await PageTools.OpenAsync(context);
        if (stop is not null) return stop;
        var page = opened.Page;
        var province = context.Portal.Province;
        var clickables = await PageTools.ClickablesAsync(page);
        // What a user can see: a list in a closed dropdown counts once its 切换城市 control has opened it.
        (List<Clickable> Visible, int Hidden) Cities(IReadOnlyList<Clickable> all) =>
            (all.Where(c => c.Visible && CityEntriesRules.IsCity(c, province)).ToList(), all.Count(c => !c.Visible && CityEntriesRules.IsCity(c, province)));
        var (cities, hiddenCities) = Cities(clickables);
        var urls = opened.Urls.ToList();
        // City links folded into the phone menu: opened the way a user would.
        if (cities.Count < 2 && hiddenCities > 0 && await PageTools.RevealMenusAsync(page, async () => Cities(clickables = await PageTools.ClickablesAsync(page)).Visible.Count >= 2) is not null)
            (cities, hiddenCities) = Cities(clickables);
        var opensHub = false;
        if (cities.Count < 2 && await PageTools.FindOrRevealAsync(page, clickables, CityEntriesRules.HubLabels) is { Target: var hub })
        {
            (page, _) = await PageTools.ActivateAsync(opened, hub);
            opensHub = true;
        }
        // A switcher written as plain text with a script listener ([切换城市] in a span).
        else if (cities.Count < 2 && await PageTools.ClickTextAsync(page, CityEntriesRules.HubLabels[0])) opensHub = true;
        if (opensHub)
        {
            urls.Add(page.Url);
            (cities, hiddenCities) = Cities(await PageTools.ClickablesAsync(page));
        }
        var all = cities.Select(c => c.Href).Distinct().ToList();
        var links = CityEntriesRules.SpreadOver(all, 40);
        int working = 0, checkedCount = 0;
        var broken = new List<string>();
        foreach (var link in links)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Links to other hosts are fetched outside the page: the egress guard decides first.
            var status = Uri.TryCreate(link, UriKind.Absolute, out var linkUri) && await context.MayFetchAsync(linkUri, cancellationToken)
                ? await StatusAsync(page, opened.Context, link) : null;
            // Not fetched at all, or refused (403, 429, 503: a wall turning scripted requests away): not counted.
            if (status is null || (status >= 400 && !FailureClassifier.IsDeadLinkStatus(status.Value))) continue;
            checkedCount++;
            if (status < 400) working++; else broken.Add($"{link} (HTTP {status})");
        }
        var settings = context.Settings.As<CityEntriesSettings>();
        var (outcome, reason, detail) = CityEntriesRules.Judge(links.Count, working, checkedCount, settings.MinShare, settings.MinChecked);
        if (all.Count > links.Count) detail += $" (checked {links.Count} spread over the {all.Count} entries)";
        if (broken.Count > 0) detail += "; broken: " + string.Join(", ", broken.Take(5));
        if (links.Count == 0 && hiddenCities > 0) detail += $" ({hiddenCities} hidden city links are on the page, not visible in this profile: not counted)";
        var shot = await context.ScreenshotAsync(page, "cities");
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail, Urls = urls.Distinct().ToList(),
            Value = checkedCount == 0 ? null : Math.Round((double)working / checkedCount, 3), Unit = "share working",
            Measurements = [new("city_entries", links.Count, "count"), new("working", working, "count"), new("checked", checkedCount, "count")],
            Evidence = shot is null ? [] : [shot],
        };
    }

    /// <summary>Same-origin links from inside the page; others through the context's request API. Null: could not check.</summary>
    private static async Task<int?> StatusAsync(IPage page, IBrowserContext context, string url)
    {
        if (new Uri(url).GetLeftPart(UriPartial.Authority) == new Uri(page.Url).GetLeftPart(UriPartial.Authority))
            return await PageTools.SameOriginStatusAsync(page, url);
        try
        {
            var r = await context.APIRequest.GetAsync(url, new APIRequestContextOptions { Timeout = 10_000, MaxRedirects = 5 });
            var status = r.Status;
            await r.DisposeAsync();
            return status;
        }
        catch (PlaywrightException) { return null; }
    }
}
