using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Application.Access;
using ZhangbanProbe.Application.Evidence;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Portals;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Dashboard.Pages;
using ZhangbanProbe.Probing.Evidence;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Dashboard;

/// <summary>
/// The dashboard, served by `zhangban serve` on the API's port: a login page, then pages by role (researcher,
/// operator, province — a province sees its own platforms only). Sessions are kept on the server (the cookie holds
/// only the session's id): signing out, revoking the token or rotating Api:Token ends them on their next request. Every state change is a form protected against CSRF.
/// </summary>
public static class DashboardEndpoints
{
    private const string LanguageCookie = "zb_lang";
    /// <summary>The rate-limit policy of the sign-in form (registered by the host: Api:LoginAttemptsPerMinute).</summary>
    public const string LoginRateLimit = "login";
    private const string TokenIdClaim = "zb_token";
    private const string ProvinceClaim = "zb_province";
    private const string SessionClaim = "zb_sid";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(o => { o.Cookie.Name = "zb_csrf"; o.Cookie.SameSite = SameSiteMode.Strict; o.Cookie.HttpOnly = true; });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "zb_session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/login";
            o.Events.OnValidatePrincipal = async ctx =>
            {
                // Sessions live on the server: signed out, a revoked token, or a rotated Api:Token end them at once.
                var id = long.TryParse(ctx.Principal?.FindFirstValue(TokenIdClaim), out var t) ? t : -1;
                if (id < 0 || !await ctx.HttpContext.RequestServices.GetRequiredService<AccessTokens>().SessionValidAsync(ctx.Principal?.FindFirstValue(SessionClaim), id))
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            };
        });
        services.AddAuthorization();
        return services;
    }

    public static void UseDashboard(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet("/dash/assets/site.css", () =>
        {
            using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("ZhangbanProbe.Dashboard.Assets.site.css")!;
            using var reader = new StreamReader(stream);
            return Results.Text(reader.ReadToEnd(), "text/css; charset=utf-8");
        }).AllowAnonymous();

        app.MapGet("/login", (HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? lang, bool? wrong) =>
        {
            if (lang is "zh" or "en") http.Response.Cookies.Append(LanguageCookie, lang, new CookieOptions { SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Page<LoginPage>(new()
            {
                ["L"] = new Labels(lang ?? http.Request.Cookies[LanguageCookie] ?? "zh"),
                ["Antiforgery"] = antiforgery.GetAndStoreTokens(http).RequestToken ?? "",
                ["ReturnUrl"] = LocalOr(returnUrl, "/dash"),
                ["Wrong"] = wrong == true,
            });
        }).AllowAnonymous();

        app.MapPost("/login", async (HttpContext http, [FromForm] string? token, [FromForm] string? returnUrl, AccessTokens tokens, CancellationToken ct) =>
        {
            var who = await tokens.AuthenticateAsync(token, ct);
            if (who is null) return Results.Redirect($"/login?wrong=true&returnUrl={Uri.EscapeDataString(LocalOr(returnUrl, "/dash"))}");
            var claims = new List<Claim>
            {
                new(ClaimTypes.Name, who.Name), new(ClaimTypes.Role, StateCode.Of(who.Role)), new(TokenIdClaim, who.TokenId.ToString()),
            };
            if (who.Province is not null) claims.Add(new(ProvinceClaim, who.Province));
            claims.Add(new(SessionClaim, await tokens.StartSessionAsync(who, ct)));
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
            return Results.Redirect(LocalOr(returnUrl, "/dash"));
        }).AllowAnonymous().RequireRateLimiting(LoginRateLimit);

        app.MapPost("/logout", async (HttpContext http, AccessTokens tokens) =>
        {
            await tokens.EndSessionAsync(http.User.FindFirstValue(SessionClaim));
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        }).RequireAuthorization();

        var dash = app.MapGroup("/dash").RequireAuthorization();

        dash.MapGet("/lang/{code}", (HttpContext http, string code, string? back) =>
        {
            http.Response.Cookies.Append(LanguageCookie, code == "en" ? "en" : "zh", new CookieOptions { SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.Redirect(LocalOr(back, "/dash"));
        });

        dash.MapGet("", async (HttpContext http, IAntiforgery antiforgery, ProbeStore store, ZhangbanProbe.Application.Definitions.DefinitionsStore data,
            string? run, string? layer, string? province, string? outcome, bool? replicas, CancellationToken ct) =>
        {
            var page = Context(http, antiforgery);
            var target = replicas == true ? RunTarget.Replicas : RunTarget.Real;
            var shown = Guid.TryParse(run, out var runId) ? await store.GetRunHeaderAsync(runId, ct) : await store.LatestRunAsync(target, ct: ct);
            shown ??= replicas is null ? await store.LatestRunAsync(RunTarget.Replicas, ct: ct) : null;
            var (selection, _, manifests, _) = await data.ViewAsync(shown, ct); // the run as planned
            var catalogue = selection?.Indicators ?? [];
            if (shown is null)
                return Page<OverviewPage>(new() { ["Model"] = new OverviewModel(page, null, 0, 0, [], [], new Dictionary<(string, string), Storage.ResultCell>(), new Dictionary<Outcome, int>(), null, null, null, []) });

            var cells = await store.CellsAsync(shown.Id, ct);
            var portals = shown.PortalIds.Select(id => Row(id, manifests)).Where(p => page.User.MaySee(p.Province)).ToList();
            var provinces = portals.Select(p => p.Province).Distinct().ToList();
            var outcomeFilter = OutcomeNames.TryParse(outcome, out var of) ? of : (Outcome?)null;
            var indicators = catalogue.Where(e => shown.IndicatorIds.Contains(e.ProbeKey))
                .OrderBy(e => Array.IndexOf(Core.Catalogue.IndicatorCatalogue.Layers, e.Layer)).ToList();
            if (!string.IsNullOrEmpty(layer)) indicators = indicators.Where(e => e.Layer == layer).ToList();
            if (!string.IsNullOrEmpty(province)) portals = portals.Where(p => Provinces.Same(p.Province, province)).ToList();
            var visible = portals.Select(p => p.Id).ToHashSet();
            var byPair = cells.Where(c => visible.Contains(c.PortalId)).ToDictionary(c => (c.PortalId, c.IndicatorId));
            if (outcomeFilter is { } o) portals = portals.Where(p => indicators.Any(i => byPair.TryGetValue((p.Id, i.ProbeKey), out var c) && c.Outcome == o)).ToList();
            var counts = byPair.Values.Where(c => indicators.Any(i => i.ProbeKey == c.IndicatorId)).GroupBy(c => c.Outcome).ToDictionary(g => g.Key, g => g.Count());
            var total = page.User.Role == AccessRole.Province ? visible.Count * shown.IndicatorIds.Count : shown.PortalIds.Count * shown.IndicatorIds.Count;
            var done = page.User.Role == AccessRole.Province ? cells.Count(c => visible.Contains(c.PortalId)) : cells.Count;
            return Page<OverviewPage>(new()
            {
                ["Model"] = new OverviewModel(page, shown, done, total, portals, indicators, byPair, counts,
                    string.IsNullOrEmpty(layer) ? null : layer, string.IsNullOrEmpty(province) ? null : province, outcomeFilter, provinces)
                {
                    Workers = byPair.Values.GroupBy(c => c.Worker ?? "").Select(g => (g.Key, g.Count())).OrderByDescending(w => w.Item2).ToList(),
                    // Portal changes name portals: a province token sees the settings' changes only.
                    DefinitionChanges = (await data.ChangesSincePreviousAsync(shown, ct))?
                        .Where(c => page.User.Role != AccessRole.Province || !c.StartsWith("portal ", StringComparison.Ordinal)).ToList(),
                },
            });
        });

        dash.MapGet("/results/{run:guid}/{portal}/{indicator}", async (HttpContext http, IAntiforgery antiforgery, Guid run, string portal, string indicator,
            ProbeStore store, ZhangbanProbe.Application.Definitions.DefinitionsStore data, EvidenceWriter evidence, CancellationToken ct) =>
        {
            var page = Context(http, antiforgery);
            var result = await store.GetResultAsync(run, portal, indicator, ct);
            if (result is null) return Results.NotFound(page.L["notfound"]);
            var (selection, _, manifests, _) = await data.ViewAsync(await store.GetRunHeaderAsync(run, ct), ct);
            var row = Row(portal, manifests);
            if (!page.User.MaySee(row.Province)) return Results.Text(page.L["forbidden"], "text/plain; charset=utf-8", statusCode: 403);
            var entry = selection?.Indicators.FirstOrDefault(e => e.ProbeKey == indicator);
            var reproduce = $"zhangban run --portal {(ReplicaIds.IsReplica(portal) ? ReplicaIds.RealIdOf(portal) + " --replicas" : portal)} --indicator {indicator}";
            return Page<ResultPage>(new()
            {
                ["Model"] = new ResultModel(page, result, row, entry?.NameIn(page.L.Language) ?? indicator,
                    result.Evidence.Select(e => EvidenceCheck.Verify(e, evidence.Root)).ToList(), reproduce),
            });
        });

        dash.MapGet("/runs", async (HttpContext http, IAntiforgery antiforgery, ProbeStore store, ZhangbanProbe.Application.Definitions.DefinitionsStore data, string? started, CancellationToken ct) =>
        {
            var page = Context(http, antiforgery);
            if (page.User.Role == AccessRole.Province) return Results.StatusCode(403);
            return Page<RunsPage>(new() { ["Model"] = await RunsAsync(page, store, data, started is null ? null : $"{page.L["runs.started"]}: {started}", ct) });
        });

        dash.MapPost("/runs", async (HttpContext http, IAntiforgery antiforgery, IFormCollection form,
            AdHocRuns adHoc, ProbeStore store, ZhangbanProbe.Application.Definitions.DefinitionsStore data, Microsoft.Extensions.Configuration.IConfiguration configuration, CancellationToken ct) =>
        {
            var page = Context(http, antiforgery);
            var portals = form["portals"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToArray();
            var indicators = form["indicators"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToArray();
            if (page.User.Role == AccessRole.Province) return Results.StatusCode(403);
            if (portals.Length == 0 || indicators.Length == 0)
                return Page<RunsPage>(new() { ["Model"] = await RunsAsync(page, store, data, page.L["runs.none"], ct) }, 400);
            var cap = int.TryParse(configuration["Api:MaxConcurrentRuns"], out var c) ? c : 2;
            var start = await adHoc.StartAsync(portals, indicators, cap, ct);
            if (start.Busy) return Page<RunsPage>(new() { ["Model"] = await RunsAsync(page, store, data, page.L["runs.busy"], ct) }, 429);
            if (start.Run is null) return Page<RunsPage>(new() { ["Model"] = await RunsAsync(page, store, data, $"{page.L["error.input"]}: {string.Join("; ", start.Errors)}", ct) }, 400);
            return Results.Redirect($"/dash/runs?started={start.Run.Id}");
        });

        dash.MapGet("/compare", async (HttpContext http, IAntiforgery antiforgery, EditionComparison comparison, ZhangbanProbe.Application.Definitions.DefinitionsStore data, int? year, CancellationToken ct) =>
        {
            var page = Context(http, antiforgery);
            if (page.User.Role != AccessRole.Researcher) return Results.StatusCode(403);
            var y = year ?? DateTime.UtcNow.Year;
            var result = await comparison.CompareAsync(y, replicas: false, ct);
            var indicators = data.Select([], []).Selection?.Indicators ?? [];
            return Page<ComparePage>(new() { ["Model"] = new CompareModel(page, y, result.Report, indicators, result.Errors, result.From, result.To) });
        });

        foreach (var format in new[] { "csv", "xlsx" })
        {
            dash.MapGet($"/compare.{format}", async (HttpContext http, EditionComparison comparison, int year, CancellationToken ct) =>
            {
                if (Who(http).Role != AccessRole.Researcher) return Results.StatusCode(403);
                var result = await comparison.CompareAsync(year, replicas: false, ct);
                if (result.Report is not { } report) return Results.Text(string.Join("\n", result.Errors), "text/plain; charset=utf-8", statusCode: 400);
                var path = Path.Combine(Path.GetTempPath(), $"zhangban-compare-{Guid.NewGuid():N}.{format}");
                try
                {
                    if (format == "csv") await ZhangbanProbe.Scores.CompareService.ExportCsvAsync(report, path);
                    else await ZhangbanProbe.Scores.CompareService.ExportXlsxAsync(report, path);
                    var bytes = await File.ReadAllBytesAsync(path, ct);
                    return Results.File(bytes, format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"zhangban-compare-{year}.{format}");
                }
                finally { File.Delete(path); File.Delete(Path.ChangeExtension(path, null) + ".layers.csv"); }
            });
        }

        dash.MapGet("/portals/{id}", async (HttpContext http, IAntiforgery antiforgery, string id, ProbeStore store, ZhangbanProbe.Application.Definitions.DefinitionsStore data,
            ZhangbanProbe.Alerting.AlertService alerts, ZhangbanProbe.Scores.HumanScoreStore grades,
            IOptions<ZhangbanProbe.Alerting.AlertOptions> alertOptions, TimeProvider time, EditionComparison comparison, CancellationToken ct) =>
        {
            var page = Context(http, antiforgery);
            var (selection, _, manifests, _) = data.Select([], []);
            var row = Row(id, manifests);
            if (row.Province.Length == 0 && !manifests.Any(m => m.Id == id)) return Results.NotFound(page.L["notfound"]);
            if (!page.User.MaySee(row.Province)) return Results.Text(page.L["forbidden"], "text/plain; charset=utf-8", statusCode: 403);
            // Replica platforms have no sweeps of their own: their history is every replica run.
            var series = ReplicaIds.IsReplica(id) ? new SeriesFilter(SweepsOnly: false, Target: RunTarget.Replicas) : new SeriesFilter();
            var now = time.GetUtcNow().UtcDateTime;
            var cells = await store.PortalCellsAsync(id, now.AddDays(-45), series, ct);
            var strips = cells.GroupBy(c => c.Cell.IndicatorId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<(Guid, DateTime, ResultCell)>)g.TakeLast(30).ToList());
            var indicators = selection?.Indicators ?? [];
            string? svg = null;
            if (indicators.FirstOrDefault(i => i.ValueIsTiming) is { } timing)
            {
                var points = await store.MeasurementSeriesAsync(id, timing.ProbeKey, now.AddDays(-90), TimingChart.Series, series, ct);
                var o = alertOptions.Value;
                svg = TimingChart.Svg(points, new ZhangbanProbe.Core.Alerts.TimingRules(o.TimingBaselineRuns, o.TimingRecentRuns, o.TimingAlpha, o.TimingMinRatio, o.TimingMinIncreaseMs), page.L);
            }
            var open = (await alerts.ListAsync(all: false, ct: ct)).Where(i => i.PortalId == id).ToList();
            var own = (await grades.ListAsync(null, ct)).Where(g => Provinces.Same(g.Province, row.Province)).ToList();
            var entry = manifests.FirstOrDefault(m => m.Id == id || m.Id == ReplicaIds.RealIdOf(id))?.EntryUrl.ToString() ?? "";
            // Each graded edition beside the machine results of its evaluation period (when the lab has configured it).
            var editions = new List<EditionLayer>();
            foreach (var year in own.Select(g => g.ReportYear).Distinct().OrderByDescending(y => y))
            {
                if (comparison.Period(year, out _) is not var (from, to)) continue;
                var inPeriod = (await store.PortalCellsAsync(id, from, series, ct)).Where(c => c.At <= to)
                    .GroupBy(c => c.Cell.IndicatorId).Select(g => g.Last().Cell).ToList();
                foreach (var layer in Core.Catalogue.IndicatorCatalogue.Layers.Append("overall"))
                {
                    var observed = inPeriod.Where(c => indicators.Any(i => i.ProbeKey == c.IndicatorId && (layer == "overall" || i.Layer == layer)) && c.Outcome is not (Outcome.Blocked or Outcome.Error)).ToList();
                    var human = own.FirstOrDefault(g => g.ReportYear == year && (layer == "overall" ? g.Layer is null : g.Layer == layer) && g.IndexIndicator is null && g.EvaluatorGroup is null);
                    if (observed.Count == 0 && human is null) continue;
                    editions.Add(new EditionLayer(year, layer, human?.Grade ?? human?.Score?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
                        observed.Count(c => c.Outcome == Outcome.Pass), observed.Count));
                }
            }
            return Page<PortalPage>(new() { ["Model"] = new PortalModel(page, row, entry, indicators, strips, svg, open, own, editions) });
        });

        dash.MapGet("/incidents", async (HttpContext http, IAntiforgery antiforgery, ZhangbanProbe.Alerting.AlertService alerts, ZhangbanProbe.Application.Definitions.DefinitionsStore data, string? done, CancellationToken ct) =>
        {
            var page = Context(http, antiforgery);
            return Page<IncidentsPage>(new() { ["Model"] = await IncidentsAsync(page, alerts, data, done, ct) });
        });

        foreach (var action in new[] { "approve", "reject", "acknowledge", "dispute" })
        {
            dash.MapPost($"/incidents/{{id:long}}/{action}", async (HttpContext http, IAntiforgery antiforgery, long id, [FromForm] string? comment,
                ZhangbanProbe.Alerting.AlertService alerts, ZhangbanProbe.Application.Definitions.DefinitionsStore data, CancellationToken ct) =>
            {
                var page = Context(http, antiforgery);
                var incident = await alerts.GetAsync(id, ct);
                if (incident is null) return Results.NotFound();
                var province = Row(incident.PortalId, data.Select([], []).Portals).Province;
                var allowed = action is "approve" or "reject" ? page.User.Role == AccessRole.Researcher : page.User.Role == AccessRole.Province && page.User.MaySee(province);
                if (!allowed) return Results.StatusCode(403);
                var by = page.User.Name;
                try
                {
                    var message = action switch
                    {
                        "approve" => await alerts.ApproveAsync(id, by, comment, ct),
                        "reject" => await alerts.RejectAsync(id, by, comment ?? "", ct),
                        "acknowledge" => await alerts.RespondAsync(id, ZhangbanProbe.Core.Alerts.IncidentTransition.Acknowledged, by, comment, ct),
                        _ => await alerts.RespondAsync(id, ZhangbanProbe.Core.Alerts.IncidentTransition.Disputed, by, comment, ct),
                    };
                    return Results.Redirect($"/dash/incidents?done={Uri.EscapeDataString(message)}");
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    return Page<IncidentsPage>(new() { ["Model"] = await IncidentsAsync(page, alerts, data, $"{page.L["error.input"]}: {ex.Message}", ct) }, 400);
                }
            });
        }

        dash.MapGet("/evidence/{run:guid}/{portal}/{indicator}/{n:int}", async (HttpContext http, Guid run, string portal, string indicator, int n,
            ProbeStore store, ZhangbanProbe.Application.Definitions.DefinitionsStore data, EvidenceWriter evidence, CancellationToken ct) =>
        {
            var user = Who(http);
            var result = await store.GetResultAsync(run, portal, indicator, ct);
            if (result is null || n < 0 || n >= result.Evidence.Count) return Results.NotFound();
            if (!user.MaySee(Row(portal, data.Select([], []).Portals).Province)) return Results.StatusCode(403);
            var check = EvidenceCheck.Verify(result.Evidence[n], evidence.Root);
            // A changed or missing file is never served as the evidence.
            if (check.Integrity is not (EvidenceIntegrity.Intact or EvidenceIntegrity.NotRecorded) || check.FullPath is null) return Results.StatusCode(410);
            return Results.File(check.FullPath, EvidenceCheck.ContentType(check.FullPath));
        });
    }

    private static RazorComponentResult Page<T>(Dictionary<string, object?> parameters, int status = 200) where T : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<T>(parameters) { StatusCode = status };

    private static async Task<RunsModel> RunsAsync(PageContext page, ProbeStore store, ZhangbanProbe.Application.Definitions.DefinitionsStore data, string? message, CancellationToken ct)
    {
        var outbox = page.Services.GetRequiredService<ResultOutbox>();
        var alerts = page.Services.GetRequiredService<ZhangbanProbe.Alerting.AlertService>();
        var runs = await store.ListRunsAsync(30, ct);
        var counts = await store.StoredCountsAsync(runs.Select(r => r.Id).ToList(), ct);
        var (selection, _, manifests, _) = data.Select([], []);
        return new RunsModel(page, runs.Select(r => new RunLine(r, counts.GetValueOrDefault(r.Id), r.PortalIds.Count * r.IndicatorIds.Count)).ToList(),
            manifests.Select(m => new PortalRow(m.Id, m.Province, m.Platform)).ToList(), selection?.Indicators ?? [], message,
            page.User.Role is AccessRole.Researcher or AccessRole.Operator)
        {
            Health = (outbox.Pending, outbox.SetAside.Count, await alerts.CountDeadAsync(ct)),
            Definitions = data.Current(),
        };
    }

    private static async Task<IncidentsModel> IncidentsAsync(PageContext page, ZhangbanProbe.Alerting.AlertService alerts, ZhangbanProbe.Application.Definitions.DefinitionsStore data, string? message, CancellationToken ct)
    {
        var manifests = data.Select([], []).Portals;
        var incidents = (await alerts.ListAsync(all: true, ct: ct)).Select(i => (i, Row(i.PortalId, manifests)))
            .Where(x => page.User.MaySee(x.Item2.Province))
            .OrderBy(x => x.i.Status == ZhangbanProbe.Core.Alerts.IncidentStatus.Open ? 0 : 1).ThenByDescending(x => x.i.OpenedAtUtc).ToList();
        return new IncidentsModel(page, incidents, message);
    }

    private static Principal Who(HttpContext http) => new(
        long.TryParse(http.User.FindFirstValue(TokenIdClaim), out var id) ? id : -1,
        http.User.Identity?.Name ?? "",
        StateCode.TryParse<AccessRole>(http.User.FindFirstValue(ClaimTypes.Role), out var role) ? role : AccessRole.Province,
        http.User.FindFirstValue(ProvinceClaim));

    private static PageContext Context(HttpContext http, IAntiforgery antiforgery) =>
        new(Who(http), new Labels(http.Request.Cookies[LanguageCookie] ?? "zh"), http.Request.Path + http.Request.QueryString,
            antiforgery.GetAndStoreTokens(http).RequestToken ?? "") { Services = http.RequestServices };

    /// <summary>A platform row for a portal id; replica ids borrow the real portal's province and name.</summary>
    private static PortalRow Row(string portalId, IReadOnlyList<PortalManifest> manifests)
    {
        var m = manifests.FirstOrDefault(p => p.Id == portalId) ?? manifests.FirstOrDefault(p => p.Id == ReplicaIds.RealIdOf(portalId));
        return new PortalRow(portalId, m?.Province ?? "", m?.Platform ?? portalId);
    }

    /// <summary>Only local paths: a login link can never send anyone to another site.</summary>
    /// <summary>A return address only when it is a plain local path: no scheme, no //host or /\\host, no backslash, no
    /// control or white-space characters (browsers drop a tab or newline, so <c>/\t/evil.example</c> is <c>//evil.example</c>).</summary>
    public static string LocalOr(string? url, string fallback) =>
        !string.IsNullOrEmpty(url) && url.Length <= 2000 && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.Contains('\\') && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) ? url : fallback;
}
