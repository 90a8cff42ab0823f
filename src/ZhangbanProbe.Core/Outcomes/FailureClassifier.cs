namespace ZhangbanProbe.Core.Outcomes;

/// <summary>How an exception raised while probing maps to an outcome and reason.</summary>
public sealed record FailureClassification(Outcome Outcome, Reason Reason, string Message)
{
    /// <summary>True when retrying cannot help (DNS failure, invalid certificate, 404, a hung host): not retried. The one retry truth.</summary>
    public bool Permanent => !FailureClassifier.IsTransient(Outcome, Reason);
}

/// <summary>
/// The one place that maps browser and network exceptions to reasons. Works on exception type names and
/// Chromium's net error codes (net::ERR_*), so it needs no browser to be tested.
/// </summary>
public static class FailureClassifier
{
    private static readonly (string Needle, Reason Reason)[] NetErrors =
    [
        ("ERR_NAME_NOT_RESOLVED", Reason.Dns),
        ("ERR_NAME_RESOLUTION_FAILED", Reason.Dns),
        ("ERR_ADDRESS_UNREACHABLE", Reason.Network),
        ("ERR_INTERNET_DISCONNECTED", Reason.Network),
        ("ERR_CONNECTION_REFUSED", Reason.ConnectionRefused),
        ("ERR_CONNECTION_RESET", Reason.Network),
        ("ERR_CONNECTION_CLOSED", Reason.Network),
        ("ERR_CONNECTION_ABORTED", Reason.Network),
        ("ERR_CONNECTION_FAILED", Reason.Network),
        ("ERR_EMPTY_RESPONSE", Reason.Network),
        ("ERR_NETWORK_CHANGED", Reason.Network),
        ("ERR_PROXY_CONNECTION_FAILED", Reason.Network),
        ("ERR_NETWORK_ACCESS_DENIED", Reason.Network),
        ("ERR_TIMED_OUT", Reason.Timeout),
        ("ERR_CONNECTION_TIMED_OUT", Reason.Timeout),
        ("ERR_CERT_", Reason.CertificateInvalid),
        ("ERR_BAD_SSL_CLIENT_AUTH_CERT", Reason.TlsHandshake),
        ("ERR_SSL_", Reason.TlsHandshake),
        ("ERR_TLS_", Reason.TlsHandshake),
        ("ERR_TOO_MANY_REDIRECTS", Reason.DeadLink),
        ("ERR_ABORTED", Reason.Network),
        ("ERR_BLOCKED_BY_CLIENT", Reason.EgressRefused),
        ("ERR_TUNNEL_CONNECTION_FAILED", Reason.EgressRefused),
    ];

    private static readonly string[] CrashNeedles =
    [
        "Target crashed",
        "Page crashed",
        "Browser has been closed",
        "Browser closed",
        "browser has been closed",
        "browser has disconnected",
        "Target page, context or browser has been closed",
        "Connection closed",
        "Browser.close",
        "has been closed",
    ];

    /// <summary>
    /// A sign the host is down: network errors, refused connections, failed handshakes, timeouts, DNS, server errors.
    /// Counts towards opening the host's circuit.
    /// </summary>
    public static bool IsHostFailure(Outcome outcome, Reason reason) =>
        (outcome == Outcome.Error && reason is Reason.Network or Reason.ConnectionRefused or Reason.TlsHandshake or Reason.Timeout or Reason.Dns)
        || (outcome == Outcome.Fail && reason == Reason.HttpServerError);

    /// <summary>
    /// Worth another attempt: a host failure other than DNS (the name does not exist) and timeouts (a hung portal would
    /// only hang again, and a retry storm is impolite), or a crashed browser (ours, not the host's). Everything else
    /// — verdicts, walls, 404s, certificate errors, probe bugs — is permanent. The resilience pipeline asks this.
    /// </summary>
    public static bool IsTransient(Outcome outcome, Reason reason) =>
        (IsHostFailure(outcome, reason) && reason is not (Reason.Dns or Reason.Timeout))
        || (outcome == Outcome.Error && reason == Reason.BrowserCrash);

    public static FailureClassification Classify(Exception exception)
    {
        // Unwrap aggregate/target-invocation wrappers down to the informative exception.
        while (exception is AggregateException { InnerExceptions.Count: 1 } agg) exception = agg.InnerExceptions[0];
        var message = exception.Message ?? "";
        var typeName = exception.GetType().Name;

        // HttpClient reports its own timeout as a cancellation wrapping a TimeoutException.
        if (exception is OperationCanceledException { InnerException: TimeoutException inner })
            return new(Outcome.Error, Reason.Timeout, Short(inner.Message));
        if (exception is OperationCanceledException && typeName != "TimeoutException")
            return new(Outcome.Error, Reason.Cancelled, Short(message));

        foreach (var (needle, reason) in NetErrors)
        {
            if (message.Contains(needle, StringComparison.Ordinal))
            {
                var outcome = reason == Reason.DeadLink ? Outcome.Fail : Outcome.Error;
                return new(outcome, reason, Short(message));
            }
        }

        if (exception is TimeoutException || typeName == "TimeoutException" ||
            message.StartsWith("Timeout ", StringComparison.Ordinal) || message.Contains("Timeout exceeded", StringComparison.Ordinal))
            return new(Outcome.Error, Reason.Timeout, Short(message));

        foreach (var needle in CrashNeedles)
        {
            if (message.Contains(needle, StringComparison.OrdinalIgnoreCase))
                return new(Outcome.Error, Reason.BrowserCrash, Short(message));
        }

        // .NET network stack (transport-security, HTTP checks): the socket error says what happened.
        var socket = exception as System.Net.Sockets.SocketException ?? exception.InnerException as System.Net.Sockets.SocketException;
        if (socket is not null)
        {
            return socket.SocketErrorCode switch
            {
                System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NoData
                    => new(Outcome.Error, Reason.Dns, Short(message)),
                // The resolver asked us to try again: a passing network fault, not a name that does not exist.
                System.Net.Sockets.SocketError.TryAgain => new(Outcome.Error, Reason.Network, "DNS: try again: " + Short(message)),
                System.Net.Sockets.SocketError.ConnectionRefused => new(Outcome.Error, Reason.ConnectionRefused, Short(message)),
                System.Net.Sockets.SocketError.TimedOut => new(Outcome.Error, Reason.Timeout, Short(message)),
                _ => new(Outcome.Error, Reason.Network, Short(message)),
            };
        }
        if (exception is System.Security.Authentication.AuthenticationException || exception.InnerException is System.Security.Authentication.AuthenticationException)
            return new(Outcome.Error, Reason.TlsHandshake, Short(message));

        if (exception is System.Net.Sockets.SocketException or System.Net.Http.HttpRequestException or IOException)
            return new(Outcome.Error, Reason.Network, Short(message));

        return new(Outcome.Error, Reason.ProbeBug, $"{typeName}: {Short(message)}");
    }

    /// <summary>HTTP status of the document a probe navigated to, mapped to a failing reason (null: not a failure).</summary>
    /// <summary>
    /// Is an HTTP status on a link proof that the link is dead? 404/410 (gone), 400, and server errors other than 503.
    /// 401/403/405/412/429/503 and the like are refusals (a WAF turning away scripted requests, rate limits, logins):
    /// they say the link could not be checked, never that it is broken.
    /// </summary>
    public static bool IsDeadLinkStatus(int status) => status is 400 or 404 or 410 or (>= 500 and <= 599 and not 503);

    /// <summary>Chromium failures that may be our own network's (DNS, refused, reset, timed out, aborted): never a portal's broken piece.</summary>
    public static bool IsOurNetworkFailure(string? failure) =>
        failure is not null && NetErrors.Any(e => failure.Contains(e.Needle, StringComparison.Ordinal)
            && e.Reason is Reason.Dns or Reason.Network or Reason.ConnectionRefused or Reason.Timeout or Reason.EgressRefused);

    public static FailureClassification? ClassifyStatus(int status) => status switch
    {
        404 or 410 => new(Outcome.Fail, Reason.HttpNotFound, $"HTTP {status}"),
        >= 500 => new(Outcome.Fail, Reason.HttpServerError, $"HTTP {status}"),
        >= 400 => new(Outcome.Fail, Reason.HttpClientError, $"HTTP {status}"),
        _ => null,
    };

    private static string Short(string message)
    {
        var firstLine = message.Split('\n', 2)[0].Trim();
        return firstLine.Length > 300 ? firstLine[..300] : firstLine;
    }
}
