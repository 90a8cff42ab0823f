using System.ComponentModel.DataAnnotations;

namespace ZhangbanProbe.Probing.Running;

/// <summary>Retries and circuit breaking around each probe attempt. Section <c>Resilience</c>.</summary>
public sealed class ResilienceOptions
{
    public const string Section = "Resilience";

    /// <summary>Retries after a transient failure (network, refused connection, HTTP 5xx, browser crash). Default: 2.
    /// Timeouts are not retried: a portal that hangs would only be made to hang again.</summary>
    [Range(0, 5)]
    public int Retries { get; set; } = 2;

    /// <summary>First retry delay; later ones double, with jitter. Default: 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed attempts against one host, with no success between, that open its circuit. Default: 5.</summary>
    [Range(2, 1000)]
    public int BreakerFailures { get; set; } = 5;

    /// <summary>Window in which those failures are counted. Default: 10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BreakerWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an open circuit stops all probes of that host. Default: 15 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(15);
}
