namespace ZhangbanProbe.Core.Runs;

/// <summary>What started a run.</summary>
public enum RunOrigin
{
    /// <summary>`zhangban run` by hand: ad hoc, shown beside a series, never part of it.</summary>
    Cli,
    /// <summary>A scheduled sweep (or `zhangban run --as-sweep NAME` from an operator's cron): the series streaks, baselines and compare read.</summary>
    Sweep,
    /// <summary>An ad-hoc run through the API.</summary>
    Api,
}

/// <summary>What a run probes.</summary>
public enum RunTarget
{
    /// <summary>The real portals of the manifests.</summary>
    Real,
    /// <summary>Local replica portals: never incidents, notifications, baselines or comparison with human grades (unless asked).</summary>
    Replicas,
}

/// <summary>The browser profile a result was taken in.</summary>
public enum BrowserProfile
{
    /// <summary>A phone's browser (Pixel 7 emulation): the default, these are mobile platforms.</summary>
    Mobile,
    Desktop,
    /// <summary>The platform app's web view: the phone profile with the app's user-agent token, on the H5 entry when the manifest names one.</summary>
    App,
}

/// <summary>
/// The one place a run's trigger text ("cli", "api", "replicas", "schedule:NAME") is read. Storage keeps the typed
/// fields; everything else compares enums.
/// </summary>
public static class RunTriggers
{
    public const string Cli = "cli";
    public const string Api = "api";
    public const string Replicas = "replicas";
    private const string SchedulePrefix = "schedule:";

    public static string Schedule(string sweep) => SchedulePrefix + sweep;

    public static RunOrigin Origin(string trigger) =>
        trigger.StartsWith(SchedulePrefix, StringComparison.Ordinal) ? RunOrigin.Sweep
        : trigger == Api ? RunOrigin.Api
        : RunOrigin.Cli;

    public static RunTarget Target(string trigger) => trigger == Replicas ? RunTarget.Replicas : RunTarget.Real;

    /// <summary>The sweep's name for a sweep run, else null.</summary>
    public static string? Series(string trigger) =>
        trigger.StartsWith(SchedulePrefix, StringComparison.Ordinal) ? trigger[SchedulePrefix.Length..] : null;

    public static string ToCode(this RunOrigin o) => o switch { RunOrigin.Sweep => "sweep", RunOrigin.Api => "api", _ => "cli" };
    public static string ToCode(this RunTarget t) => t == RunTarget.Replicas ? "replicas" : "real";
    public static string ToCode(this BrowserProfile p) => StateCode.Of(p);

    public static RunOrigin ParseOrigin(string code) => code == "sweep" ? RunOrigin.Sweep : code == "api" ? RunOrigin.Api : RunOrigin.Cli;
    public static RunTarget ParseTarget(string code) => code == "replicas" ? RunTarget.Replicas : RunTarget.Real;

    public static BrowserProfile ParseProfile(string? profile) =>
        StateCode.TryParse<BrowserProfile>(profile, out var p) ? p : BrowserProfile.Mobile;
}

/// <summary>
/// Replica portals have ids of their own (<c>replica-beijing</c>), never a real portal's, so no replica result can
/// enter a real portal's history; <c>--replicas --portal beijing</c> keeps working as an alias.
/// </summary>
public static class ReplicaIds
{
    public const string Prefix = "replica-";

    public static string For(string siteId) => siteId.StartsWith(Prefix, StringComparison.Ordinal) ? siteId : Prefix + siteId;

    public static bool IsReplica(string portalId) => portalId.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The real portal a replica models (for comparison with human grades when asked), or the id itself.</summary>
    public static string RealIdOf(string portalId) => IsReplica(portalId) ? portalId[Prefix.Length..] : portalId;
}

/// <summary>Which stored results form one history: by default the scheduled sweeps on real portals, in one profile.</summary>
public sealed record SeriesFilter(BrowserProfile Profile = BrowserProfile.Mobile, bool SweepsOnly = true, RunTarget Target = RunTarget.Real);
