using Microsoft.Extensions.DependencyInjection;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Catalogue;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Tests.Support;

namespace ZhangbanProbe.Tests.Application;

/// <summary>A new indicator is its own folder, one registration line and its catalogue entry: nothing else changes.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class SampleProbeTests
{
    /// <summary>The whole probe: its key, declaration and one observation (the entry page's title is present).</summary>
    public sealed record PageTitleSettings
    {
        [Setting("min_length", "Characters the title must have", Min = "1")]
        public int MinLength { get; init; } = 1;
    }

    private sealed class PageTitleProbe : IIndicatorProbe
    {
        public const string ProbeKey = "page-title";
        public ProbeDeclaration Declaration { get; } = new(ProbeKey, new("页面标题", "page title"), SettingsSchema.Of<PageTitleSettings>(), []);

        public async Task<ProbeObservation> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
        {
            var (opened, stop) = await PageTools.OpenAsync(context);
            if (stop is not null) return stop;
            var title = await opened.Page.TitleAsync();
            var ok = title.Trim().Length >= context.Settings.As<PageTitleSettings>().MinLength;
            return ProbeObservation.Of(ok ? Outcome.Pass : Outcome.Fail, ok ? Reason.Ok : Reason.Missing, $"title: {title}");
        }
    }

    [Fact]
    public async Task A_sample_probe_with_one_registration_line_and_a_catalogue_entry_runs_and_is_stored()
    {
        await using var replicas = await ReplicaServer.StartAsync([new ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办" }]);
        var dir = TestPaths.NewTempDirectory();
        var catalogue = Path.Combine(dir, "catalogue.yaml");
        File.WriteAllText(catalogue, """
            partial: true
            probes:
              - key: page-title
                layer: 好用
                index_indicators: [技术体验顺畅]
                measures: the entry page has a title
                settings:
                  min_length: 2
            """);
        await using var host = new ProbeHost(new() { ["Run:CatalogueFile"] = catalogue },
            services => services.AddSingleton<IIndicatorProbe, PageTitleProbe>()); // the one registration line

        var report = await host.Get<RunService>().RunAsync(new RunRequest { Portals = ReplicaPortals.Manifests(replicas) }, null, CancellationToken.None);

        Assert.Equal(0, report.ExitCode);
        var stored = await host.Get<ProbeStore>().GetRunAsync(report.Run!.Id);
        var result = Assert.Single(stored!.Results);
        Assert.Equal(("replica-zhejiang", "page-title", Outcome.Pass, Reason.Ok), (result.PortalId, result.IndicatorId, result.Outcome, result.Reason));
        Assert.StartsWith("title: ", result.Detail);
    }
}
