using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Pages;

/// <summary>What following one service entry found at its target.</summary>
public enum ServiceTarget
{
    /// <summary>A page with content of its own.</summary>
    Works,
    /// <summary>The service asks the user to sign in first: the entry works (personal services need an account).</summary>
    SignIn,
    /// <summary>404, 410 or 5xx: a dead link.</summary>
    Dead,
    /// <summary>A page with nothing of its own, or one that says it is not there yet (建设中, 敬请期待).</summary>
    EmptyShell,
    /// <summary>A wall (captcha, WAF) or a refusal, or the entry did nothing the probe could follow: not judged.</summary>
    NotChecked,
}

/// <summary>One kind's finding: the entry found (if any), where it led and what was there.</summary>
public sealed record ServiceFinding(string Name, string? Entry, ServiceTarget? Target, string Note = "");

/// <summary>
/// Pure parts of the service-entry probes (convenience-services, e-licence): is the page an entry led to a working
/// page or an empty shell, and the verdict over all kinds.
/// </summary>
public static class ServiceEntryRules
{
    /// <summary>Characters of text of its own (not shared with the entry page's header, menu and footer) a working page has at least.</summary>
    public const int MinOwnChars = 24;

    // How portals say a service is not there: under construction, coming soon, closed, moved.
    private static readonly Regex NotThere = new("(建设中|正在建设|敬请期待|即将上线|尚未开通|暂未开通|暂未开放|功能开发中|正在开发|暂停服务|服务已下线|系统升级|升级维护|页面已迁移|coming soon|under construction)", RegexOptions.IgnoreCase);

    /// <summary>The lines of a page's visible text that the entry page does not also show (its own content).</summary>
    public static string OwnText(string targetText, string entryText)
    {
        var shared = new HashSet<string>(Lines(entryText), StringComparer.Ordinal);
        return string.Join("\n", Lines(targetText).Where(l => !shared.Contains(l)));
    }

    /// <summary>
    /// The own text of a view opened in the same document: the lines the entry page lacked, and the lines of the elements
    /// the tap added that the shell which stayed does not show (a view may repeat a tile's words as its title and lists).
    /// </summary>
    public static string ViewText(string ownText, string addedText, IReadOnlyCollection<string> shellLines)
    {
        var shell = new HashSet<string>(shellLines.SelectMany(Lines), StringComparer.Ordinal);
        var lines = Lines(ownText).ToList();
        var known = new HashSet<string>(lines, StringComparer.Ordinal);
        foreach (var line in Lines(addedText))
            if (!shell.Contains(line) && known.Add(line)) lines.Add(line);
        return string.Join("\n", lines);
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => Regex.Replace(l, "\\s+", " ").Trim()).Where(l => l.Length > 0);

    /// <summary>Letters and digits, CJK or Latin: what a reader reads (not punctuation or spaces).</summary>
    public static int Readable(string text) => text.Count(char.IsLetterOrDigit);

    // A notice sending a web user to the app or a mini-program: the service may well work there; not judged here.
    private static readonly Regex AppOnly = new("(请(在|前往|下载|使用|打开)[^。\\n]{0,12}(APP|App|app|客户端|小程序|手机)|(APP|App|客户端|小程序|手机端|移动端)(中|内|上)?(办理|使用|查看)|扫(码|描二维码)(办理|使用|进入))");

    /// <summary>Judges a page an entry led to, from its own text (see <see cref="OwnText"/>).</summary>
    public static (ServiceTarget Target, string Note) JudgeTarget(string ownText)
    {
        var readable = Readable(ownText);
        if (readable < 120 && AppOnly.Match(ownText) is { Success: true } app)
            return (ServiceTarget.NotChecked, $"points to the app: '{app.Value}'");
        if (NotThere.Match(ownText) is { Success: true } m && readable < 150)
            return (ServiceTarget.EmptyShell, $"says '{m.Value}'");
        if (readable < MinOwnChars)
            return (ServiceTarget.EmptyShell, readable == 0 ? "nothing of its own (only the site's header and footer)" : $"only {readable} characters of its own: '{PageReader.Excerpt(ownText, 60)}'");
        return (ServiceTarget.Works, "");
    }

    /// <summary>
    /// A dead entry or an empty shell fails (dead-link, empty-page); at least <paramref name="minFound"/> kinds found and
    /// working (a sign-in page counts: personal services need an account) passes; none found fails missing; a wall in
    /// front of entries that would decide is blocked; too few kinds is partial.
    /// </summary>
    public static (Outcome, Reason, string) Judge(IReadOnlyList<ServiceFinding> findings, int minFound, Reason? wall)
    {
        string D(ServiceFinding f) => f.Entry is null ? $"{f.Name}: not found{f.Note}" : $"{f.Name}: {f.Entry} → {Word(f.Target)}{(f.Note.Length > 0 ? $" ({f.Note})" : "")}";
        var detail = string.Join("; ", findings.Select(D));
        var found = findings.Where(f => f.Entry is not null).ToList();
        var working = found.Count(f => f.Target is ServiceTarget.Works or ServiceTarget.SignIn);
        if (found.Any(f => f.Target == ServiceTarget.Dead)) return (Outcome.Fail, Reason.DeadLink, detail);
        if (found.Any(f => f.Target == ServiceTarget.EmptyShell)) return (Outcome.Fail, Reason.EmptyPage, detail);
        if (found.Count == 0) return (Outcome.Fail, Reason.Missing, detail);
        if (working >= minFound) return (Outcome.Pass, Reason.Ok, detail);
        // Enough entries are there, but some could not be followed: whether they work is not known.
        if (found.Count >= minFound) return wall is { } w ? (Outcome.Blocked, w, detail) : (Outcome.Error, Reason.Network, detail + "; not every entry could be followed");
        return (Outcome.Fail, Reason.Partial, detail);
    }

    private static string Word(ServiceTarget? t) => t switch
    {
        ServiceTarget.Works => "works",
        ServiceTarget.SignIn => "asks to sign in (works)",
        ServiceTarget.Dead => "dead",
        ServiceTarget.EmptyShell => "empty shell",
        _ => "not checked",
    };
}

/// <summary>
/// Shared by probes that check the entry page offers certain services and that each leads to a working page: the
/// entry is followed as a user would (its link opened, or the control clicked), and the page it leads to is judged by
/// what it shows of its own — not a dead link, not an empty shell.
/// </summary>
public static class ServiceEntries
{
    public static async Task<ProbeObservation> ProbeAsync(ProbeContext context, IReadOnlyList<EntryKind> kinds, int minFound, CancellationToken cancellationToken)
    {
        var (opened, stop) = await PageTools.OpenAsync(context);
        if (stop is not null) return stop;
        var entryText = opened.Snapshot.VisibleText;
        var clickables = await PageTools.ClickablesAsync(opened.Page);
        var findings = new List<ServiceFinding>();
        var urls = opened.Urls.ToList();
        var used = new HashSet<int>();
        Reason? wall = null;
        var evidence = new List<EvidenceItem>();
        foreach (var kind in kinds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // One control per kind: a 社保缴费 tile found for 社保 is not found again for 缴费 when another one exists.
            var control = ClickableMatcher.Find(clickables.Where(c => !used.Contains(c.Index)).ToList(), [kind.Label])
                          ?? ClickableMatcher.Find(clickables, [kind.Label]);
            // An entry folded into the phone menu is opened the way a user would.
            if (control is null && await PageTools.FindOrRevealAsync(opened.Page, clickables, [kind.Label]) is { } revealed)
                (control, clickables) = (revealed.Target, revealed.Clickables);
            if (control is null) { findings.Add(new(kind.Name, null, null, ClickableMatcher.HiddenNote(clickables, [kind.Label]))); continue; }
            used.Add(control.Index);
            var label = control.NavigatesByHref ? $"'{control.Labels.FirstOrDefault()}' {control.Href}" : $"'{control.Labels.FirstOrDefault()}' ({control.Tag})";
            if (control.NavigatesByHref && Uri.TryCreate(control.Href, UriKind.Absolute, out var href) && !await context.MayFetchAsync(href, cancellationToken))
            {
                findings.Add(new(kind.Name, label, ServiceTarget.NotChecked, "refused by the egress guard"));
                continue;
            }
            var (target, note, page, wallReason) = await FollowAsync(opened, control, entryText);
            wall ??= wallReason;
            findings.Add(new(kind.Name, label, target, note));
            if (page is null) continue;
            if (!ReferenceEquals(page, opened.Page))
            {
                urls.Add(page.Url);
                if (target is ServiceTarget.Dead or ServiceTarget.EmptyShell && await context.ScreenshotAsync(page, kind.Name) is { } shot) evidence.Add(shot);
                try { await page.CloseAsync(); } catch (PlaywrightException) { }
            }
            else if (!PageTools.SameUrl(page.Url, opened.Urls[^1]))
            {
                // A control that navigated the entry page away: back to the entry for the remaining kinds.
                urls.Add(page.Url);
                if (target is ServiceTarget.Dead or ServiceTarget.EmptyShell && await context.ScreenshotAsync(page, kind.Name) is { } shot) evidence.Add(shot);
                try
                {
                    await opened.Page.GotoAsync(opened.Urls[^1], new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                    await PageTools.SettleAsync(opened.Page);
                    clickables = await PageTools.ClickablesAsync(opened.Page);
                }
                catch (PlaywrightException) { break; }
            }
            else clickables = await PageTools.ClickablesAsync(opened.Page); // a script panel opened in place: indexes moved
        }
        var (outcome, reason, detail) = ServiceEntryRules.Judge(findings, minFound, wall);
        if (outcome == Outcome.Fail && reason == Reason.Missing) return await PageTools.StopAsync(context, opened, outcome, reason, detail);
        var entryShot = await context.ScreenshotAsync(opened.Page, "entry");
        var working = findings.Count(f => f.Target is ServiceTarget.Works or ServiceTarget.SignIn);
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail, Urls = urls.Distinct().ToList(),
            Value = working, Unit = $"of {findings.Count}",
            Measurements = findings.Select(f => new Measurement(f.Name, f.Target is ServiceTarget.Works or ServiceTarget.SignIn ? 1 : 0, "bool")).ToList(),
            Evidence = entryShot is null ? evidence : [entryShot, .. evidence],
        };
    }

    /// <summary>Follows one entry and judges where it led. The page returned is the one showing the target (may be the entry page itself).</summary>
    private static async Task<(ServiceTarget Target, string Note, IPage? Page, Reason? Wall)> FollowAsync(OpenedPage opened, Clickable control, string entryText)
    {
        IPage page;
        IResponse? response;
        var before = opened.Page.Url;
        if (!control.NavigatesByHref) await PageTools.MarkSeenAsync(opened.Page);
        try { (page, response) = await PageTools.ActivateAsync(opened, control); }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // The link's host did not answer, or the control could not be clicked: nothing is known of the target.
            return (ServiceTarget.NotChecked, $"could not be followed: {FirstLine(ex.Message)}", null, null);
        }
        var snapshot = await PageReader.SnapshotAsync(page, response);
        var status = response?.Status;
        if (PageTools.TargetProblem(snapshot, status, "the page") is { } problem)
        {
            if (problem.Reason == Reason.LoginWall) return (ServiceTarget.SignIn, "", page, null);
            if (problem.Reason == Reason.DeadLink) return (ServiceTarget.Dead, $"HTTP {status}", page, null);
            return (ServiceTarget.NotChecked, problem.Detail, page, problem.Reason);
        }
        if (ReferenceEquals(page, opened.Page) && PageTools.SameUrl(page.Url, before) && snapshot.VisibleText == entryText)
            return (ServiceTarget.NotChecked, "activating it changed nothing the probe could see", page, null);
        var own = ServiceEntryRules.OwnText(snapshot.VisibleText, entryText);
        // A view a tap opened in the same document (a single-page app's route, a panel): judged by what it added, the
        // shell that stayed (header, tab bar) taken away, not only by the lines the entry page lacked.
        if (ReferenceEquals(page, opened.Page) && await PageTools.AddedContentAsync(page) is { } added)
            own = ServiceEntryRules.ViewText(own, added.Added, added.Shell);
        var (target, note) = ServiceEntryRules.JudgeTarget(own);
        return (target, note, page, null);
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 160 ? line[..160] : line;
    }
}
