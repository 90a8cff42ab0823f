using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Running;
using ZhangbanProbe.Replicas;
using static ZhangbanProbe.Tests.Support.ProbeScenario;

namespace ZhangbanProbe.Tests.Running;

[Trait("Category", "Browser")]
[Collection("browser")]
public class ResilienceTests
{
    [Fact]
    public async Task A_portal_failing_twice_then_answering_passes_after_retries()
    {
        var flaky = new ReplicaSite { Id = "rs-flaky", Province = "浙江", FailFirst = 2 };
        var results = await RunAsync("gov-identity", [flaky], settings: new() { ["Resilience:Retries"] = "2", ["Resilience:RetryDelay"] = "00:00:00.100" });
        Assert.NotEqual(Reason.HttpServerError, results["rs-flaky"].Reason);
        Assert.Equal(3, results["rs-flaky"].Attempts);
        Assert.Equal(3, flaky.EntryRequests);
    }

    [Fact]
    public async Task A_dead_portal_opens_its_breaker_and_is_hit_no_more_than_the_threshold()
    {
        var dead = new ReplicaSite { Id = "rs-dead", Province = "浙江", Status = 500 };
        var indicators = new[] { "gov-identity", "privacy-policy", "english-mode", "elderly-mode", "feedback-channel", "offline-channels", "page-health", "search" };
        var all = new Dictionary<string, ProbeResult>();
        // One run per indicator, in one host (one breaker registry), like a sweep going through a portal's indicators.
        var results = await RunManyAsync(indicators, dead, new() { ["Resilience:Retries"] = "1", ["Resilience:RetryDelay"] = "00:00:00.050", ["Resilience:BreakerFailures"] = "3", ["Run:Concurrency"] = "1" });
        Assert.InRange(dead.EntryRequests, 3, 3); // the third failed attempt opens the circuit; nothing more reaches the host
        Assert.Contains(results, r => r.Reason == Reason.HttpServerError && r.Outcome == Outcome.Fail);
        Assert.Contains(results, r => r.Reason == Reason.CircuitOpen && r.Outcome == Outcome.Error);
        Assert.All(results.Where(r => r.Reason == Reason.CircuitOpen), r => Assert.Contains("circuit", r.Detail));
    }

    [Trait("Category", "Unit")]
    [Fact]
    public void Only_transient_failures_are_retried_and_only_host_failures_count_towards_the_breaker()
    {
        ProbeObservation O(Outcome o, Reason r) => ProbeObservation.Of(o, r);
        Assert.True(PortalResilience.IsTransient(O(Outcome.Fail, Reason.HttpServerError)));
        Assert.True(PortalResilience.IsTransient(O(Outcome.Error, Reason.Network)));
        Assert.False(PortalResilience.IsTransient(O(Outcome.Error, Reason.Dns)));               // permanent
        Assert.False(PortalResilience.IsTransient(O(Outcome.Error, Reason.CertificateInvalid))); // permanent
        Assert.False(PortalResilience.IsTransient(O(Outcome.Fail, Reason.HttpNotFound)));        // permanent
        Assert.False(PortalResilience.IsTransient(O(Outcome.Error, Reason.Timeout)));            // a hung portal is not asked again
        Assert.False(PortalResilience.IsTransient(O(Outcome.Blocked, Reason.Captcha)));
        Assert.True(PortalResilience.IsHostFailure(O(Outcome.Error, Reason.Timeout)));
        Assert.False(PortalResilience.IsHostFailure(O(Outcome.Fail, Reason.Missing)));           // the portal answered
        Assert.False(PortalResilience.IsHostFailure(O(Outcome.Error, Reason.BrowserCrash)));     // our fault, not the host's
    }
}
