using System.ComponentModel.DataAnnotations;

namespace ZhangbanProbe.Probing.Browser;

/// <summary>How the browser is found and how each probe's context looks. Section <c>Browser</c>.</summary>
public sealed class BrowserOptions : IValidatableObject
{
    public const string Section = "Browser";

    /// <summary>Chromium or Chrome executable. Default: empty, meaning discover (Playwright's own browser, then — headless — /usr/bin/chromium-headless-shell, then /usr/bin/chromium and the usual names).</summary>
    public string? ExecutablePath { get; set; }

    /// <summary>Run without a window. Default: true.</summary>
    public bool Headless { get; set; } = true;

    /// <summary><c>mobile</c> (default; these are mobile platforms, emulated as a Pixel 7), <c>desktop</c> (1366×768) or
    /// <c>app</c> (the platform app's web view: the phone with the app's user-agent token, on its H5 entry).</summary>
    [RegularExpression("^(mobile|desktop|app)$", ErrorMessage = "Browser:Profile must be 'mobile', 'desktop' or 'app'")]
    public string Profile { get; set; } = "mobile";
    /// <summary>The profile, typed. A bad text never gets this far: start refuses it, naming the key.</summary>
    public ZhangbanProbe.Core.Runs.BrowserProfile ProfileKind =>
        ZhangbanProbe.Core.StateCode.TryParse<ZhangbanProbe.Core.Runs.BrowserProfile>(Profile, out var p) ? p : ZhangbanProbe.Core.Runs.BrowserProfile.Mobile;

    /// <summary>Locale of every context. Default: zh-CN.</summary>
    public string Locale { get; set; } = "zh-CN";

    /// <summary>Time zone of every context. Default: Asia/Shanghai.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Bound on one navigation or page action. Default: 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan NavigationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on one whole (portal, probe) pair, all its page loads included. Default: 2 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Contexts one browser serves before a new one takes over (the old one closes when its last context closes), so
    /// memory stays flat over long sweeps; 0 never recycles.
    /// </summary>
    public int RecycleAfterContexts { get; set; } = 300;

    /// <summary>
    /// PEM file of certificates to trust besides the system roots (a lab or private CA; the replica test CA).
    /// transport-security validates chains against them; the browser ignores certificate errors for their public
    /// keys so the other probes can load such sites. Default: none.
    /// </summary>
    public string? ExtraRootCertificates { get; set; }

    /// <summary>
    /// Resident memory one page renderer may take before it is killed (its probe: <c>error browser-crash</c>; the run
    /// goes on), in MiB; V8's heap is held to three quarters of it. 0: no limit. Default: 1024.
    /// </summary>
    [Range(0, 65536)]
    public int RendererMemoryLimitMiB { get; set; } = 1024;

    /// <summary>Popups one context keeps open at once (the tabs a probe's clicks open); more are closed and counted. Default: 3.</summary>
    [Range(1, 50)]
    public int MaxPopupsPerContext { get; set; } = 3;

    /// <summary>Extra Chromium arguments, added to the defaults (no sandbox as root, no background networking).</summary>
    public List<string> ExtraArguments { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ExtraRootCertificates) && !File.Exists(ExtraRootCertificates))
            yield return new ValidationResult($"Browser:ExtraRootCertificates: no such file '{ExtraRootCertificates}'", [nameof(ExtraRootCertificates)]);
        if (RecycleAfterContexts < 0)
            yield return new ValidationResult($"Browser:RecycleAfterContexts must be 0 (never) or a positive number of contexts, not {RecycleAfterContexts}", [nameof(RecycleAfterContexts)]);
    }
}
