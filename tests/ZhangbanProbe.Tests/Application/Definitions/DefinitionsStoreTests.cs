using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Application.Definitions;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Application.Definitions;

/// <summary>The current definitions between runs: refreshed on an edit, the last good ones kept on a broken one.</summary>
[Trait("Category", "Unit")]
public class DefinitionsStoreTests
{
    private static (DefinitionsStore Store, string Portals, string Catalogue) Folder()
    {
        var dir = TestPaths.NewTempDirectory();
        var portals = Directory.CreateDirectory(Path.Combine(dir, "portals")).FullName;
        File.WriteAllText(Path.Combine(portals, "alpha.yaml"), "id: alpha\nprovince: 浙江\nentry_url: https://www.zjzwfw.gov.cn/\n");
        var catalogue = TestCatalogue.Fast().Save(Path.Combine(dir, "catalogue.yaml"));
        var probes = new ServiceCollection().AddOptions().AddIndicatorProbes().BuildServiceProvider().GetServices<IIndicatorProbe>();
        var loader = new ProbeDataLoader(Options.Create(new RunOptions { PortalsDirectory = portals, CatalogueFile = catalogue }), probes);
        var store = new ProbeStore(Options.Create(new StorageOptions { SqlitePath = Path.Combine(dir, "z.db") }));
        return (new DefinitionsStore(loader, store, TimeProvider.System, NullLogger<DefinitionsStore>.Instance), portals, catalogue);
    }

    [Fact]
    public void An_edit_is_taken_a_broken_one_keeps_the_last_good_snapshot_and_names_file_line_and_column()
    {
        var (store, portals, _) = Folder();
        var first = store.Current();
        Assert.Empty(first.Problems);
        Assert.Equal(["alpha"], first.Snapshot!.Portals.Select(p => p.Id));

        File.WriteAllText(Path.Combine(portals, "beta.yaml"), "id: beta\nprovince: 上海\nentry_url: https://zwdt.sh.gov.cn/\n");
        var second = store.Current();
        Assert.Equal(["alpha", "beta"], second.Snapshot!.Portals.Select(p => p.Id).Order());
        Assert.NotEqual(first.Snapshot.Hash, second.Snapshot.Hash);
        Assert.Equal(second, store.Current()); // nothing changed on disk: the same snapshot, not re-read

        File.WriteAllText(Path.Combine(portals, "beta.yaml"), "id: beta\nprovince: 上海\nentry_url: [not, a, url\n");
        var broken = store.Current();
        Assert.Equal(second.Snapshot.Hash, broken.Snapshot!.Hash);
        Assert.Contains(broken.Problems, p => p.StartsWith(Path.Combine(portals, "beta.yaml") + ":3:"));
        Assert.NotNull(broken.ProblemsSince);

        // Planning with the current definitions uses the last good ones; a run bringing its own portals needs only the catalogue.
        Assert.Equal(2, store.Select([], []).Selection!.Portals.Count);
        var own = new PortalManifest { Id = "replica-x", Province = "示例", EntryUrl = new Uri("http://x.localhost/") };
        Assert.Equal(["replica-x"], store.Select([], [], [own]).Selection!.Portals.Select(p => p.Id));
    }

    [Fact]
    public void Without_any_valid_definitions_nothing_can_be_planned_but_a_run_with_its_own_portals_can()
    {
        var (store, portals, _) = Folder();
        File.WriteAllText(Path.Combine(portals, "alpha.yaml"), "id: alpha\nprovince: 浙江\n");
        var current = store.Current();
        Assert.Null(current.Snapshot);
        Assert.NotEmpty(current.Problems);
        Assert.Null(store.Select([], []).Selection);
        var own = new PortalManifest { Id = "replica-x", Province = "示例", EntryUrl = new Uri("http://x.localhost/") };
        Assert.NotNull(store.Select([], [], [own]).Selection);
    }
}
