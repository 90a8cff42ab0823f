using System.Diagnostics;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ZhangbanProbe.Probing.Browser;
using ZhangbanProbe.Tests.Support;
using static ZhangbanProbe.Tests.Serve.ServeApiTests;

namespace ZhangbanProbe.Tests.Dashboard;

/// <summary>
/// One store filled by a real replica run (`zhangban run --replicas`), one `zhangban serve` process on it, and a real
/// headless Chromium driving the dashboard as researchers and provinces would.
/// </summary>
public sealed class DashboardSite : IAsyncLifetime
{
    public const string ResearcherToken = "test-token-0123456789"; // Api:Token: the bootstrap researcher
    public string Dir { get; } = TestPaths.NewTempDirectory("zb-dash");
    public string ProvinceToken { get; private set; } = "";
    public string BaseUrl { get; private set; } = "";
    public Guid RunId { get; private set; }
    /// <summary>An ad-hoc run stored incomplete: zhejiang's pair never got a result.</summary>
    public Guid IncompleteRunId { get; private set; }
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    private Process? _serve;

    public Replicas.ReplicaServer Replicas { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // Platforms served locally under manifests of their own: two that work, and one that answers 500 (an incident).
        Replicas = await ZhangbanProbe.Replicas.ReplicaServer.StartAsync([
            new ZhangbanProbe.Replicas.ReplicaSite { Id = "beijing", Province = "北京", Platform = "北京通" },
            new ZhangbanProbe.Replicas.ReplicaSite { Id = "zhejiang", Province = "浙江", Platform = "浙里办" },
            new ZhangbanProbe.Replicas.ReplicaSite { Id = "beijing-biz", Province = "北京", Platform = "京通", Status = 500 },
        ]);
        var portals = Directory.CreateDirectory(Path.Combine(Dir, "portals")).FullName;
        foreach (var s in Replicas.Sites)
            File.WriteAllText(Path.Combine(portals, s.Id + ".yaml"), $"id: {s.Id}\nprovince: {s.Province}\nplatform: {s.Platform}\nentry_url: {Replicas.EntryUrl(s.Id)}\n");
        var catalogue = ProbeScenario.TestCatalogue(Dir);
        string[] common = ["--portals", portals, "--catalogue", catalogue, "--sqlite", Path.Combine(Dir, "zhangban.db"), "--evidence-dir", Path.Combine(Dir, "evidence")];
        var alerts = new Dictionary<string, string> { ["ZHANGBAN_Alerts__Enabled"] = "true" };
        // Two nightly sweeps (by cron, as an operator might): the failing platform opens incidents.
        for (var night = 0; night < 2; night++)
        {
            var run = await CliProcess.RunAsync(Dir, alerts, ["run", "--as-sweep", "nightly", "--indicator", "gov-identity", "--indicator", "transport-security", "--indicator", "response-time",
                "--json", Path.Combine(Dir, $"run{night}.json"), .. common]);
            Assert.True(run.ExitCode == 0, run.Stderr);
        }
        RunId = Guid.Parse(System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "run0.json"))).RootElement.GetProperty("runId").GetString()!);
        var token = await CliProcess.RunAsync(Dir, null, ["tokens", "add", "--role", "province", "--province", "北京", "--name", "北京市政务服务管理局", .. common]);
        Assert.True(token.ExitCode == 0, token.Stderr);
        ProvinceToken = token.Stdout.Trim();
        var gradesFile = Path.Combine(Dir, "grades.csv");
        File.WriteAllText(gradesFile, "report_year,province,platform,grade\n2026,北京,北京通,A\n2026,浙江,浙里办,B\n");
        var import = await CliProcess.RunAsync(Dir, null, ["scores", "import", gradesFile, .. common]);
        Assert.True(import.ExitCode == 0, import.Stderr);

        IncompleteRunId = await SeedIncompleteRunAsync();

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _serve = StartServe(Dir, portals, catalogue, port, new Dictionary<string, string>
        {
            ["ZHANGBAN_Editions__2026__From"] = "2026-01-01", ["ZHANGBAN_Editions__2026__To"] = "2026-12-31",
        });
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        await WaitHealthyAsync(http, _serve);

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserLocator.Locate(null) ?? throw new InvalidOperationException("no Chromium"),
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    private async Task<Guid> SeedIncompleteRunAsync()
    {
        var store = new ZhangbanProbe.Storage.ProbeStore(Microsoft.Extensions.Options.Options.Create(new ZhangbanProbe.Storage.StorageOptions { SqlitePath = Path.Combine(Dir, "zhangban.db") }));
        var run = new ZhangbanProbe.Core.Results.ProbeRun
        {
            Id = Guid.CreateVersion7(), StartedAtUtc = DateTime.UtcNow.AddHours(-1), Trigger = ZhangbanProbe.Core.Runs.RunTriggers.Cli,
            PortalIds = ["beijing", "zhejiang"], IndicatorIds = ["response-time"],
        };
        await store.BeginRunAsync(run);
        await store.SaveResultAsync(ZhangbanProbe.Core.Results.ProbeResult.From(run.Id, "beijing", "response-time",
            ZhangbanProbe.Core.Results.ProbeObservation.Of(ZhangbanProbe.Core.Outcomes.Outcome.Pass, ZhangbanProbe.Core.Outcomes.Reason.WithinBudget, "seeded"),
            run.StartedAtUtc, TimeSpan.FromSeconds(1)) with { Worker = "worker-a/42" });
        var ended = await store.TryFinishRunAsync(run.Id, DateTime.UtcNow, final: true, new HashSet<(string, string)>(), new Dictionary<(string, string), string>());
        Assert.Equal(ZhangbanProbe.Core.Runs.RunStatus.Incomplete, ended!.Value.Status);
        return run.Id;
    }

    /// <summary>A fresh browser context (phone profile when asked), signed in with <paramref name="token"/> unless null.</summary>
    public async Task<IPage> PageAsync(string? token, bool phone = false)
    {
        var options = phone ? new BrowserNewContextOptions(Playwright.Devices["Pixel 7"]) : new BrowserNewContextOptions();
        options.BaseURL = BaseUrl;
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        if (token is not null)
        {
            await page.GotoAsync("/login");
            await page.FillAsync("#token", token);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/dash**");
        }
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (_serve is { HasExited: false }) { _serve.Kill(true); await _serve.WaitForExitAsync(); }
        if (Replicas is not null) await Replicas.DisposeAsync();
    }
}

[Trait("Category", "Integration")]
[Collection("browser")]
public class DashboardTests(DashboardSite site) : IClassFixture<DashboardSite>
{
    private string ResultPath(string portal, string indicator) => $"/dash/results/{site.RunId}/{portal}/{indicator}";

    [Fact]
    public async Task Without_a_token_every_page_is_the_login_page_and_a_wrong_token_is_refused()
    {
        var page = await site.PageAsync(null);
        foreach (var path in new[] { "/dash", ResultPath("beijing", "gov-identity"), $"/dash/evidence/{site.RunId}/beijing/gov-identity/0" })
        {
            await page.GotoAsync(path);
            Assert.Contains("/login", page.Url);
            Assert.Equal(1, await page.Locator("#token").CountAsync());
        }
        await page.FillAsync("#token", "zb_not-a-token");
        await page.ClickAsync("button[type=submit]");
        Assert.Equal(1, await page.Locator("[role=alert]").CountAsync());
        Assert.Contains("/login", page.Url);
    }

    [Fact]
    public async Task The_heatmap_has_one_cell_per_pair_with_the_stored_outcome_and_links_to_its_result()
    {
        var page = await site.PageAsync(DashboardSite.ResearcherToken);
        await page.GotoAsync($"/dash?run={site.RunId}");
        var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(site.Dir, "run0.json")));
        var stored = doc.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("portalId").GetString()!, r.GetProperty("indicatorId").GetString()!), r => r.GetProperty("outcome").GetString()!);
        Assert.Equal(9, stored.Count);
        Assert.Equal(stored.Count, await page.Locator("td.cell").CountAsync());
        foreach (var ((portal, indicator), outcome) in stored)
            Assert.Equal(outcome, await page.Locator($"tr[data-portal='{portal}'] td[data-indicator='{indicator}']").GetAttributeAsync("data-outcome"));
        Assert.Equal("9", await page.Locator(".progress").GetAttributeAsync("data-done"));

        // ZB_SCREENSHOTS=folder: also write the README's screenshots (documentation, not an assertion).
        if (Environment.GetEnvironmentVariable("ZB_SCREENSHOTS") is { Length: > 0 } shots)
        {
            Directory.CreateDirectory(shots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "dashboard-overview.png"), FullPage = true });
            await page.GotoAsync(ResultPath("zhejiang", "gov-identity"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "dashboard-result.png"), FullPage = true });
            await page.GotoAsync("/dash/portals/beijing");
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "dashboard-portal.png"), FullPage = true });
            await page.GotoAsync($"/dash?run={site.RunId}");
        }
        await page.Locator("tr[data-portal='beijing'] td[data-indicator='gov-identity'] a").ClickAsync();
        Assert.EndsWith(ResultPath("beijing", "gov-identity"), page.Url);
        Assert.Equal(stored[("beijing", "gov-identity")], await page.Locator(".verdict").GetAttributeAsync("data-outcome"));
    }

    [Fact]
    public async Task The_evidence_image_loads_and_a_file_changed_afterwards_is_flagged_and_not_served()
    {
        var page = await site.PageAsync(DashboardSite.ResearcherToken);
        await page.GotoAsync(ResultPath("zhejiang", "gov-identity"));
        Assert.Equal("intact", await page.Locator("section.evidence").First.GetAttributeAsync("data-integrity"));
        var img = page.Locator("section.evidence img").First;
        await img.ScrollIntoViewIfNeededAsync();
        Assert.True(await img.EvaluateAsync<int>("i => i.complete ? i.naturalWidth : 0") > 0, "the screenshot did not load");

        // Change the other platform's screenshot after the fact, as someone contesting or forging a verdict might.
        var files = Directory.GetFiles(Path.Combine(site.Dir, "evidence"), "gov-identity-*", SearchOption.AllDirectories).Where(f => f.Contains("beijing")).ToList();
        Assert.NotEmpty(files);
        foreach (var f in files) File.AppendAllText(f, "tampered");
        await page.GotoAsync(ResultPath("beijing", "gov-identity"));
        var flagged = page.Locator("section.evidence[data-integrity='changed']");
        Assert.True(await flagged.CountAsync() >= 1);
        Assert.Equal(await flagged.CountAsync(), await page.Locator("section.evidence[data-integrity='changed'] [role=alert]").CountAsync());
        Assert.Equal(0, await page.Locator("section.evidence[data-integrity='changed'] img").CountAsync());
        var response = await page.APIRequest.GetAsync($"/dash/evidence/{site.RunId}/beijing/gov-identity/0");
        Assert.Equal(410, response.Status);
    }

    [Fact]
    public async Task A_province_token_sees_its_own_platform_only_and_gets_403_on_another()
    {
        var page = await site.PageAsync(site.ProvinceToken);
        await page.GotoAsync($"/dash?run={site.RunId}");
        Assert.Equal(["beijing", "beijing-biz"], (await page.Locator("tbody tr").AllAsync()).Select(r => r.GetAttributeAsync("data-portal").Result!).Order().ToList());
        Assert.Equal(6, await page.Locator("td.cell").CountAsync());
        Assert.Equal(0, await page.Locator("nav a[href='/dash/runs']").CountAsync()); // provinces do not start runs
        Assert.Equal(403, (await page.APIRequest.GetAsync("/dash/runs")).Status);
        Assert.Equal(403, (await page.APIRequest.GetAsync("/dash/compare?year=2026")).Status);
        Assert.Equal(403, (await page.APIRequest.GetAsync("/dash/portals/zhejiang")).Status);
        Assert.Equal(200, (await page.APIRequest.GetAsync("/dash/portals/beijing-biz")).Status);
        var own = await page.GotoAsync(ResultPath("beijing", "gov-identity"));
        Assert.Equal(200, own!.Status);
        var other = await page.GotoAsync(ResultPath("zhejiang", "gov-identity"));
        Assert.Equal(403, other!.Status);
        var file = await page.APIRequest.GetAsync($"/dash/evidence/{site.RunId}/zhejiang/gov-identity/0");
        Assert.Equal(403, file.Status);
    }

    [Fact]
    public async Task The_english_switch_changes_every_label_and_back()
    {
        var page = await site.PageAsync(DashboardSite.ResearcherToken);
        foreach (var path in new[] { "/dash", ResultPath("beijing", "gov-identity"), "/dash/runs", "/dash/incidents", "/dash/compare?year=2026", "/dash/portals/beijing" })
        {
            await page.GotoAsync(path);
            Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
            var zh = await page.Locator("h1, nav, .runinfo, thead, .verdict, h2, legend, button").AllInnerTextsAsync();
            await page.Locator("a.lang").ClickAsync();
            Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
            var en = await page.Locator("h1, nav, .runinfo, thead, .verdict, h2, legend, button").AllInnerTextsAsync();
            Assert.NotEqual(string.Join("|", zh), string.Join("|", en));
            Assert.Contains("Overview", await page.Locator("nav").InnerTextAsync());
            Assert.DoesNotMatch(@"[\u4e00-\u9fff]", string.Join(" ", await page.Locator("nav, dl.facts dt, thead, legend, button, .runinfo").AllInnerTextsAsync()));
            await page.Locator("a.lang").ClickAsync();
            Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        }
    }

    [Fact]
    public async Task On_a_phone_no_page_overflows_sideways()
    {
        var page = await site.PageAsync(DashboardSite.ResearcherToken, phone: true);
        foreach (var path in new[] { "/dash", ResultPath("beijing", "gov-identity"), ResultPath("zhejiang", "transport-security"), "/dash/runs", "/dash/incidents", "/dash/compare?year=2026", "/dash/portals/beijing" })
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path}: {overflow} px of horizontal overflow");
        }
        var login = await site.PageAsync(null, phone: true);
        await login.GotoAsync("/login");
        Assert.True(await login.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0);
    }

    [Fact]
    public async Task Our_own_pages_have_no_critical_or_serious_accessibility_violations()
    {
        var anonymous = await site.PageAsync(null);
        await anonymous.GotoAsync("/login");
        var pages = new List<(string, IPage)> { ("/login", anonymous) };
        var page = await site.PageAsync(DashboardSite.ResearcherToken);
        foreach (var path in new[] { "/dash", ResultPath("beijing", "gov-identity"), "/dash/runs", "/dash/incidents", "/dash/compare?year=2026", "/dash/portals/beijing" })
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            var bad = result.Violations.Where(v => v.Impact is "critical" or "serious").Select(v => $"{v.Id} ({v.Impact}): {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
            Assert.True(bad.Count == 0, $"{path}:\n" + string.Join("\n", bad));
        }
        var login = await anonymous.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
        Assert.DoesNotContain(login.Violations, v => v.Impact is "critical" or "serious");
    }

    [Fact]
    public async Task A_researcher_starts_an_ad_hoc_run_from_the_page_and_watches_it_complete_live()
    {
        var page = await site.PageAsync(DashboardSite.ResearcherToken);
        await page.GotoAsync("/dash/runs");
        Assert.Equal("0", await page.Locator(".health").GetAttributeAsync("data-outbox")); // the operator's view of the worker
        foreach (var p in new[] { "beijing", "zhejiang" }) await page.CheckAsync($"input[name=portals][value='{p}']");
        foreach (var i in new[] { "gov-identity", "transport-security" }) await page.CheckAsync($"input[name=indicators][value='{i}']");
        await page.ClickAsync("form.newrun button[type=submit]");
        Assert.Contains("/dash/runs?started=", page.Url);
        var runId = page.Url[(page.Url.IndexOf("started=", StringComparison.Ordinal) + 8)..];
        var row = page.Locator($"tr[data-run='{runId}']");
        var seen = new List<int>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            seen.Add(int.Parse((await row.GetAttributeAsync("data-done"))!));
            if (await row.GetAttributeAsync("data-status") == "completed") break;
            Assert.Equal(1, await page.Locator("meta[http-equiv=refresh]").CountAsync()); // the live view refreshes itself while a run is in progress
            await Task.Delay(250);
            await page.ReloadAsync();
        }
        Assert.Equal("completed", await row.GetAttributeAsync("data-status"));
        Assert.Equal(4, seen[^1]);
        Assert.True(seen[0] < 4, $"the run was already complete when first shown ({string.Join(",", seen)})");
        Assert.Equal(seen.Order(), seen); // counts only rise
        await page.GotoAsync($"/dash?run={runId}");
        Assert.Equal(4, await page.Locator("td.cell:not(.o-none)").CountAsync());
    }

    [Fact]
    public async Task A_researcher_approves_and_a_province_disputes_and_both_are_recorded_with_who_and_when()
    {
        var researcher = await site.PageAsync(DashboardSite.ResearcherToken);
        await researcher.GotoAsync("/dash/incidents");
        var incident = researcher.Locator("article.incident[data-status='open'][data-portal='beijing-biz']").First;
        var id = await incident.GetAttributeAsync("data-incident");
        await incident.Locator("form[action$='/approve'] input[name=comment]").FillAsync("证据确认");
        await incident.Locator("form[action$='/approve'] button").ClickAsync();
        var approved = researcher.Locator($"article.incident[data-incident='{id}'] tr[data-event='approved']");
        Assert.Equal(1, await approved.CountAsync());
        Assert.Contains("Api:Token", await approved.InnerTextAsync());
        Assert.Contains("证据确认", await approved.InnerTextAsync());

        var province = await site.PageAsync(site.ProvinceToken);
        await province.GotoAsync("/dash/incidents");
        Assert.Equal(0, await province.Locator("form[action$='/approve']").CountAsync()); // provinces do not approve
        var mine = province.Locator($"article.incident[data-incident='{id}']");
        await mine.Locator("form[action$='/dispute'] input[name=comment]").FillAsync("该时段系统升级维护");
        await mine.Locator("form[action$='/dispute'] button").ClickAsync();
        var disputed = province.Locator($"article.incident[data-incident='{id}'] tr[data-event='disputed']");
        Assert.Equal(1, await disputed.CountAsync());
        Assert.Contains("北京市政务服务管理局", await disputed.InnerTextAsync());
        Assert.Contains("该时段系统升级维护", await disputed.InnerTextAsync());
        // A province may not act on another province's incident, nor approve its own.
        var csrf = await province.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var approveAsProvince = await province.APIRequest.PostAsync($"/dash/incidents/{id}/approve",
            new() { Form = province.APIRequest.CreateFormData().Set("__RequestVerificationToken", csrf!).Set("comment", "self-approved") });
        Assert.Equal(403, approveAsProvince.Status);
        // The form posts carry the CSRF token: a post without it changes nothing.
        var forged = await researcher.APIRequest.PostAsync($"/dash/incidents/{id}/reject", new() { Form = researcher.APIRequest.CreateFormData().Set("comment", "forged") });
        Assert.Equal(400, forged.Status);
        await researcher.ReloadAsync();
        Assert.Equal("open", await researcher.Locator($"article.incident[data-incident='{id}']").GetAttributeAsync("data-status"));
    }

    [Fact]
    public async Task A_portal_page_shows_its_strips_timing_chart_incidents_and_human_grades()
    {
        var page = await site.PageAsync(DashboardSite.ResearcherToken);
        await page.GotoAsync($"/dash?run={site.RunId}");
        await page.Locator("tr[data-portal='beijing-biz'] th a").ClickAsync();
        Assert.EndsWith("/dash/portals/beijing-biz", page.Url);
        foreach (var indicator in new[] { "gov-identity", "transport-security", "response-time" })
        {
            var strip = page.Locator($"table.strips tr[data-indicator='{indicator}']");
            Assert.True(int.Parse((await strip.GetAttributeAsync("data-count"))!) >= 2, indicator); // both nightly sweeps
        }
        Assert.True(await page.Locator("table.strips a.tick.o-fail").CountAsync() >= 6);
        Assert.True(await page.Locator("ul li a[href^='/dash/incidents#incident-']").CountAsync() >= 1); // its open incidents
        Assert.Contains("A", await page.Locator("table.grades").Last.InnerTextAsync()); // 北京's grade
        // The 2026 edition's grade beside the machine results of its period (Editions:2026): 敢用 has observed results.
        var overall = page.Locator("table.editions tr[data-year='2026'][data-layer='overall']");
        Assert.Equal(1, await overall.CountAsync());
        Assert.Contains("A", await overall.InnerTextAsync());
        Assert.Matches(@"0 / [1-9]", await overall.InnerTextAsync()); // the failing platform passed nothing
        Assert.Matches(@"0 / [1-9]", await page.Locator("table.editions tr[data-year='2026'][data-layer='敢用']").InnerTextAsync());

        await page.GotoAsync("/dash/portals/beijing");
        Assert.Equal(1, await page.Locator("figure.chart svg").CountAsync()); // a working platform has timings to chart
    }

    [Fact]
    public async Task The_compare_page_sets_human_grades_beside_machine_results_and_exports_them()
    {
        var page = await site.PageAsync(DashboardSite.ResearcherToken);
        await page.GotoAsync("/dash/compare?year=2026");
        Assert.Equal(3, await page.Locator("table.compare tbody tr").CountAsync());
        Assert.Contains("A", await page.Locator("table.compare tr[data-portal='beijing']").InnerTextAsync());
        Assert.True(await page.Locator("table.agreement tr[data-n]").CountAsync() >= 3);
        var csv = await page.APIRequest.GetAsync("/dash/compare.csv?year=2026");
        Assert.Equal(200, csv.Status);
        var body = await csv.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, body[..3]); // Excel shows the Chinese
        Assert.Contains("北京", System.Text.Encoding.UTF8.GetString(body));
        var xlsx = await page.APIRequest.GetAsync("/dash/compare.xlsx?year=2026");
        Assert.Equal(200, xlsx.Status);
        Assert.Equal((byte)'P', (await xlsx.BodyAsync())[0]); // a zip: the workbook
        await page.GotoAsync("/dash/compare?year=2031");
        Assert.Contains("Editions:2031", await page.Locator("main").InnerTextAsync()); // an unconfigured edition says which keys to set
    }

    [Fact]
    public async Task An_incomplete_run_names_its_missing_pairs_and_the_workers_that_measured_it()
    {
        var page = await site.PageAsync(DashboardSite.ResearcherToken);
        await page.GotoAsync($"/dash?run={site.IncompleteRunId}");
        Assert.Equal("incomplete", await page.GetAttributeAsync(".runinfo .status", "data-status"));
        Assert.Equal("1", await page.GetAttributeAsync(".incomplete", "data-missing"));
        Assert.Contains("zhejiang / response-time", await page.InnerTextAsync(".incomplete"));
        Assert.Equal("missing", await page.GetAttributeAsync("tr[data-portal=zhejiang] td[data-indicator=response-time]", "data-outcome"));
        Assert.Equal("1", await page.GetAttributeAsync(".worker[data-worker='worker-a/42']", "data-count"));
        await page.GotoAsync($"/dash/results/{site.IncompleteRunId}/beijing/response-time");
        Assert.Equal("worker-a/42", (await page.InnerTextAsync("dd.worker")).Trim());
    }
}
