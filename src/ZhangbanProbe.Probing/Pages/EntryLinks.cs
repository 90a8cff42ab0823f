using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Pages;

/// <summary>A kind of entry a user looks for on the home page (e.g. 好差评), with the labels that name it.</summary>
public sealed record EntryKind(string Name, Regex Label);

/// <summary>One kind's finding: the link found (if any) and whether it works.</summary>
public sealed record EntryFinding(string Name, string? Link, int? Status, string Note = "");

/// <summary>Shared by probes that check the entry page offers certain entries and that they work.</summary>
public static class EntryLinks
{
    /// <summary>All kinds found and working: pass; none found: fail missing; any found but broken: fail dead-link.</summary>
    public static (Outcome, Reason, string) Judge(IReadOnlyList<EntryFinding> findings, int minFound)
    {
        string D(EntryFinding f) => f.Link is null ? $"{f.Name}: not found{f.Note}" : f.Status is >= 400 ? $"{f.Name}: {f.Link} answers HTTP {f.Status}" : $"{f.Name}: {f.Link}";
        var detail = string.Join("; ", findings.Select(D));
        var found = findings.Where(f => f.Link is not null).ToList();
        if (found.Any(f => f.Status is >= 400)) return (Outcome.Fail, Reason.DeadLink, detail);
        if (found.Count == 0) return (Outcome.Fail, Reason.Missing, detail);
        return found.Count >= minFound ? (Outcome.Pass, Reason.Ok, detail) : (Outcome.Fail, Reason.Partial, detail);
    }

    /// <param name="picturesOffer">A picture captioned with the kind's label (a QR code with 扫码下载APP) counts as offering
    /// it: the channels a visitor is shown, link or not.</param>
    public static async Task<ProbeObservation> ProbeAsync(ProbeContext context, IReadOnlyList<EntryKind> kinds, int minFound, bool picturesOffer = false)
    {
        var (opened, stop) = await PageTools.OpenEntryAsync(context);
        if (stop is not null) return stop;
        var clickables = await PageTools.ClickablesAsync(opened.Page);
        IReadOnlyList<PictureOffer>? pictures = null;
        var findings = new List<EntryFinding>();
        foreach (var kind in kinds)
        {
            var link = ClickableMatcher.Find(clickables, [kind.Label]);
            if (link is null && picturesOffer && PictureOffers.Find(pictures ??= await PictureOffers.ReadAsync(opened.Page), kind.Label) is { } picture)
            {
                findings.Add(new(kind.Name, $"a picture captioned '{picture.Caption}' ({picture.Source}), not a link", null));
                continue;
            }
            if (link is null) { findings.Add(new(kind.Name, null, null, ClickableMatcher.HiddenNote(clickables, [kind.Label]))); continue; }
            // Same-origin links are checked; others are listed unchecked.
            var status = link.NavigatesByHref ? await PageTools.SameOriginStatusAsync(opened.Page, link.Href) : null;
            // A refusal (403, 429, 503) is a wall turning scripted requests away: the link is listed, not judged.
            var note = status is >= 400 && !FailureClassifier.IsDeadLinkStatus(status.Value) ? $" (HTTP {status}: refused, not checked)" : "";
            if (note.Length > 0) status = null;
            findings.Add(new(kind.Name, (link.NavigatesByHref ? link.Href : $"'{link.Text}' ({link.Tag})") + note, status));
        }
        var (outcome, reason, detail) = Judge(findings, minFound);
        var shot = await context.ScreenshotAsync(opened.Page, "entry");
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail, Urls = opened.Urls,
            Value = findings.Count(f => f.Link is not null && f.Status is not >= 400), Unit = $"of {findings.Count}",
            Measurements = findings.Select(f => new Measurement(f.Name, f.Link is not null && f.Status is not >= 400 ? 1 : 0, "bool")).ToList(),
            Evidence = shot is null ? [] : [shot],
        };
    }
}
