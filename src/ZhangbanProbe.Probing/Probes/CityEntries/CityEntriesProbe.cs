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
    public static readonly Regex[] HubLabels = [new("(市州站点|地市站点|市级站点|地方站点|市县站点|地市频道|市州频道|切换城市|选择城市|各地市|地市分站)")];
    private static readonly Regex CityName = new("^[\u4e00-\u9fa5]{2,8}(市|州|盟|地区)(站|站点|频道|政务服务)?$");

    public static bool IsCity(Clickable c) => c.Tag == "a" && CityName.IsMatch(c.Text.Trim()) && c.Href.StartsWith("http", StringComparison.OrdinalIgnoreCase);

    public static (Outcome, Reason, string) Judge(int found, int working, int checkedCount, double minShare)
    {
        if (found == 0) return (Outcome.Fail, Reason.Missing, "no prefecture city entries found");
        if (checkedCount == 0) return (Outcome.Error, Reason.Network, $"{found} city entries found, none could be checked");
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
    public string Key => ProbeKey;
    public IReadOnlyCollection<string> SettingNames { get; } = ["min_share"];

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var (opened, stop) = await PageTools.OpenAsync(context);
        if (stop is not null) return stop;
        var page = opened.Page;
        var clickables = await PageTools.ClickablesAsync(page);
        var cities = clickables.Where(CityEntriesRules.IsCity).ToList();
        var urls = opened.Urls.ToList();
        if (cities.Count < 2 && ClickableMatcher.Find(clickables, CityEntriesRules.HubLabels) is { } hub)
        {
            (page, _) = await PageTools.ActivateAsync(opened, hub);
            urls.Add(page.Url);
            cities = (await PageTools.ClickablesAsync(page)).Where(CityEntriesRules.IsCity).ToList();
        }
        var links = cities.Select(c => c.Href).Distinct().Take(40).ToList();
        int working = 0, checkedCount = 0;
        var broken = new List<string>();
        foreach (var link in links)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var status = await StatusAsync(page, opened.Context, link);
            if (status is null) continue;
            checkedCount++;
            if (status < 400) working++; else broken.Add($"{link} (HTTP {status})");
        }
        var (outcome, reason, detail) = CityEntriesRules.Judge(links.Count, working, checkedCount, context.Settings.GetDouble("min_share", 0.8));
        if (broken.Count > 0) detail += "; broken: " + string.Join(", ", broken.Take(5));
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
