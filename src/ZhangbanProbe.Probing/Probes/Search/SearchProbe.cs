using ZhangbanProbe.Core.Catalogue;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.Search;

/// <summary>Pure reading of a search answer.</summary>
public static class SearchRules
{
    /// <summary>A control that opens the search (a magnifier icon, a 搜索 link) when no box is shown.</summary>
    public static readonly Regex[] OpenerLabels = [new("^\\s*(搜索|搜 索|站内搜索|全站搜索|搜一搜|检索|Search)\\s*$", RegexOptions.IgnoreCase), new("(搜索)")];

    private static readonly Regex NoResults = new("(未找到|没有找到|无相关|暂无|共找到\\s*0\\s*条|找到\\s*0\\s*条|共\\s*0\\s*条|检索到\\s*0\\s*条|搜索到\\s*0\\s*条|0\\s*条结果|0\\s*个结果|没有搜索到|未搜索到|未检索到|无搜索结果|无结果|查询结果为空|没有相关)");

    /// <summary>A "no results" answer in a dialog (<c>alert('未找到相关结果')</c>); a dialog never counts as results.</summary>
    public static (Outcome, Reason, string)? ReadDialog(string term, string dialogs) =>
        NoResults.Match(dialogs) is { Success: true } none ? (Outcome.Fail, Reason.NotFound, $"searching '{term}' answers '{none.Value}' in a dialog") : null;

    /// <summary>Results: the term appears more often than before; "no results" text: fail not-found; nothing new: null.</summary>
    public static (Outcome, Reason, string)? Read(string term, string textBefore, string textAfter)
    {
        if (NoResults.Match(textAfter) is { Success: true } none && !NoResults.IsMatch(textBefore))
            return (Outcome.Fail, Reason.NotFound, $"searching '{term}' answers '{none.Value}'");
        var before = Regex.Matches(textBefore, Regex.Escape(term)).Count;
        var after = Regex.Matches(textAfter, Regex.Escape(term)).Count;
        return after > before && textAfter != textBefore
            ? (Outcome.Pass, Reason.Ok, $"searching '{term}' finds results ('{term}' appears {after} times)")
            : null;
    }

    private static async Task<ProbeObservation> VerdictAsync(ProbeContext context, OpenedPage opened, IPage page, (Outcome, Reason, string) verdict, string text)
    {
        var shot = await context.ScreenshotAsync(page, "results");
        return new ProbeObservation
        {
            Outcome = verdict.Item1, Reason = verdict.Item2, Detail = $"{verdict.Item3}; page: {PageReader.Excerpt(text, 160)}",
            Urls = opened.Urls.Append(page.Url).Distinct().ToList(), Evidence = shot is null ? [] : [shot],
        };
    }
}

/// <summary>
/// <c>search</c>: the site search finds results for a high-frequency item (社保, 公积金, 身份证). It informs
/// 导引清晰有效: users who cannot find a service by search give up. Setting <c>term</c> (default 社保);
/// answer within <c>answer_budget</c> (8 s). Manifest hints: <c>input</c> (selector), or <c>steps</c>: a step script
/// that types <c>{term}</c> and submits (see <see cref="StepScript"/>).
/// </summary>
public sealed class SearchProbe : IIndicatorProbe
{
    public const string ProbeKey = "search";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("站内搜索", "site search"),
        SettingsSchema.Of<SearchSettings>(),
        ["input", "steps"]);

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings.As<SearchSettings>();
        var (term, budget) = (settings.Term, settings.AnswerBudget);
        var (opened, stop) = await PageTools.OpenAsync(context);
        if (stop is not null) return stop;
        if (context.Portal.Steps.TryGetValue(ProbeKey, out var steps))
        {
            // The manifest's step script types {term} and submits (a search behind a menu, an unlabeled box).
            var script = await StepScript.RunAsync(context, opened, steps, new Dictionary<string, string> { ["term"] = term }, cancellationToken);
            if (script.Stop is not null) return script.Stop;
            var scripted = opened with { Page = script.Page, Urls = script.Urls };
            return await AwaitAnswerAsync(context, scripted, term, script.TextBeforeLastAction, script.Reads, budget, cancellationToken);
        }

        var page = opened.Page;
        ILocator? input = null;
        if (context.Hints.TryGetValue("input", out var sel))
        {
            input = page.Locator(sel).First;
            if (await input.CountAsync() == 0)
                return await PageTools.StopAsync(context, opened, Outcome.Error, Reason.HintStale, $"manifest hint input '{sel}' matches nothing: the portal changed; a maintainer must look");
        }
        else
        {
            input = await PageTools.SearchBoxAsync(page);
            // A box folded into the phone header's menu (behind ☰ / 展开导航): open the menu as a user would.
            if (input is null && await PageTools.HasHiddenSearchBoxAsync(page)
                && await PageTools.RevealMenusAsync(page, async () => (input = await PageTools.SearchBoxAsync(page)) is not null) is not null)
                opened = opened with { Urls = opened.Urls.Append(page.Url).Distinct().ToList() };
            if (input is null)
            {
                // Phones often show only a magnifier: open it (a toggle, or a link to the search page) and look again.
                var toggle = ClickableMatcher.Find(await PageTools.ClickablesAsync(page), SearchRules.OpenerLabels);
                if (toggle is not null)
                {
                    (page, _) = await PageTools.ActivateAsync(opened, toggle);
                    opened = opened with { Page = page, Urls = opened.Urls.Append(page.Url).Distinct().ToList() };
                    input = await PageTools.SearchBoxAsync(page);
                }
                else if (await PageTools.ClickTextAsync(page, SearchRules.OpenerLabels[0]))
                {
                    // A 搜索 icon written as a div with a script listener.
                    opened = opened with { Urls = opened.Urls.Append(page.Url).Distinct().ToList() };
                    input = await PageTools.SearchBoxAsync(page);
                }
            }
        }
        if (input is null) return await PageTools.StopAsync(context, opened, Outcome.Fail, Reason.Missing, "no site search box on the entry page");

        var before = await page.InnerTextAsync("body");
        await input.FillAsync(term);
        await input.PressAsync("Enter", new LocatorPressOptions { NoWaitAfter = true });
        var answer = await AwaitAnswerAsync(context, opened, term, before, [], budget, cancellationToken);
        if (answer.Reason != Reason.NoAnswer || context.Hints.ContainsKey("input")) return answer;
        // Enter gave nothing (a form without an action reloads the same page): the visible 搜索 button is what a user
        // presses next. Only when it also gives nothing is the search without an answer.
        if (await PageTools.SearchButtonAsync(page) is not { } pair) return answer;
        try
        {
            await pair.Input.FillAsync(term);
            await pair.Button.ClickAsync(new LocatorClickOptions { Timeout = 5000, NoWaitAfter = true });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException) { return answer; }
        var again = await AwaitAnswerAsync(context, opened, term, before, [], budget / 2, cancellationToken);
        return again.Reason == Reason.NoAnswer
            ? again with { Detail = $"searching '{term}' with Enter and with the 搜索 button shows nothing new within {budget.TotalSeconds + budget.TotalSeconds / 2:0} s" }
            : again;
    }

    /// <summary>Waits for results (or a "no results" answer) on the page, or in a new tab it opened, within the budget.</summary>
    private static async Task<ProbeObservation> AwaitAnswerAsync(ProbeContext context, OpenedPage opened, string term, string before,
        IReadOnlyList<string> reads, TimeSpan budget, CancellationToken cancellationToken)
    {
        var page = opened.Page;
        if (reads.Count > 0 && SearchRules.Read(term, "", string.Join("\n", reads)) is { } read)
            return await VerdictAsync(context, opened, page, read, string.Join(" | ", reads));
        // A results tab this page opened (not just the newest tab of the context) is where the answer shows.
        IPage? popup = opened.Context.Pages.LastOrDefault(p => p != page && !p.IsClosed && p.Url != "about:blank");
        page.Popup += (_, p) => popup ??= p;
        var dialogsBefore = context.Dialogs.Count;
        var deadline = context.Time.GetUtcNow() + budget;
        while (context.Time.GetUtcNow() < deadline)
        {
            await Task.Delay(250, cancellationToken);
            var current = popup ?? page;
            var dialogs = string.Join("\n", context.DialogMessagesSince(dialogsBefore));
            if (dialogs.Length > 0 && SearchRules.ReadDialog(term, dialogs) is { } inDialog)
                return await VerdictAsync(context, opened, current, inDialog, $"dialog: {dialogs}");
            string after;
            try { after = await current.InnerTextAsync("body", new PageInnerTextOptions { Timeout = 1000 }); }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException) { continue; }
            if (SearchRules.Read(term, before, after) is { } verdict)
                return await VerdictAsync(context, opened, current, verdict, after);
        }
        var shown = string.Join(" | ", context.DialogMessagesSince(dialogsBefore));
        return await PageTools.StopAsync(context, opened, Outcome.Fail, Reason.NoAnswer,
            $"searching '{term}' shows nothing new within {budget.TotalSeconds:0} s" + (shown.Length > 0 ? $"; dialogs: {shown}" : ""));
    }

    private static async Task<ProbeObservation> VerdictAsync(ProbeContext context, OpenedPage opened, IPage page, (Outcome, Reason, string) verdict, string text)
    {
        var shot = await context.ScreenshotAsync(page, "results");
        return new ProbeObservation
        {
            Outcome = verdict.Item1, Reason = verdict.Item2, Detail = $"{verdict.Item3}; page: {PageReader.Excerpt(text, 160)}",
            Urls = opened.Urls.Append(page.Url).Distinct().ToList(), Evidence = shot is null ? [] : [shot],
        };
    }
}
