using ZhangbanProbe.Application.Definitions;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Definitions;
using ZhangbanProbe.Probing.Probes.ResponseTime;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Application.Definitions;

/// <summary>A run's definitions, captured once: stable hash, a faithful round trip, changes named, tampering refused.</summary>
[Trait("Category", "Unit")]
public class DefinitionsSnapshotTests
{
    private static DefinitionsSnapshot Shipped()
    {
        var portals = PortalManifestLoader.LoadDirectory(TestPaths.PortalsDirectory);
        Assert.True(portals.IsValid, string.Join("\n", portals.Problems));
        return DefinitionsSnapshot.Of(portals.Portals, CatalogueLoader.Load(TestPaths.CatalogueFile, RegisteredProbes.Find));
    }

    private static CatalogueEntry Rebind(CatalogueEntry e) =>
        RegisteredProbes.Find(e.ProbeKey) is { } d ? e with { Settings = ProbeSettings.Bound(d.Settings, e.Settings.Values) } : e;

    [Fact]
    public void The_same_definitions_hash_the_same_and_read_back_whole()
    {
        var a = Shipped();
        var b = Shipped();
        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal(64, a.Hash.Length);

        var back = DefinitionsSnapshot.FromJson(a.Json, a.Hash, Rebind);
        Assert.Equal(a.Hash, DefinitionsSnapshot.Of(back.Portals, back.Catalogue).Hash); // nothing lost or added on the way
        Assert.Empty(back.ChangesSince(a));
        // What probes read survives: hints, step scripts, channels, typed settings.
        var withSteps = a.Portals.FirstOrDefault(p => p.Steps.Count > 0);
        if (withSteps is not null)
            Assert.Equal(withSteps.Steps.Values.Sum(s => s.Count), back.Portals.Single(p => p.Id == withSteps.Id).Steps.Values.Sum(s => s.Count));
        Assert.Equal(a.Portals.Sum(p => p.Hints.Count), back.Portals.Sum(p => p.Hints.Count));
        Assert.Equal(a.Portals.Count(p => p.AccessChannels.App is not null), back.Portals.Count(p => p.AccessChannels.App is not null));
        var rt = back.Catalogue.Find(ResponseTimeProbe.ProbeKey)!;
        Assert.IsType<ResponseTimeSettings>(rt.Settings.Typed);
        Assert.Equal(a.Catalogue.Find(ResponseTimeProbe.ProbeKey)!.Settings.As<ResponseTimeSettings>(), rt.Settings.As<ResponseTimeSettings>());
        // Paths are file names, so two machines with different checkouts agree.
        Assert.All(a.Portals, p => Assert.StartsWith("portals/", p.SourcePath));
        Assert.Equal("catalogue.yaml", a.Catalogue.SourcePath);
    }

    [Fact]
    public void A_changed_stored_snapshot_is_refused()
    {
        var a = Shipped();
        var tampered = a.Json.Replace("\"Province\":\"浙江\"", "\"Province\":\"上海\"");
        Assert.NotEqual(a.Json, tampered);
        Assert.Throws<InvalidDataException>(() => DefinitionsSnapshot.FromJson(tampered, a.Hash, Rebind));
    }

    [Fact]
    public void Changes_name_the_portals_fields_and_settings_that_differ()
    {
        var a = Shipped();
        var portals = a.Portals.Select(p => p.Id == "beijing" ? p with { EntryUrl = new Uri("https://example.gov.cn/") } : p)
            .Where(p => p.Id != "tianjin").ToList();
        var entries = a.Catalogue.Entries.Select(e => e.ProbeKey == ResponseTimeProbe.ProbeKey
            ? e with { Settings = ProbeSettings.Of(e.Settings.As<ResponseTimeSettings>() with { LoadBudget = TimeSpan.FromSeconds(4) }) } : e).ToList();
        var b = DefinitionsSnapshot.Of(portals, a.Catalogue with { Entries = entries });

        var changes = b.ChangesSince(a);
        Assert.NotEqual(a.Hash, b.Hash);
        Assert.Contains("portal beijing: entry_url changed", changes);
        Assert.Contains("portal tianjin: removed", changes);
        Assert.Contains("indicator response-time: load_budget 3s → 4s", changes);
        Assert.DoesNotContain(changes, c => c.Contains("shanghai"));
    }
}
