using ZhangbanProbe.Core.Outcomes;

namespace ZhangbanProbe.Tests.Core;

[Trait("Category", "Unit")]
public class FailureClassifierTests
{
    [Theory]
    [InlineData("net::ERR_NAME_NOT_RESOLVED at https://x.gov.cn/", Outcome.Error, Reason.Dns, true)]
    [InlineData("net::ERR_CONNECTION_REFUSED at http://127.0.0.1:1/", Outcome.Error, Reason.ConnectionRefused, false)]
    [InlineData("net::ERR_CONNECTION_RESET", Outcome.Error, Reason.Network, false)]
    [InlineData("net::ERR_CERT_DATE_INVALID at https://x/", Outcome.Error, Reason.CertificateInvalid, true)]
    [InlineData("net::ERR_CERT_AUTHORITY_INVALID", Outcome.Error, Reason.CertificateInvalid, true)]
    [InlineData("net::ERR_SSL_PROTOCOL_ERROR", Outcome.Error, Reason.TlsHandshake, false)]
    [InlineData("net::ERR_TIMED_OUT", Outcome.Error, Reason.Timeout, true)]
    [InlineData("net::ERR_TOO_MANY_REDIRECTS", Outcome.Fail, Reason.DeadLink, true)]
    [InlineData("Target page, context or browser has been closed", Outcome.Error, Reason.BrowserCrash, false)]
    [InlineData("Target crashed", Outcome.Error, Reason.BrowserCrash, false)]
    public void Maps_browser_messages_to_reasons(string message, Outcome outcome, Reason reason, bool permanent)
    {
        var c = FailureClassifier.Classify(new Exception(message));
        Assert.Equal((outcome, reason, permanent), (c.Outcome, c.Reason, c.Permanent));
    }

    [Fact]
    public void Timeouts_are_errors_and_not_retried_a_hung_portal_would_only_hang_again()
    {
        var c = FailureClassifier.Classify(new TimeoutException("Timeout 30000ms exceeded."));
        Assert.Equal((Outcome.Error, Reason.Timeout, true), (c.Outcome, c.Reason, c.Permanent));
    }

    [Fact]
    public void One_retry_truth_the_resilience_pipeline_retries_exactly_what_the_classifier_calls_transient()
    {
        foreach (var outcome in Enum.GetValues<Outcome>())
            foreach (var reason in Enum.GetValues<Reason>())
            {
                var observation = new ZhangbanProbe.Core.Results.ProbeObservation { Outcome = outcome, Reason = reason };
                Assert.Equal(!new FailureClassification(outcome, reason, "").Permanent, ZhangbanProbe.Probing.Running.PortalResilience.IsTransient(observation));
            }
        var tryAgain = FailureClassifier.Classify(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.TryAgain));
        Assert.Equal((Reason.Network, false), (tryAgain.Reason, tryAgain.Permanent));
    }

    [Fact]
    public void Unknown_exceptions_are_probe_bugs_not_portal_failures()
    {
        var c = FailureClassifier.Classify(new NullReferenceException("boom"));
        Assert.Equal(Outcome.Error, c.Outcome);
        Assert.Equal(Reason.ProbeBug, c.Reason);
        Assert.Contains("NullReferenceException", c.Message);
    }

    [Theory]
    [InlineData(200, null)]
    [InlineData(301, null)]
    [InlineData(404, Reason.HttpNotFound)]
    [InlineData(403, Reason.HttpClientError)]
    [InlineData(500, Reason.HttpServerError)]
    [InlineData(503, Reason.HttpServerError)]
    public void Maps_document_status(int status, Reason? expected)
    {
        Assert.Equal(expected, FailureClassifier.ClassifyStatus(status)?.Reason);
    }

    [Fact]
    public void Not_found_is_permanent_and_server_errors_are_not()
    {
        Assert.True(FailureClassifier.ClassifyStatus(404)!.Permanent);
        Assert.False(FailureClassifier.ClassifyStatus(502)!.Permanent);
    }

    [Fact]
    public void Network_errors_outside_the_browser_are_classified_by_their_socket_error()
    {
        var dns = FailureClassifier.Classify(new HttpRequestException("no such host", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound)));
        Assert.Equal((Outcome.Error, Reason.Dns, true), (dns.Outcome, dns.Reason, dns.Permanent));
        var refused = FailureClassifier.Classify(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        Assert.Equal((Reason.ConnectionRefused, false), (refused.Reason, refused.Permanent));
        var handshake = FailureClassifier.Classify(new System.Security.Authentication.AuthenticationException("handshake failed"));
        Assert.Equal(Reason.TlsHandshake, handshake.Reason);
        // HttpClient's own timeout is a cancellation wrapping a TimeoutException: a timeout, not a cancelled run.
        var timeout = FailureClassifier.Classify(new TaskCanceledException("canceled", new TimeoutException("HttpClient.Timeout of 10 seconds elapsed")));
        Assert.Equal(Reason.Timeout, timeout.Reason);
        Assert.Equal(Reason.Cancelled, FailureClassifier.Classify(new OperationCanceledException()).Reason);
    }
}
