using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZhangbanProbe.Application.Reporting;
using ZhangbanProbe.Application.Runs;
using ZhangbanProbe.Core;
using ZhangbanProbe.Core.Runs;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Storage;

namespace ZhangbanProbe.Worker;

/// <summary>Body of POST /api/incidents/{id}/approve and /reject: who decides, and a note (the reason, for a rejection).</summary>
public sealed record ReviewApiRequest(string? By, string? Note, string? Reason);

/// <summary>Body of POST /api/runs: portal ids or their hosts (empty: all), indicator keys (empty: all).</summary>
public sealed record RunApiRequest(List<string>? Portals, List<string>? Indicators, List<string>? Urls);

/// <summary>
/// The ad-hoc run API. Every request needs <c>Authorization: Bearer {Api:Token}</c>. Only portals the manifests
/// name can be probed (by id or by one of their hosts): this is not a proxy for probing arbitrary URLs.
/// </summary>
public static class ApiEndpoints
{
    private const string PrincipalKey = "zb_api_principal";

    /// <summary>
    /// Who the bearer token is — <c>Api:Token</c> (the bootstrap researcher) or a role token of `zhangban tokens`,
    /// checked on every request (a revoked token stops at once) — or null. Kept on the request for the endpoints.
    /// </summary>
    public static async Task<Principal?> AuthenticateAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        if (given.Length is 0 or > 200) return null;
        var who = await http.RequestServices.GetRequiredService<ZhangbanProbe.Application.Access.AccessTokens>().AuthenticateAsync(given, http.RequestAborted);
        if (who is not null) http.Items[PrincipalKey] = who;
        return who;
    }

    /// <summary>What each role may do on the API: researchers run and decide; operators run and watch; a province reads its own platforms' results.</summary>
    public static bool Allowed(Principal who, PathString path, string method) => who.Role switch
    {
        AccessRole.Researcher => true,
        AccessRole.Operator => !path.StartsWithSegments("/api/incidents"),
        AccessRole.Province => HttpMethods.IsGet(method) && path.StartsWithSegments("/api/runs"),
        _ => false,
    };

    private static Principal Who(HttpContext http) => (Principal)http.Items[PrincipalKey]!;

    public static void Map(WebApplication app)
    {
        // The token is checked by middleware before any body is read (ServeHost).
        var api = app.MapGroup("/api");

        api.MapPost("/runs", async (RunApiRequest? body, ZhangbanProbe.Application.Definitions.DefinitionsStore definitions, AdHocRuns adHoc, ProbeStore store, IOptions<ApiOptions> apiOptions, CancellationToken ct) =>
        {
            if (body is null) return Results.Json(new { error = "body must be JSON: {\"portals\": [ids or hosts], \"indicators\": [keys]}" }, statusCode: 400);
            // The definitions in use (a broken edit on disk keeps the last good ones, shown on /healthz).
            if (definitions.Current() is not { Snapshot: { } loaded })
                return Results.Json(new { error = "the portal manifests or the catalogue have problems", problems = definitions.Current().Problems }, statusCode: 500);
            var errors = new List<string>();
            if (body.Urls is { Count: > 0 })
                errors.Add("'urls' is not accepted: only portals named in the manifests can be probed; give their ids or hosts in 'portals'");
            var ids = new List<string>();
            foreach (var entry in body.Portals ?? [])
            {
                var byId = loaded.Portals.FirstOrDefault(p => string.Equals(p.Id, entry, StringComparison.OrdinalIgnoreCase));
                var host = Uri.TryCreate(entry, UriKind.Absolute, out var u) ? u.Host : entry;
                var byHost = loaded.Portals.FirstOrDefault(p => p.Hosts.Contains(host, StringComparer.OrdinalIgnoreCase));
                if (byId is not null) ids.Add(byId.Id);
                else if (byHost is not null && (u is null || u.Scheme is "http" or "https")) ids.Add(byHost.Id);
                else errors.Add($"portals: '{entry}' is neither a portal id nor a host of a portal in the manifests; arbitrary URLs are not probed");
            }
            if (errors.Count > 0) return Results.Json(new { error = string.Join("; ", errors), errors }, statusCode: 400);
            var started = await adHoc.StartAsync(ids, body.Indicators ?? [], apiOptions.Value.MaxConcurrentRuns, ct);
            if (started.Busy)
                return Results.Json(new { error = $"ad-hoc runs are in progress up to Api:MaxConcurrentRuns = {apiOptions.Value.MaxConcurrentRuns}; try again when one completes" }, statusCode: 429);
            if (started.Run is not { } run) return Results.Json(new { error = string.Join("; ", started.Errors), errors = started.Errors }, statusCode: 400);
            return Results.Json(new { runId = run.Id, status = StateCode.Of(run.Status), portals = run.PortalIds, indicators = run.IndicatorIds, href = $"/api/runs/{run.Id}" }, statusCode: 202);
        });

        foreach (var decision in new[] { "approve", "reject" })
        {
            api.MapPost($"/incidents/{{id:long}}/{decision}", async (HttpContext http, long id, ReviewApiRequest? body, ZhangbanProbe.Alerting.AlertService alerts, CancellationToken ct) =>
            {
                if (body is null) return Results.Json(new { error = "body must be JSON: {\"note\": \"...\"} (a rejection needs \"reason\")" }, statusCode: 400);
                // The decision is recorded under the authenticated token's name, never the body's say-so.
                var by = Who(http).Name;
                try
                {
                    var message = decision == "reject"
                        ? await alerts.RejectAsync(id, by, body.Reason ?? body.Note ?? "", ct)
                        : await alerts.ApproveAsync(id, by, body.Note, ct);
                    return Results.Json(new { incident = id, decision, by, message });
                }
                catch (ArgumentException ex) { return Results.Json(new { error = ex.Message }, statusCode: 400); }
                catch (KeyNotFoundException ex) { return Results.Json(new { error = ex.Message }, statusCode: 404); }
                catch (InvalidOperationException ex) { return Results.Json(new { error = ex.Message }, statusCode: 409); }
            });
        }

        api.MapGet("/runs/{id}", async (HttpContext http, string id, ProbeStore store, ZhangbanProbe.Application.Definitions.DefinitionsStore definitions, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var runId)) return Results.Json(new { error = $"'{id}' is not a run id" }, statusCode: 400);
            var run = await store.GetRunAsync(runId, ct);
            if (run is null) return Results.Json(new { error = $"no run {runId}" }, statusCode: 404);
            // The run is shown with the definitions it was planned with; a real portal's province also from the current ones.
            var portals = (await definitions.ViewAsync(run, ct)).Portals;
            var who = Who(http);
            if (who.Role == AccessRole.Province)
            {
                // A province reads its own platforms only: the rest of the run is not shown to it.
                string ProvinceOf(string portalId) => portals.FirstOrDefault(p => p.Id == ZhangbanProbe.Core.Runs.ReplicaIds.RealIdOf(portalId))?.Province ?? "";
                var own = run.PortalIds.Where(p => who.MaySee(ProvinceOf(p))).ToHashSet();
                if (own.Count == 0) return Results.Json(new { error = "this run measured none of your province's platforms" }, statusCode: 403);
                run = run with
                {
                    PortalIds = run.PortalIds.Where(own.Contains).ToList(),
                    Results = run.Results.Where(r => own.Contains(r.PortalId)).ToList(),
                    Missing = run.Missing.Where(m => own.Contains(m.PortalId)).ToList(),
                };
            }
            return Results.Json(RunJson.ToDto(run, portals), RunJson.Options);
        });
    }
}
