using ZhangbanProbe.Core.Catalogue;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.ProgressQuery;

/// <summary>
/// <c>progress-query</c>: the 办件查询/进度查询 page is reachable from the entry, accepts a case number and
/// answers with a status or a clear "not found" (查无此件 is a pass: the service works) within its budget.
/// It informs 服务办理进度可查询 and 政务服务全流程办成. An error page or a script error is a fail; a query that
/// never answers is a fail (no-answer: the page was reachable, the service did not respond); a captcha or login
/// wall in the way is blocked. Manifest hints: <c>url</c> (the query page), <c>input</c>, <c>submit</c>
/// (selectors), <c>case_number</c> (a real case number; otherwise a syntactically valid dummy), or <c>steps</c>: a
/// step script that reaches the page, fills <c>{case_number}</c> and submits (see <see cref="StepScript"/>).
/// </summary>
public sealed class ProgressQueryProbe : IIndicatorProbe
{
    public const string ProbeKey = "progress-query";
    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("办件进度查询", "progress query"),
        SettingsSchema.Of<ProgressQuerySettings>(),
        ["url", "input", "submit", "case_number", "steps"]);

    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var budget = context.Settings.As<ProgressQuerySettings>().AnswerBudget;
        var (opened, stop) = await PageTools.OpenAsync(context);
        if (stop is not null) return stop;

        var caseNumber = context.Hints.TryGetValue("case_number", out var known) ? known : ProgressQueryRules.DummyCaseNumber(context.Time.GetUtcNow().UtcDateTime);
        var scriptErrors = new List<string>();
        IResponse? answerResponse = null;
        IPage page;
        List<string> urls;
        OpenedPage queryPage;
        string textBefore;

        var dialogsBefore = context.Dialogs.Count; // dialogs raised after this are the query's answer too
        if (context.Portal.Steps.TryGetValue(ProbeKey, out var steps))
        {
            // The manifest's step script reaches the page, fills the case number and submits it.
            opened.Page.PageError += (_, e) => scriptErrors.Add(e);
            var script = await StepScript.RunAsync(context, opened, steps, new Dictionary<string, string> { ["case_number"] = caseNumber }, cancellationToken);
            if (script.Stop is not null) return script.Stop;
            (page, urls, textBefore) = (script.Page, script.Urls.ToList(), script.TextBeforeLastAction);
            queryPage = opened with { Page = page, Urls = urls };
            if (script.Reads.Count > 0 && ProgressQueryRules.ReadAnswer(string.Join("\n", script.Reads), "") is { } read)
                return await AnswerAsync(context, page, urls, read, caseNumber, string.Join(" | ", script.Reads));
        }
        else
        {
            // 1. Reach the query page.
            IResponse? response;
            if (await PageTools.OpenHintUrlAsync(context, opened) is { } hinted)
            {
                (page, response, _) = hinted;
            }
            else
            {
                // An entry folded into the phone menu is opened the way a user would (PageTools.FindOrRevealAsync).
                var clickables = await PageTools.ClickablesAsync(opened.Page);
                if (await PageTools.FindOrRevealAsync(opened.Page, clickables, ProgressQueryRules.LabelPatterns) is not { } found)
                    return await PageTools.StopAsync(context, opened, Outcome.Fail, Reason.Missing,
                        "no 办件查询/进度查询 entry on the entry page" + ClickableMatcher.HiddenNote(clickables, ProgressQueryRules.LabelPatterns));
                (page, response) = await PageTools.ActivateAsync(opened, found.Target);
            }
            await PageTools.SettleAsync(page);
            urls = opened.Urls.Concat(PageReader.UrlChain(response, page.Url)).Append(page.Url).Distinct().ToList();
            queryPage = opened with { Page = page, Urls = urls };
            var snapshot = await PageReader.SnapshotAsync(page, response);
            if (PageTools.Obstacle(snapshot, response?.Status, "the progress query page") is { } obstacle)
                return await PageTools.StopAsync(context, queryPage, obstacle.Outcome, obstacle.Reason, obstacle.Detail);

            // 2. Find the case-number field and fill it.
            var input = await FindInputAsync(page, context.Hints);
            if (input is null)
                return context.Hints.ContainsKey("input")
                    ? await PageTools.StopAsync(context, queryPage, Outcome.Error, Reason.HintStale, $"manifest hint input '{context.Hints["input"]}' matches nothing: the portal changed; a maintainer must look")
                    : await PageTools.StopAsync(context, queryPage, Outcome.Fail, Reason.Missing, "the progress query page has no field for a case number");
            textBefore = await page.InnerTextAsync("body");
            page.PageError += (_, e) => scriptErrors.Add(e);
            page.Response += (_, r) => { if (r.Request.IsNavigationRequest && r.Frame == page.MainFrame) answerResponse = r; };

            await input.FillAsync(caseNumber);
            var submit = context.Hints.TryGetValue("submit", out var submitSelector)
                ? page.Locator(submitSelector).First
                : page.Locator("button, input[type=submit], input[type=button], a").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*(查询|搜索|提交|确定|查 询)\\s*$") }).First;
            try
            {
                if (await submit.CountAsync() > 0) await submit.ClickAsync(new LocatorClickOptions { Timeout = 5000, NoWaitAfter = true });
                else await input.PressAsync("Enter", new LocatorPressOptions { NoWaitAfter = true });
            }
            catch (TimeoutException) { await input.PressAsync("Enter", new LocatorPressOptions { NoWaitAfter = true }); }
        }

        // 3. Wait for an answer within the budget.
        var deadline = context.Time.GetUtcNow() + budget;
        while (context.Time.GetUtcNow() < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Delay(250, cancellationToken);
            if (answerResponse is { Status: >= 400 } failed && FailureClassifier.ClassifyStatus(failed.Status) is { } f)
                return await PageTools.StopAsync(context, queryPage with { Urls = urls.Append(failed.Url).Distinct().ToList() }, Outcome.Fail, f.Reason,
                    $"the query for case {caseNumber} answered {f.Message}: {PageReader.Excerpt(await SafeText(page), 200)}");
            // A dialog (window.alert('没有查询到该办件信息')) is an answer as much as text on the page.
            var dialogs = DialogText(context, dialogsBefore);
            if (dialogs.Length > 0 && ProgressQueryRules.ReadAnswer(dialogs, "") is { } inDialog)
                return await AnswerAsync(context, page, urls, inDialog with { Detail = $"{inDialog.Detail} in a dialog" }, caseNumber, $"dialog: {dialogs}");
            var text = await SafeText(page);
            if (text is null) continue; // navigating
            var after = await PageReader.SnapshotAsync(page, answerResponse);
            if (BlockDetector.Detect(after) is { } wall2)
                return await PageTools.StopAsync(context, queryPage, Outcome.Blocked, wall2.Reason, $"submitting the query meets {wall2.Reason.ToCode()} ('{wall2.Evidence}'); not bypassed");
            if (ProgressQueryRules.ReadAnswer(text, textBefore) is { } answer)
                return await AnswerAsync(context, page, urls, answer, caseNumber, text);
        }
        var finalText = await SafeText(page) ?? "";
        return scriptErrors.Count > 0
            ? await PageTools.StopAsync(context, queryPage, Outcome.Fail, Reason.ScriptError, $"the query for case {caseNumber} raised a script error and showed no answer: {scriptErrors[0]}")
            : await PageTools.StopAsync(context, queryPage, Outcome.Fail, Reason.NoAnswer, $"no answer within {budget.TotalSeconds:0} s for case {caseNumber}; page: {PageReader.Excerpt(finalText, 200)}" +
                (DialogText(context, dialogsBefore) is { Length: > 0 } shown ? $"; dialogs: {PageReader.Excerpt(shown, 200)}" : ""));
    }

    private static async Task<ProbeObservation> AnswerAsync(ProbeContext context, IPage page, List<string> urls,
        (Outcome Outcome, Reason Reason, string Detail) answer, string caseNumber, string text)
    {
        var shot = await context.ScreenshotAsync(page, "answer");
        return new ProbeObservation
        {
            Outcome = answer.Outcome, Reason = answer.Reason, Detail = $"{answer.Detail}; case number {caseNumber}; page: {PageReader.Excerpt(text, 200)}",
            Urls = urls.Append(page.Url).Distinct().ToList(), Evidence = shot is null ? [] : [shot],
        };
    }

    private static string DialogText(ProbeContext context, int skip) => string.Join("\n", context.DialogMessagesSince(skip));

    private static async Task<string?> SafeText(IPage page)
    {
        try { return await page.InnerTextAsync("body", new PageInnerTextOptions { Timeout = 1000 }); }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException) { return null; } // mid-navigation or busy
    }

    private static async Task<ILocator?> FindInputAsync(IPage page, IReadOnlyDictionary<string, string> hints)
    {
        if (hints.TryGetValue("input", out var selector))
        {
            var hinted = page.Locator(selector).First;
            return await hinted.CountAsync() > 0 ? hinted : null;
        }
        var inputs = page.Locator("input[type=text], input[type=search], input:not([type])");
        var count = await inputs.CountAsync();
        ILocator? onlyVisible = null;
        var visible = 0;
        for (var i = 0; i < count; i++)
        {
            var input = inputs.Nth(i);
            if (!await input.IsVisibleAsync()) continue;
            visible++;
            onlyVisible = input;
            var label = string.Join(" ", await input.GetAttributeAsync("placeholder") ?? "", await input.GetAttributeAsync("name") ?? "",
                await input.GetAttributeAsync("id") ?? "", await input.GetAttributeAsync("aria-label") ?? "");
            var id = await input.GetAttributeAsync("id");
            if (id is not null && await page.Locator($"label[for='{id}']").CountAsync() > 0)
                label += " " + await page.Locator($"label[for='{id}']").First.InnerTextAsync();
            if (ProgressQueryRules.LooksLikeCaseInput(label)) return input;
        }
        return visible == 1 ? onlyVisible : null;
    }
}
