using System.ComponentModel.DataAnnotations;

namespace ZhangbanProbe.Worker;

/// <summary>What a sweep does when the scheduler was down at its fire time.</summary>
public enum MisfirePolicy
{
    /// <summary>One sweep as soon as the scheduler is back.</summary>
    CatchUpOnce,
    /// <summary>Wait for the next fire time.</summary>
    Skip,
}

/// <summary>One scheduled sweep: which portal group, when, and how the start times are spread.</summary>
public sealed class SweepOptions
{
    /// <summary>Portal group (manifest <c>group</c>) this sweep covers; <c>*</c> for all. Default: *.</summary>
    public string Group { get; set; } = "*";

    /// <summary>Quartz cron expression (seconds first). Default: 0 0 2 * * ? — 02:00 every night.</summary>
    public string Cron { get; set; } = "0 0 2 * * ?";

    /// <summary>Time zone of the cron expression. Default: Asia/Shanghai.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Indicator probes to run (empty: every probe in the catalogue). Default: all.</summary>
    public List<string> Indicators { get; set; } = [];

    /// <summary>Portals start at random times within this window after the fire time, in random order, so no
    /// province is always first or last and no host sees a burst. Default: 20 min.</summary>
    public TimeSpan Spread { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>What to do when the scheduler was down at fire time: <c>catch-up-once</c> (run one sweep as soon as
    /// possible) or <c>skip</c> (wait for the next fire time). Default: catch-up-once.</summary>
    [RegularExpression("^(catch-up-once|skip)$", ErrorMessage = "Schedule:Sweeps:n:Misfire must be 'catch-up-once' or 'skip'")]
    public string Misfire { get; set; } = "catch-up-once";
    /// <summary>The misfire policy, typed. A bad text never gets this far: start refuses it, naming the key.</summary>
    public MisfirePolicy MisfirePolicy => ZhangbanProbe.Core.StateCode.TryParse<MisfirePolicy>(Misfire, out var m) ? m : MisfirePolicy.CatchUpOnce;
}

/// <summary>Scheduling of `serve`. Section <c>Schedule</c>.</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedule";

    /// <summary>Named sweeps. Default: one, "nightly", all portals at 02:00 Asia/Shanghai.</summary>
    public Dictionary<string, SweepOptions> Sweeps { get; set; } = new() { ["nightly"] = new SweepOptions() };

    /// <summary>How often a clustered worker records it is alive; a worker silent for longer is presumed dead and
    /// its unfinished probes are recovered by another. Default: 7.5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>A fire later than this counts as misfired (the sweep's Misfire policy applies). Default: 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the service looks for runs whose portal jobs have all ended and ends them (completed, or
    /// incomplete naming the pairs without a result); a run is left alone for this long after it starts. Default: 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RunAuditInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long shutdown waits for probes in flight before handing them back (they are recovered by
    /// another worker or on restart). Default: 2 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>The HTTP API of `serve`. Section <c>Api</c>.</summary>
public sealed class ApiOptions : IValidatableObject
{
    public const string Section = "Api";

    /// <summary>Where the API, /healthz and /metrics listen. Default: http://127.0.0.1:5080.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Bearer token the /api endpoints require. Default: empty — the API refuses every request (401).</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Host names the API answers to (Host header; a DNS-rebinding page cannot drive it from a browser). Default: the
    /// hosts of <see cref="Urls"/>, localhost and 127.0.0.1, plus the host of Alerts:PublicBaseUrl; "*" when listening on all interfaces.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Ad-hoc API runs in progress at once; one more is refused with 429. Default: 2.</summary>
    [Range(1, 100)] public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are believed (TLS ends there:
    /// cookies are then <c>Secure</c>). Default: none — forwarded headers are ignored.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Sign-in attempts per minute from one address; more is 429. Default: 10.</summary>
    [Range(1, 10_000)] public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Largest request body accepted (bytes); larger is 413. Default: 1 MB.</summary>
    [Range(1024, 100_000_000)] public long MaxBodyBytes { get; set; } = 1_000_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Token) && Token.Length < 16)
            yield return new ValidationResult("Api:Token must be at least 16 characters", [nameof(Token)]);
        for (var i = 0; i < TrustedProxies.Count; i++)
            if (!System.Net.IPAddress.TryParse(TrustedProxies[i], out _))
                yield return new ValidationResult($"Api:TrustedProxies:{i} '{TrustedProxies[i]}' is not an IP address", [nameof(TrustedProxies)]);
    }
}
