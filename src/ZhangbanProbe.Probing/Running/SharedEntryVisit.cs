using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Pages;

namespace ZhangbanProbe.Probing.Running;

/// <summary>
/// Gather once, audit many: one load of a portal's entry page, read in turn by the probes that only read it
/// (<see cref="ZhangbanProbe.Core.Catalogue.ProbeDeclaration.ReadsEntryOnly"/>) and that the runner runs one after
/// another. Each reader still judges the arrival and the page itself and keeps its own outcome, reason and evidence.
/// A reader that ends in an error spends the visit: its retry and the readers after it load the entry afresh, as
/// they would without sharing; so does a page that moved on by itself since it was loaded.
/// </summary>
public sealed class SharedEntryVisit(ProbeContext owner) : IAsyncDisposable
{
    private Task<OpenedPage>? _load;

    /// <summary>No reader may use it any more (a reader's error, a page that navigated away).</summary>
    public bool Spent { get; private set; }

    /// <summary>Whether the entry was loaded (its refused requests and upstream failures belong to every reader).</summary>
    public bool Loaded => _load is not null;

    /// <summary>The loaded entry (loading it on first use); null when spent or when the page is no longer the one loaded.</summary>
    public async Task<OpenedPage?> OpenAsync()
    {
        if (Spent) return null;
        var opened = await (_load ??= PageTools.LoadAsync(owner));
        if (opened.Page.IsClosed || !PageTools.SameUrl(opened.Page.Url, opened.Urls[^1]))
        {
            Spent = true;
            return null;
        }
        return opened;
    }

    public void Spend() => Spent = true;

    public IReadOnlyList<string> EgressRefused => owner.EgressRefused;

    public int PopupsRefused => owner.PopupsRefused;

    public (string Host, Reason Reason)? UpstreamFailureIn(string? message) => owner.UpstreamFailureIn(message);

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
