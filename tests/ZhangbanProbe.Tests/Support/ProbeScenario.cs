using ZhangbanProbe.Definitions;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Replicas;
using ZhangbanProbe.Probing.Probes.GovIdentity;
using ZhangbanProbe.Probing.Probes.ProgressQuery;
using ZhangbanProbe.Probing.Probes.ResponseTime;

namespace ZhangbanProbe.Tests.Support;

/// <summary>Runs one indicator probe with real Chromium against a set of replica variants.</summary>
public static class ProbeScenario
{
    /// <summary>The shipped catalogue with test-friendly settings: one timing load, replicas' .localhost hosts allowed, a short answer budget.</summary>
    public static string TestCatalogue(string dir) =>
        Support.TestCatalogue.Shipped()
            .With<ResponseTimeSettings>(ResponseTimeProbe.ProbeKey, s => s with { Loads = 1 })
            .With<GovIdentitySettings>(GovIdentityProbe.ProbeKey, s => s with { RequireGovCn = false })
            .With<ProgressQuerySettings>(ProgressQueryProbe.ProbeKey, s => s with { AnswerBudget = TimeSpan.FromSeconds(4) })
            .Save(Path.Combine(dir, "catalogue-all.yaml"));

    public static async Task<Dictionary<string, ProbeResult>> RunAsync(string indicator, IEnumerable<ReplicaSite> sites,
        Func<PortalManifest, PortalManifest>? adjust = null, Dictionary<string, string?>? settings = null)
    {
        var dir = TestPaths.NewTempDirectory();
        await using var replicas = await ReplicaServer.StartAsync(sites);
        var all = new Dictionary<string, string?>
        {
            ["Run:CatalogueFile"] = TestCatalogue(dir), ["Run:Concurrency"] = "4",
            ["Browser:ExtraRootCertificates"] = replicas.Certificates.AuthorityPemPath,
        };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        await using var host = new ProbeHost(all);
        var portals = ReplicaPortals.Manifests(replicas).Select(p => adjust is null ? p : adjust(p with { Id = ZhangbanProbe.Core.Runs.ReplicaIds.RealIdOf(p.Id) }) with { Id = p.Id }).ToList();
        var report = await host.Get<RunService>().RunAsync(new RunRequest { Portals = portals, IndicatorIds = [indicator] }, null, CancellationToken.None);
        Assert.True(report.ExitCode == 0, string.Join("\n", report.Messages));
        return report.Run!.Results.ToDictionary(r => ZhangbanProbe.Core.Runs.ReplicaIds.RealIdOf(r.PortalId));
    }

    /// <summary>Several single-indicator runs against one site in one host (shared breakers), results in order.</summary>
    public static async Task<List<ProbeResult>> RunManyAsync(IEnumerable<string> indicators, ReplicaSite site, Dictionary<string, string?> settings)
    {
        var dir = TestPaths.NewTempDirectory();
        await using var replicas = await ReplicaServer.StartAsync([site]);
        var all = new Dictionary<string, string?> { ["Run:CatalogueFile"] = TestCatalogue(dir) };
        foreach (var (k, v) in settings) all[k] = v;
        await using var host = new ProbeHost(all);
        var results = new List<ProbeResult>();
        foreach (var indicator in indicators)
        {
            var report = await host.Get<RunService>().RunAsync(new RunRequest { Portals = ReplicaPortals.Manifests(replicas), IndicatorIds = [indicator] }, null, CancellationToken.None);
            results.AddRange(report.Run!.Results);
        }
        return results;
    }

    /// <summary>
    /// Replica manifests standing in for real portals (their real ids, no replica group): for tests of what only real
    /// portals' series do (alerts, baselines). Replica manifests as such never reach alerting.
    /// </summary>
    public static IReadOnlyList<PortalManifest> AsRealPortals(ReplicaServer replicas) =>
        ReplicaPortals.Manifests(replicas).Select(p => p with { Id = ZhangbanProbe.Core.Runs.ReplicaIds.RealIdOf(p.Id), Group = "test" }).ToList();

    /// <summary>The portal with the step scripts of a manifest text, parsed as a real manifest is (file:line messages).</summary>
    public static PortalManifest WithSteps(PortalManifest portal, string manifestPath, string manifestText)
    {
        var problems = new List<ManifestProblem>();
        var (parsed, _) = PortalManifestLoader.ParseFile(manifestPath, manifestText, problems);
        Assert.Empty(problems);
        return portal with { Steps = parsed!.Steps };
    }

    /// <summary>A phone page of the test platform (测试办): the document around <paramref name="body"/>, with
    /// <paramref name="head"/> (styles, scripts) in its head.</summary>
    public static string Document(string body, string head = "") =>
        $"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>测试办</title>{head}</head><body>{body}</body></html>""";

    /// <summary>A site whose entry page is written as given (a fixture of real-page markup).</summary>
    public static ReplicaSite HtmlSite(string id, string body, string head = "")
    {
        var site = Site(id);
        site.Pages["/"] = Document(body, head);
        return site;
    }

    public static ReplicaSite Site(string id, Action<ReplicaFeatures>? features = null, string province = "浙江")
    {
        var site = new ReplicaSite { Id = id, Province = province, Platform = "测试办" };
        features?.Invoke(site.Features);
        return site;
    }

    public static void AssertOutcome(Dictionary<string, ProbeResult> results, string portal, ZhangbanProbe.Core.Outcomes.Outcome outcome, ZhangbanProbe.Core.Outcomes.Reason reason)
    {
        var r = results[portal];
        Assert.True((r.Outcome, r.Reason) == (outcome, reason), $"{portal}: expected {outcome}/{reason}, got {r.Outcome}/{r.Reason}: {r.Detail}");
    }
}
