using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Pages;

/// <summary>Where a step script ended: the page reached, the URLs passed, the texts read; or why it stopped.</summary>
/// <param name="TextBeforeLastAction">The page text just before the last click, submit or press (what the answer is compared with).</param>
public sealed record StepScriptResult(IPage Page, IReadOnlyList<string> Urls, IReadOnlyList<string> Reads, ProbeObservation? Stop, string TextBeforeLastAction);

/// <summary>
/// Runs a manifest step script (open, click, fill, press, select, submit, wait, read) with Playwright locators.
/// A locator that finds nothing means the portal changed under the hint: <c>hint-stale</c> (error), naming the step
/// and its manifest line, never a portal failure. A wall met on the way is <c>blocked</c>, never bypassed. An HTTP
/// error on the way is the portal's answer (404 on an <c>open</c> is the hint's: hint-stale). A <c>wait</c> that runs
/// out is noted, not fatal: the probe judges the page it ends on (a query that never answers is the portal's silence).
/// </summary>
public static class StepScript
{
    /// <summary>Default bound on finding one step's element.</summary>
    public static readonly TimeSpan DefaultStepTimeout = TimeSpan.FromSeconds(5);

    public static async Task<StepScriptResult> RunAsync(ProbeContext context, OpenedPage opened, IReadOnlyList<ScriptStep> steps,
        IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        var page = opened.Page;
        var urls = opened.Urls.ToList();
        var reads = new List<string>();
        ILocator? lastFilled = null;
        var textBefore = "";

        StepScriptResult Done(ProbeObservation? stop = null) => new(page, urls.Distinct().ToList(), reads, stop, textBefore);
        async Task<StepScriptResult> Stop(Outcome outcome, Reason reason, string detail) =>
            Done(await PageTools.StopAsync(context, opened with { Page = page, Urls = urls.Distinct().ToList() }, outcome, reason, detail));

        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var timeout = (float)(step.Timeout ?? DefaultStepTimeout).TotalMilliseconds;
            IResponse? response = null;
            if (step.Action is StepAction.Click or StepAction.Submit or StepAction.Press)
            {
                try { textBefore = await page.InnerTextAsync("body", new PageInnerTextOptions { Timeout = 2000 }); }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException) { textBefore = ""; }
            }
            if (step.Action == StepAction.Open)
            {
                var target = new Uri(new Uri(page.Url.StartsWith("http", StringComparison.Ordinal) ? page.Url : context.Portal.EntryUrl.ToString()), step.Value!);
                response = await page.GotoAsync(target.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                if (response is { Status: 404 or 410 })
                    return await Stop(Outcome.Error, Reason.HintStale, $"{step.Describe()}: {target} answers HTTP {response.Status}; the portal moved the page, a maintainer must look");
            }
            else if (step.Action == StepAction.Wait)
            {
                try
                {
                    if (step.Target is not null) await Locate(page, step.Target).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = timeout });
                    else await page.WaitForURLAsync(step.Value!, new PageWaitForURLOptions { Timeout = timeout, WaitUntil = WaitUntilState.Commit });
                }
                catch (TimeoutException) { context.Logger.LogInformation("{Step}: not seen within {Seconds} s; the probe judges the page as it is", step.Describe(), timeout / 1000); }
            }
            else if (step.Action == StepAction.Submit && step.Target is null)
            {
                // The parser guarantees a fill came first.
                response = await WithNavigationAsync(page, () => lastFilled!.PressAsync("Enter", new LocatorPressOptions { NoWaitAfter = true }));
            }
            else
            {
                var locator = Locate(page, step.Target!);
                try { await locator.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = timeout }); }
                catch (TimeoutException)
                {
                    return await Stop(Outcome.Error, Reason.HintStale, $"{step.Describe()}: {step.Target} matches nothing on {page.Url}; the portal changed, a maintainer must look");
                }
                switch (step.Action)
                {
                    case StepAction.Click or StepAction.Submit:
                        var pagesBefore = page.Context.Pages.Count;
                        response = await WithNavigationAsync(page, () => locator.ClickAsync(new LocatorClickOptions { Timeout = timeout, NoWaitAfter = true }));
                        if (page.Context.Pages.Count > pagesBefore) page = page.Context.Pages[^1]; // opened a new tab
                        break;
                    case StepAction.Fill:
                        await locator.FillAsync(step.ValueWith(variables) ?? "", new LocatorFillOptions { Timeout = timeout });
                        lastFilled = locator;
                        break;
                    case StepAction.Press:
                        response = await WithNavigationAsync(page, () => locator.PressAsync(step.Value ?? "Enter", new LocatorPressOptions { Timeout = timeout, NoWaitAfter = true }));
                        break;
                    case StepAction.Select:
                        await locator.SelectOptionAsync(step.ValueWith(variables) ?? "", new LocatorSelectOptionOptions { Timeout = timeout });
                        break;
                    case StepAction.Read:
                        reads.Add((await locator.InnerTextAsync(new LocatorInnerTextOptions { Timeout = timeout })).Trim());
                        break;
                }
            }
            await PageTools.SettleAsync(page);
            urls.Add(page.Url);

            // After every step that may have moved: walls block, HTTP errors are the portal's answer.
            if (step.Action is StepAction.Open or StepAction.Click or StepAction.Submit or StepAction.Press)
            {
                var snapshot = await PageReader.SnapshotAsync(page, response);
                if (PageTools.Obstacle(snapshot, response?.Status, $"after {step.Describe()}") is { } obstacle)
                    return await Stop(obstacle.Outcome, obstacle.Reason, obstacle.Detail);
            }
        }
        return Done();
    }

    /// <summary>Runs an action that may navigate, and returns the main-frame document response if it did (within 2 s).</summary>
    private static async Task<IResponse?> WithNavigationAsync(IPage page, Func<Task> action)
    {
        IResponse? document = null;
        void OnResponse(object? _, IResponse r) { if (r.Request.IsNavigationRequest && r.Frame == page.MainFrame) document = r; }
        page.Response += OnResponse;
        try
        {
            await action();
            try { await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 2000 }); } catch (TimeoutException) { }
            return document;
        }
        finally { page.Response -= OnResponse; }
    }

    public static ILocator Locate(IPage page, StepLocator target)
    {
        ILocator locator = target switch
        {
            { Selector: { } s } => page.Locator(s),
            // Playwright's role selector engine: the same as getByRole, for every ARIA role name.
            { Role: { } role } => page.Locator(target.Name is null ? $"role={role}" : $"role={role}[name=\"{target.Name.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"]"),
            { Text: { } t } => page.GetByText(t),
            { Label: { } l } => page.GetByLabel(l),
            _ => page.GetByPlaceholder(target.Placeholder!),
        };
        return locator.First;
    }
}
