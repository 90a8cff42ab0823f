using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using ZhangbanProbe.Application.Channels;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Portals;

namespace ZhangbanProbe.Cli.Commands;

/// <summary>`zhangban channels discover|confirm`: find a platform's app in the App Store; record the id a researcher confirms.</summary>
public static class ChannelsCommand
{
    public static Command Create()
    {
        var command = new Command("channels", "The platforms' apps in the App Store: list candidates, record a confirmed id in a manifest");

        var portal = new Option<string[]>("--portal") { Description = "Portal id (repeatable; default all)", Arity = ArgumentArity.ZeroOrMore };
        var discover = new Command("discover", "Ask the App Store's public search (AppStore:SearchUrl, country cn) for each platform's app by its manifest's names; prints candidates, writes nothing");
        discover.Options.Add(portal);
        discover.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            if (Portals(services, parse.GetValue(portal) ?? []) is not { } chosen) return 2;
            IReadOnlyList<PortalCandidates> found;
            try { found = await services.GetRequiredService<ChannelDiscovery>().DiscoverAsync(chosen, ct); }
            catch (StoreUnreachableException ex)
            {
                Console.Error.WriteLine($"{ex.Message}; nothing was changed");
                return 1;
            }
            var console = Output.Stdout();
            foreach (var p in found)
            {
                var table = new Table().Title($"{Markup.Escape(p.Portal.Id)} · {Markup.Escape(p.Portal.Province)} {Markup.Escape(p.Portal.Platform)} (searched: {Markup.Escape(string.Join(", ", p.Terms))})")
                    .AddColumns("id", "name", "seller", "government seller", "rating", "ratings", "in manifest");
                foreach (var c in p.Candidates)
                    table.AddRow(c.App.Id, Markup.Escape(c.App.Name), Markup.Escape(c.App.Seller ?? "–"),
                        c.Seller.IsGovernment ? $"[green]yes[/] {Markup.Escape(c.Seller.Why)}" : $"no: {Markup.Escape(c.Seller.Why)}",
                        c.App.Rating?.ToString("0.0", CultureInfo.InvariantCulture) ?? "–", c.App.RatingCount?.ToString(CultureInfo.InvariantCulture) ?? "–", c.InManifest ? "yes" : "");
                if (p.Candidates.Count == 0) table.AddRow("–", "no app found", "", "", "", "", "");
                console.Write(table);
            }
            Console.Error.WriteLine("candidates only: nothing was written. Record one with: zhangban channels confirm --portal ID --ios-id N --by NAME");
            return 0;
        }, ct));
        command.Subcommands.Add(discover);

        var one = new Option<string>("--portal") { Description = "Portal id", Required = true };
        var iosId = new Option<string>("--ios-id") { Description = "The App Store id a researcher checked (digits)", Required = true };
        var by = new Option<string>("--by") { Description = "Who confirmed it (written into the manifest with the date)", Required = true };
        var confirm = new Command("confirm", "Write a confirmed App Store id into the portal's manifest (access_channels.app.ios_app_store_id), with the date and who confirmed it; the id is checked in the store first");
        foreach (var o in new Option[] { one, iosId, by }) confirm.Options.Add(o);
        confirm.SetAction((parse, ct) => HostRunner.WithHostAsync(parse, [], async services =>
        {
            if (Portals(services, [parse.GetValue(one)!]) is not [var chosen]) return 2;
            try
            {
                var done = await services.GetRequiredService<ChannelDiscovery>().ConfirmAsync(chosen, parse.GetValue(iosId)!.Trim(), parse.GetValue(by)!, ct);
                if (done.Replaced is { } old && old != done.Id) Console.Error.WriteLine($"replaced the App Store id {old} with {done.Id} in {done.File}");
                else Console.Error.WriteLine($"wrote the App Store id {done.Id} into {done.File}");
                Console.WriteLine($"{chosen.Id}: {done.Id} '{done.Listing.Name}' by {done.Listing.Seller ?? "an unnamed seller"}");
                return 0;
            }
            catch (StoreUnreachableException ex)
            {
                Console.Error.WriteLine($"{ex.Message}; the id is not checked and nothing was written");
                return 1;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        }, ct));
        command.Subcommands.Add(confirm);
        return command;
    }

    /// <summary>The chosen portals from valid manifests, or null after printing why (bad input).</summary>
    private static IReadOnlyList<PortalManifest>? Portals(IServiceProvider services, IReadOnlyCollection<string> ids)
    {
        var loaded = services.GetRequiredService<ProbeDataLoader>().LoadPortals();
        if (!loaded.IsValid)
        {
            foreach (var p in loaded.Problems) Console.Error.WriteLine(p);
            return null;
        }
        var unknown = ids.Where(id => loaded.Portals.All(p => !string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase))).ToList();
        foreach (var id in unknown) Console.Error.WriteLine($"--portal {id}: no portal manifest has this id");
        if (unknown.Count > 0) return null;
        return ids.Count == 0 ? loaded.Portals : loaded.Portals.Where(p => ids.Contains(p.Id, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
