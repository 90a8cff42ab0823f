using ZhangbanProbe.Core.Alerts;
using System.ComponentModel.DataAnnotations;

namespace ZhangbanProbe.Alerting;

/// <summary>Regression alerts: rules, routing and channels. Section <c>Alerts</c>.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Evaluate alerts after every run and send what is due. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// A province's notifications wait until a researcher approves the incident (`zhangban alerts approve`, or
    /// POST /api/incidents/{id}/approve); research channels hear at once. Default: true.
    /// </summary>
    public bool ProvinceReview { get; set; } = true;

    /// <summary>How often `serve` sends due notifications (retries with backoff included), without waiting for a run. Default: 30 s.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Quartz cron of the digest (one per digest channel), sent by `serve` once per fire across clustered workers; empty: no scheduled digest.</summary>
    public string? DigestCron { get; set; }

    /// <summary>Time zone of <see cref="DigestCron"/>. Default: Asia/Shanghai.</summary>
    public string DigestTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Message language: <c>zh</c> (default) or <c>en</c>.</summary>
    [RegularExpression("^(zh|en)$", ErrorMessage = "Alerts:Language must be 'zh' or 'en'")]
    public string Language { get; set; } = "zh";

    /// <summary>Consecutive failing runs that open a portal incident. Default: 2.</summary>
    [Range(1, 100)] public int FailuresToOpen { get; set; } = 2;
    /// <summary>Consecutive passing runs that resolve it. Default: 2.</summary>
    [Range(1, 100)] public int PassesToResolve { get; set; } = 2;
    /// <summary>Consecutive blocked/error runs that raise an operator alert (never a portal alert). Default: 3.</summary>
    [Range(1, 100)] public int UnobservedToAlertOperators { get; set; } = 3;
    /// <summary>Count <c>degraded</c> as failing (timing is judged statistically anyway). Default: false.</summary>
    public bool DegradedCountsAsFailure { get; set; }

    /// <summary>Remind about an ongoing incident this often. Default: 1 day. Zero disables reminders.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Timing baseline: the portal's own previous runs. Default: 14.</summary>
    [Range(3, 365)] public int TimingBaselineRuns { get; set; } = 14;
    /// <summary>Recent runs compared with the baseline. Default: 3.</summary>
    [Range(1, 30)] public int TimingRecentRuns { get; set; } = 3;
    /// <summary>Significance of the one-sided Mann–Whitney U test. Default: 0.01.</summary>
    [Range(0.0001, 0.2)] public double TimingAlpha { get; set; } = 0.01;
    /// <summary>Minimum effect: recent median at least this multiple of the baseline median (±20 % noise can reach 1.5×). Default: 1.75.</summary>
    [Range(1.0, 100)] public double TimingMinRatio { get; set; } = 1.75;
    /// <summary>Minimum effect in absolute terms, ms. Default: 200.</summary>
    [Range(0, 600000)] public double TimingMinIncreaseMs { get; set; } = 200;

    /// <summary>Channels that receive every portal alert (the research team). Names from <see cref="Channels"/>.</summary>
    public List<string> ResearchChannels { get; set; } = [];
    /// <summary>Channels that receive operator alerts (persistently blocked or erroring probes).</summary>
    public List<string> OperatorChannels { get; set; } = [];
    /// <summary>Province routing: portal id or province name → channel names (the province's platform team).</summary>
    public Dictionary<string, List<string>> Provinces { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Named channels.</summary>
    public Dictionary<string, ChannelOptions> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Channels that get one digest message (per channel, so one per province when each province has its own)
    /// instead of a message per transition; sent by `zhangban alerts digest` (e.g. nightly from cron). Default: none.
    /// </summary>
    public List<string> DigestChannels { get; set; } = [];

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Send attempts before a notification is marked dead (kept and listed, never dropped). Default: 12.</summary>
    [Range(1, 1000)] public int MaxAttempts { get; set; } = 12;
    /// <summary>First retry delay; doubles per attempt with jitter, capped at 6 h. Default: 1 min.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Replaced by <see cref="PublicBaseUrl"/>: refused at start, naming the new key.</summary>
    public string? EvidenceBaseUrl { get; set; }

    /// <summary>
    /// Where `serve` is reachable from outside (e.g. https://probe.lab.example.cn): messages carry a signed, expiring
    /// link per result under <c>{PublicBaseUrl}/evidence/...</c>, answered by `serve` with the evidence page. Without
    /// it messages say the evidence is kept on the worker (and `serve` warns at start). Needs <see cref="LinkSecret"/>.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The HMAC secret signing evidence links (at least 32 characters; the same on every worker).</summary>
    public string? LinkSecret { get; set; }

    /// <summary>How long an evidence link opens its result. Default: 30 days.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>One channel: <c>email</c> (To), <c>webhook</c> (Url), <c>wecom</c> (Url) or <c>dingtalk</c> (Url, Secret).</summary>
public sealed class ChannelOptions
{
    /// <summary>As configured (email, webhook, wecom, dingtalk); read through <see cref="Kind"/>, checked at start.</summary>
    public string Type { get; set; } = "";
    /// <summary>The channel type, meaningful only when <see cref="HasKnownType"/> (start refuses any other).</summary>
    public ChannelType Kind => ZhangbanProbe.Core.StateCode.TryParse<ChannelType>(Type, out var t) ? t : default;
    public bool HasKnownType => ZhangbanProbe.Core.StateCode.TryParse<ChannelType>(Type, out _);
    public List<string> To { get; set; } = [];
    public string? Url { get; set; }
    public string? Secret { get; set; }
    /// <summary>Overrides <see cref="AlertOptions.Language"/> for this channel.</summary>
    public string? Language { get; set; }
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    /// <summary>auto, none, starttls or ssl. Default: auto.</summary>
    public string Security { get; set; } = "auto";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "zhangban@localhost";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}
