using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using ZhangbanProbe.Core.Outcomes;
using Outcome = ZhangbanProbe.Core.Outcomes.Outcome;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Probing.Running;

/// <summary>
/// Named Polly pipelines, one per portal host (<c>probe-attempts:{host}</c>): retry with jittered exponential backoff
/// for transient failures only, inside a circuit breaker so a dead portal is not hammered. The attempt itself is
/// bounded by the runner (Browser:ProbeTimeout per attempt).
/// </summary>
public sealed class PortalResilience(IOptions<ResilienceOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
{
    private readonly ResiliencePipelineRegistry<string> _registry = new();

    /// <summary>A sign the host is down (counts towards opening its circuit): <see cref="FailureClassifier.IsHostFailure"/>.</summary>
    public static bool IsHostFailure(ProbeObservation o) => FailureClassifier.IsHostFailure(o.Outcome, o.Reason);

    /// <summary>Worth another attempt: the classifier's one retry truth (<see cref="FailureClassifier.IsTransient"/>).</summary>
    public static bool IsTransient(ProbeObservation o) => FailureClassifier.IsTransient(o.Outcome, o.Reason);

    public ResiliencePipeline<ProbeObservation> For(string host) =>
        _registry.GetOrAddPipeline<ProbeObservation>($"probe-attempts:{host.ToLowerInvariant()}", builder =>
        {
            var o = options.Value;
            builder.TimeProvider = time;
            // Outer: retries; inner: the breaker sees every attempt, and an open circuit is not retried.
            if (o.Retries > 0)
                builder.AddRetry(new RetryStrategyOptions<ProbeObservation>
                {
                    MaxRetryAttempts = o.Retries,
                    Delay = o.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && IsTransient(r)),
                });
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<ProbeObservation>
            {
                FailureRatio = 1.0,
                MinimumThroughput = o.BreakerFailures,
                SamplingDuration = o.BreakerWindow,
                BreakDuration = o.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && IsHostFailure(r)),
            });
            builder.ConfigureTelemetry(loggerFactory);
        });
}
