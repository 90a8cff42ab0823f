using ZhangbanProbe.Application.Runs;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using Quartz;
using ZhangbanProbe.Application.Composition;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Storage;
using ZhangbanProbe.Dashboard;

namespace ZhangbanProbe.Worker;

/// <summary>
/// The `serve` process: the shared composition plus Quartz (clustered on PostgreSQL, in memory on SQLite), the outbox
/// flusher, the HTTP API, /healthz and /metrics.
/// </summary>
public static class ServeHost
{
    public static WebApplication Build(IDictionary<string, string?> overrides, bool verbose)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Clear();
        ZhangbanHost.AddSources(builder.Configuration, overrides);
        builder.Logging.ClearProviders();
        // Structured (JSON) logs with scopes: every probe's lines carry its run, portal and indicator.
        builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ "; o.UseUtcTimestamp = true; });
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("ZhangbanProbe", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.Services.AddZhangbanProbe(builder.Configuration);
        builder.Services.AddZhangbanService(builder.Configuration);
        builder.Services.AddDashboard();
        var api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.WebHost.UseUrls(api.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = api.MaxBodyBytes);
        var publicBase = builder.Configuration["Alerts:PublicBaseUrl"];
        builder.Services.AddHostFiltering(o =>
        {
            var hosts = api.AllowedHosts.Count > 0 ? api.AllowedHosts : DefaultAllowedHosts(api.Urls, publicBase);
            o.AllowedHosts = hosts;
            o.AllowEmptyHosts = false;
        });

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(DashboardEndpoints.LoginRateLimit, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = api.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        var app = builder.Build();
        if (api.TrustedProxies.Count > 0)
        {
            // Behind a TLS reverse proxy: its forwarded scheme and client address are believed, from it only.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in api.TrustedProxies) forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            app.UseForwardedHeaders(forwarded);
        }
        app.Use(SecurityHeaders);
        app.UseHostFiltering();
        app.UseRateLimiter();
        if (string.IsNullOrEmpty(api.Token))
            app.Logger.LogWarning("Api:Token is not set: the run API and /metrics refuse every request (401); /healthz answers its status only");
        // The token is checked before anything reads the body: an unauthenticated client cannot make the worker read 10 MB.
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/metrics"))
            {
                if (await ApiEndpoints.AuthenticateAsync(http) is not { } who)
                {
                    http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await http.Response.WriteAsJsonAsync(new { error = "missing, wrong or revoked bearer token (Authorization: Bearer <Api:Token or a token of `zhangban tokens add`>)" });
                    return;
                }
                var allowed = http.Request.Path.StartsWithSegments("/metrics") ? who.Role != ZhangbanProbe.Core.AccessRole.Province : ApiEndpoints.Allowed(who, http.Request.Path, http.Request.Method);
                if (!allowed)
                {
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await http.Response.WriteAsJsonAsync(new { error = $"a {ZhangbanProbe.Core.StateCode.Of(who.Role)} token may not do this" });
                    return;
                }
            }
            await next();
        });
        app.UseDashboard();
        app.MapGet("/", () => Results.Redirect("/dash")).AllowAnonymous();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealth });
        app.MapPrometheusScrapingEndpoint("/metrics");
        ApiEndpoints.Map(app);
        EvidenceEndpoints.Map(app);
        var alertOptions = app.Services.GetRequiredService<IOptions<ZhangbanProbe.Alerting.AlertOptions>>().Value;
        if (alertOptions.Enabled && string.IsNullOrWhiteSpace(alertOptions.PublicBaseUrl))
            app.Logger.LogWarning("Alerts:PublicBaseUrl is not set: messages say the evidence is kept on the worker instead of linking to it");
        return app;
    }

    /// <summary>Headers on every answer: no sniffing, no framing, no referrer, a strict CSP; nothing authenticated is cached.</summary>
    private static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            var path = http.Request.Path;
            if (!path.StartsWithSegments("/dash/assets")) h.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next();
    }

    public static IServiceCollection AddZhangbanService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScheduleOptions>().Bind(configuration.GetSection(ScheduleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RunScheduler>();
        services.AddSingleton<ZhangbanProbe.Application.Runs.IRunQueue>(sp => sp.GetRequiredService<RunScheduler>());
        services.AddSingleton<ZhangbanProbe.Application.Runs.AdHocRuns>();
        services.AddHostedService<OutboxFlusher>();
        services.AddHostedService<DefinitionsWatcher>();

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var schedule = configuration.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>() ?? new ScheduleOptions();
        var run = configuration.GetSection(RunOptions.Section).Get<RunOptions>() ?? new RunOptions();
        services.AddQuartz(q =>
        {
            // Clustering needs a distinct instance id per worker: generated (host name + time).
            q.ConfigureScheduler(o => { o.InstanceName = "zhangban"; o.GenerateInstanceId = true; });
            // Portal jobs run whole portals; the runner bounds pages globally and per host inside each.
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = Math.Max(1, run.Concurrency));
            if (storage.UsesPostgres)
            {
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(NpgsqlFactory.Instance, storage.PostgresConnectionString!);
                    s.UseSystemTextJsonSerializer();
                    s.ProvisionSchema();
                    s.ConfigureStore(o => o.MisfireThreshold = schedule.MisfireThreshold);
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = schedule.CheckinInterval;
                        c.CheckinMisfireThreshold = schedule.CheckinInterval * 2;
                    });
                });
            }
            else q.UseInMemoryStore(o => o.MisfireThreshold = schedule.MisfireThreshold);
        });
        services.AddHostedService<SweepRegistrar>(); // before Quartz starts: see SweepRegistrar
        services.AddHostedService<DigestRegistrar>();
        services.AddHostedService<NotificationPump>();
        services.AddHostedService<RunResumer>();
        services.AddSingleton<RunAuditor>();
        services.AddHostedService(sp => sp.GetRequiredService<RunAuditor>());
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = schedule.ShutdownTimeout);

        services.AddHealthChecks()
            .AddCheck<SchedulerHealthCheck>("scheduler")
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<DefinitionsHealthCheck>("definitions");
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(ProbeMetrics.MeterName, ServiceMetrics.MeterName, "Polly")
            .AddPrometheusExporter());
        services.AddSingleton<ServiceMetrics>();
        return services;
    }

    /// <summary>The hosts of the listening URLs (all when listening on every interface), loopback names, and the public base URL's host.</summary>
    public static List<string> DefaultAllowedHosts(string urls, string? publicBaseUrl)
    {
        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        foreach (var u in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(u.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var uri)) continue;
            if (uri.Host is "0.0.0.0" or "[::]" or "::") return ["*"];
            hosts.Add(uri.Host);
        }
        if (Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var pub)) hosts.Add(pub.Host);
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static async Task WriteHealth(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        // Public but minimal: the status. Details (checks, outbox) for researchers and operators only.
        if (await ApiEndpoints.AuthenticateAsync(http) is not { Role: not ZhangbanProbe.Core.AccessRole.Province })
        {
            await http.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString().ToLowerInvariant() }));
            return;
        }
        var outbox = http.RequestServices.GetRequiredService<ResultOutbox>();
        await http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), detail = e.Value.Description }),
            outboxPending = outbox.Pending,
            outboxSetAside = outbox.SetAside.Count,
        }));
    }
}

/// <summary>Checks the cron expressions and time zones of the sweeps at start (exit 2 naming the key).</summary>
public sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        var failures = new List<string>();
        foreach (var (sweep, s) in options.Sweeps)
        {
            if (!CronExpression.TryParse(s.Cron, out _)) failures.Add($"Schedule:Sweeps:{sweep}:Cron '{s.Cron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. '0 0 2 * * ?')");
            try { TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone); }
            catch (TimeZoneNotFoundException) { failures.Add($"Schedule:Sweeps:{sweep}:TimeZone '{s.TimeZone}' is not a known time zone"); }
            if (s.Spread < TimeSpan.Zero) failures.Add($"Schedule:Sweeps:{sweep}:Spread must not be negative");
            if (!ZhangbanProbe.Core.StateCode.TryParse<MisfirePolicy>(s.Misfire, out _)) failures.Add($"Schedule:Sweeps:{sweep}:Misfire must be 'catch-up-once' or 'skip'");
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}

public sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy($"scheduler {await scheduler.GetSchedulerInstanceId(cancellationToken)} running")
            : HealthCheckResult.Unhealthy($"scheduler {status}");
    }
}

public sealed class DatabaseHealthCheck(ProbeStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy(store.Describe())
            : HealthCheckResult.Unhealthy($"{store.Describe()} unreachable (results wait in the outbox)");
}

/// <summary>The definitions in use, and a newer edit of <c>probes/</c> that is not (degraded: sweeps go on with the last good snapshot).</summary>
public sealed class DefinitionsHealthCheck(ZhangbanProbe.Application.Definitions.DefinitionsStore definitions) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = definitions.Current();
        var problems = string.Join("; ", current.Problems.Take(10));
        return Task.FromResult(current switch
        {
            // Degraded, not unhealthy: the API, the dashboard and runs already planned still work.
            { Snapshot: null } => HealthCheckResult.Degraded($"no valid definitions: no sweep or run can be planned: {problems}"),
            { Problems.Count: > 0 } => HealthCheckResult.Degraded($"using {current.Snapshot.ShortHash}; the files on disk are not valid since {current.ProblemsSince:u}: {problems}"),
            _ => HealthCheckResult.Healthy($"definitions {current.Snapshot.ShortHash}"),
        });
    }
}
