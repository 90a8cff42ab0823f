using System.Net.Http;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Probing.Probes.AppRating;

/// <summary>
/// <c>app-rating</c> (爱用 · 用户评价良好): the platform app's average rating and rating count from the App Store's public
/// lookup (<c>https://itunes.apple.com/lookup?id=…&amp;country=cn</c>), for the app the manifest names
/// (<c>access_channels.app.ios_app_store_id</c>). The rating is users' own verdict; the probe only reads it. No id in
/// the manifest is <c>error not-configured</c> (never guessed); a store that cannot be reached is <c>error</c>; an id the
/// store does not know is <c>error hint-stale</c> (the manifest must be fixed) — never a portal failure.
/// Settings: <c>min_rating</c> (4.0), <c>min_count</c> (20). The store's address is <c>AppStore:LookupUrl</c>; a
/// portal's hint <c>lookup_url</c> wins for that portal (the replicas point it at the replica store).
/// </summary>
public sealed class AppRatingProbe(Microsoft.Extensions.Options.IOptions<AppStoreOptions> store) : IIndicatorProbe
{
    public const string ProbeKey = "app-rating";

    public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("应用商店评价", "app store rating"),
        SettingsSchema.Of<AppRatingSettings>(),
        ["lookup_url"]);


    public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var id = context.Portal.AccessChannels.App?.IosAppStoreId;
        if (id is null)
            return ProbeObservation.Of(Outcome.Error, Reason.NotConfigured, "no access_channels.app.ios_app_store_id in the manifest: the app's store rating is not read (no id is guessed)");
        var lookup = new Uri($"{context.Hints.GetValueOrDefault("lookup_url") ?? store.Value.LookupUrl}?id={Uri.EscapeDataString(id)}&country={store.Value.Country}");
        if (!await context.MayFetchAsync(lookup, cancellationToken))
            return ProbeObservation.Of(Outcome.Error, Reason.EgressRefused, $"the lookup address {lookup.Host} is refused by the egress guard") with { Urls = [lookup.ToString()] };

        // A client of the probe's own: it connects to the addresses the guard checked (one resolution per probe).
        using var http = DirectNetwork.CheckedClient(TimeSpan.FromMinutes(2), "ZhangbanProbe/1.0 (research of the Fudan Digital and Mobile Governance Lab)", context.Network);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(context.BrowserOptions.NavigationTimeout);
        using var response = await http.GetAsync(lookup, timeout.Token);
        if (!response.IsSuccessStatusCode)
            return ProbeObservation.Of(Outcome.Error, Reason.Network, $"the App Store lookup answered HTTP {(int)response.StatusCode}: the rating could not be read") with { Urls = [lookup.ToString()] };
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        if (body.Length > 1_000_000) body = body[..1_000_000];
        var listing = AppRatingRules.Read(body);
        if (listing is null)
            return ProbeObservation.Of(Outcome.Error, Reason.HintStale, $"the App Store knows no app {id} in China: the manifest's id must be checked") with { Urls = [lookup.ToString()] };
        var settings = context.Settings.As<AppRatingSettings>();
        var (outcome, reason, detail) = AppRatingRules.Judge(listing, settings.MinRating, settings.MinCount);
        return new ProbeObservation
        {
            Outcome = outcome, Reason = reason, Detail = detail,
            Value = listing.Rating, Unit = "stars",
            Measurements = [new("rating", listing.Rating ?? 0, "stars"), new("rating_count", listing.RatingCount ?? 0, "count")],
            Evidence = [new EvidenceItem("store-listing", null, listing.StoreUrl ?? lookup.ToString(), body.Length > 2000 ? body[..2000] + "…" : body)],
            Urls = [lookup.ToString()],
        };
    }
}
