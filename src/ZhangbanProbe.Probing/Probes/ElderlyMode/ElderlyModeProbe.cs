using ZhangbanProbe.Core.Catalogue;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.ElderlyMode;

/// <summary>Pure rules of the elderly-mode probe.</summary>
public static class ElderlyModeRules
{
    public static readonly Regex[] LabelPatterns =
    [
        new("^(长辈版|关怀版|适老化|适老版|老年模式|老年版|长者模式|关爱版|大字版|长辈模式|关怀模式|长者版|长者专版|长者专区|长者助手|适老化无障碍服务|适老模式|老人版|敬老版|银发专区|大字模式|关爱模式)$"),
        new("(长辈版|关怀版|适老化|适老版|老年模式|老年版|长者模式|长者版|长者专版|长者专区|长者助手|关爱版|大字版|长辈模式|关怀模式|适老模式|老人版|敬老版|大字模式|关爱模式)"),
    ];

    /// <summary>Larger by at least <paramref name="minRatio"/>, and still larger after a reload (the mode sticks).</summary>
    public static (Outcome, Reason, string) Judge(double before, double after, double afterReload, double minRatio)
    {
        var ratio = before > 0 ? after / before : 0;
        var text = $"median text size {before:0.#} px → {after:0.#} px ({ratio:0.00}×), after reload {afterReload:0.#} px";
        if (ratio < minRatio) return (Outcome.Fail, Reason.NoEffect, $"the elderly mode does not enlarge the text: {text}");
        if (before <= 0 || afterReload / before < minRatio) return (Outcome.Fail, Reason.Partial, $"larger text, but the mode does not stick after a reload: {text}");
        return (Outcome.Pass, Reason.Ok, text);
    }
}

/// <summary>
/// <c>elderly-mode</c>: a 长辈版/关怀版/适老化 switch on the entry page; after switching the text is measurably
/// larger (median computed font size) and the mode sticks (still larger after a reload). It informs 多用户覆盖:
/// the MIIT 2021 elder-friendly rules ask for a prominent entry and adjustable text size.
/// Manifest hints: <c>selector</c>, <c>url</c>.
/// </summary>
public sealed class ElderlyModeProbe : IIndicatorProbe
{
    public const string ProbeKey = "elderly-mode";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("长辈版（适老化）", "elderly mode"),
        SettingsSchema.Of<ElderlyModeSettings>(),
        ["selector", "url"]);

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var minRatio = context.Settings.As<ElderlyModeSettings>().MinRatio;
        var (opened, stop) = await PageTools.OpenAsync(context);
        if (stop is not null) return stop;
        var before = await PageTools.TextSizeAsync(opened.Page);

        IPage page;
        IResponse? response;
        string how;
        if (await PageTools.OpenHintUrlAsync(context, opened) is { } hinted)
        {
            (page, response, how) = hinted;
        }
        else
        {
            var clickables = await PageTools.ClickablesAsync(opened.Page);
            var found = await PageTools.FindOrRevealAsync(opened.Page, clickables, ElderlyModeRules.LabelPatterns);
            var target = found?.Target;
            if (target is null)
                return await PageTools.StopAsync(context, opened, Outcome.Fail, Reason.Missing,
                    "no 长辈版/关怀版/长者版/适老化/老年模式 switch on the entry page (无障碍 alone is an accessibility toolbar, not an elderly mode)"
                    + ClickableMatcher.HiddenNote(clickables, ElderlyModeRules.LabelPatterns));
            how = $"switch {target}{found!.Value.How}";
            (page, response) = await PageTools.ActivateAsync(opened, target);
        }
        var urls = opened.Urls.Append(page.Url).Distinct().ToList();
        if (PageTools.TargetProblem(await PageReader.SnapshotAsync(page, response), response?.Status, $"the elderly page ({how})") is { } problem)
            return await PageTools.StopAsync(context, opened with { Page = page }, problem.Outcome, problem.Reason, problem.Detail);

        var after = await PageTools.TextSizeAsync(page);
        var shot = await context.ScreenshotAsync(page, "elderly");
        await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Load });
        await PageTools.SettleAsync(page);
        var afterReload = await PageTools.TextSizeAsync(page);
        var (outcome, reason, detail) = ElderlyModeRules.Judge(before, after, afterReload, minRatio);
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Value = before > 0 ? Math.Round(after / before, 2) : null, Unit = "ratio",
            Detail = $"{detail}; via {how}",
            Measurements = [new("text_px_before", before, "px"), new("text_px_after", after, "px"), new("text_px_after_reload", afterReload, "px")],
            Urls = urls,
            Evidence = shot is null ? [] : [shot],
        };
    }
}
