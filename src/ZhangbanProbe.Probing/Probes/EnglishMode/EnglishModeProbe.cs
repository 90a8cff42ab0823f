using ZhangbanProbe.Core.Catalogue;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.EnglishMode;

/// <summary>
/// <c>english-mode</c>: an English version is reachable from the entry page, and after switching the page is
/// really English (Latin share of the visible text, lang attribute), not a dead link or a Chinese shell. It
/// informs 多用户覆盖: foreign residents and visitors cannot use a platform they cannot read.
/// Finds links (English, EN, 英文, English Version ...), hreflang alternates, language selects and script
/// toggles; follows new tabs and other hosts. Manifest hints: <c>selector</c> (the switch), <c>url</c> (the English page).
/// </summary>
public sealed class EnglishModeProbe : IIndicatorProbe
{
    public const string ProbeKey = "english-mode";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("英文版", "English version"),
        SettingsSchema.Of<EnglishModeSettings>(),
        ["selector", "url"]);

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var minShare = context.Settings.As<EnglishModeSettings>().MinLatinShare;
        var (opened, stop) = await PageTools.OpenAsync(context);
        if (stop is not null) return stop;
        var (_, _, before) = await PageTools.LanguageAsync(opened.Page);

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
            Clickable? target;
            if (context.Hints.TryGetValue("selector", out var selector))
            {
                var idx = await opened.Page.EvaluateAsync<int>("([all, sel]) => { const t = document.querySelector(sel); return t ? Array.from(document.querySelectorAll(all)).indexOf(t) : -1; }", new[] { PageTools.ClickableSelector, selector });
                if (idx < 0)
                    return await PageTools.StopAsync(context, opened, Outcome.Error, Reason.HintStale, $"manifest hint selector '{selector}' matches nothing on the entry page: the portal changed; a maintainer must look");
                target = clickables[idx];
            }
            else
            {
                target = EnglishModeRules.FindSwitch(clickables);
                // Only hidden? The switch may sit in a collapsed phone menu: open it as a user would.
                if (target is null && await PageTools.FindOrRevealAsync(opened.Page, clickables, EnglishModeRules.LabelPatterns) is { } revealed)
                {
                    target = revealed.Target;
                    clickables = revealed.Clickables;
                }
            }

            if (target is null)
                return await PageTools.StopAsync(context, opened, Outcome.Fail, Reason.Missing,
                    "no English switch on the entry page (looked for English/EN/英文 links and buttons, hreflang alternates, language selects; 简体/繁體 are not English)"
                    + ClickableMatcher.HiddenNote(clickables, EnglishModeRules.LabelPatterns));
            how = $"switch {target}";
            (page, response) = await PageTools.ActivateAsync(opened, target, optionPattern: "^(English|EN|英文)$");
        }

        var urls = opened.Urls.Concat(page.Url == opened.Page.Url ? [] : PageReader.UrlChain(response, page.Url)).Distinct().ToList();
        var snapshot = await PageReader.SnapshotAsync(page, response);
        if (PageTools.TargetProblem(snapshot, response?.Status, $"the English page ({how})") is { } problem)
        {
            var shotProblem = await context.ScreenshotAsync(page, "english");
            return new ProbeObservation
            {
                Outcome = problem.Outcome, Reason = problem.Reason, Urls = urls, Detail = problem.Detail,
                Evidence = shotProblem is null ? [] : [shotProblem],
            };
        }

        var (lang, share, after) = await PageTools.LanguageAsync(page);
        var (outcome, reason, detail) = EnglishModeRules.Judge(lang, share, before, after, minShare);
        var shot = await context.ScreenshotAsync(page, "english");
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Value = Math.Round(share, 3), Unit = "latin-share",
            Detail = $"{detail}; via {how}; text: {PageReader.Excerpt(after, 160)}",
            Measurements = [new("latin_share", Math.Round(share, 3), "ratio"), new("lang_en", lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? 1 : 0, "bool")],
            Urls = urls,
            Evidence = shot is null ? [] : [shot],
        };
    }
}
