using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.GovIdentity;

/// <summary>
/// <c>gov-identity</c>: is the site what it claims to be? A .gov.cn host and the footer items the 2017 government
/// website guideline requires — 政府网站标识码, ICP备案号, 公网安备 number (linking to beian.gov.cn), the 党政机关
/// mark (linking to conac.cn) and 主办单位 — each reported found or missing with the text found. It informs
/// 归属主体权威明确: users should be able to tell an official platform from an imitation.
/// Setting <c>require_gov_cn</c> (default true; false only for test replicas on .localhost).
/// </summary>
public sealed class GovIdentityProbe : IIndicatorProbe
{
    public const string ProbeKey = "gov-identity";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("网站标识", "government identity"),
        SettingsSchema.Of<GovIdentitySettings>(),
        []) { ReadsEntryOnly = true };

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var requireGovCn = context.Settings.As<GovIdentitySettings>().RequireGovCn;
        // A login page's footer is as readable as any other: only a slider, WAF or challenge page stops the reading.
        var (opened, stop) = await PageTools.OpenEntryAsync(context, loginIsContent: true);
        if (stop is not null) return stop;
        var page = opened.Page;
        var view = await PageViewReader.ReadAsync(page, opened.Resources.Unloaded);
        var reading = GovIdentityRules.Read(new FooterInput(new Uri(page.Url).Host, view));
        var items = reading.Items;
        var (outcome, reason, detail) = GovIdentityRules.Judge(items, requireGovCn, reading.IcpNumbers);
        // A footer built by an external script that did not load leaves items absent: say which, do not guess.
        if (outcome != Outcome.Pass && view.UnloadedResources.Count > 0)
            detail += $"; did not load: {string.Join(", ", view.UnloadedResources.Take(3))}";
        // The footer is the decisive state: scroll there for the screenshot.
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        var shot = await context.ScreenshotAsync(page, "footer");
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail,
            Value = items.Count(i => i.Found && (requireGovCn || i.Name != "gov_cn_host")), Unit = $"of {items.Count(i => requireGovCn || i.Name != "gov_cn_host")}",
            Measurements = GovIdentityRules.Measurements(reading), Urls = opened.Urls,
            Evidence = shot is null ? [] : [shot],
        };
    }
}
