namespace ZhangbanProbe.Core.Outcomes;

/// <summary>
/// The closed set of reason codes. Every result carries one. The code string (kebab-case) is what is
/// stored and exported; the enum keeps the set closed in code.
/// </summary>
public enum Reason
{
    // pass
    Ok,
    WithinBudget,
    /// <summary>The service answered that no such case exists (查无此件): it works.</summary>
    AnsweredNotFound,

    // degraded
    OverBudget,
    /// <summary>The certificate is valid but expires within the warning window.</summary>
    CertExpiring,
    /// <summary>HTTPS works but answers carry no Strict-Transport-Security.</summary>
    MissingHsts,
    /// <summary>Cookies set over HTTPS without the Secure flag.</summary>
    InsecureCookies,

    // fail (the portal answered, and the answer is bad)
    HttpClientError,
    HttpNotFound,
    HttpServerError,
    EmptyPage,
    NotFound,
    DeadLink,
    NotTranslated,
    NoEffect,
    ScriptError,
    NoAnswer,
    Missing,
    Partial,
    Insecure,
    NoViewport,
    HorizontalOverflow,
    SmallText,
    SmallTapTargets,
    ConsoleErrors,
    A11yViolations,
    /// <summary>The app's store rating is below the lab's threshold.</summary>
    LowRating,
    /// <summary>No HTTPS at all: the site is served only in plain text.</summary>
    NoHttps,
    /// <summary>Plain HTTP serves the site instead of redirecting to HTTPS.</summary>
    NoHttpsRedirect,
    CertExpired,
    /// <summary>The certificate does not chain to a trusted root (self-signed, unknown CA).</summary>
    CertUntrusted,
    /// <summary>The certificate is not for this host name.</summary>
    CertNameMismatch,
    /// <summary>Only TLS older than 1.2 is offered.</summary>
    WeakTls,
    /// <summary>An HTTPS page loads scripts, styles or frames over plain HTTP.</summary>
    MixedContent,

    // blocked (never bypassed)
    Captcha,
    LoginWall,
    Waf,
    JsChallenge,

    // error (the probe could not observe; says nothing about the portal)
    Timeout,
    Dns,
    ConnectionRefused,
    Network,
    TlsHandshake,
    CertificateInvalid,
    BrowserCrash,
    HintStale,
    /// <summary>Not probed: the host's circuit breaker is open after repeated failures.</summary>
    CircuitOpen,
    Cancelled,
    ProbeBug,
    /// <summary>What the probe needed lies on an internal address the egress guard refuses: not observed, never a portal failure.</summary>
    EgressRefused,
    /// <summary>The manifest does not name what this probe needs (an app's store id): nothing to observe, nothing invented.</summary>
    NotConfigured,
    /// <summary>Too few ratings to say anything about users' opinion.</summary>
    TooFewRatings,
    /// <summary>The probe found too little to decide (fewer service guides readable than it needs): it says so instead of guessing.</summary>
    Undecided,
}

public static class ReasonCodes
{
    private static readonly Dictionary<Reason, string> ToCodeMap =
        Enum.GetValues<Reason>().ToDictionary(r => r, r => Kebab(r.ToString()));

    private static readonly Dictionary<string, Reason> FromCodeMap =
        ToCodeMap.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);

    public static string ToCode(this Reason reason) => ToCodeMap[reason];

    public static bool TryParse(string? code, out Reason reason) =>
        FromCodeMap.TryGetValue(code ?? "", out reason);

    public static Reason Parse(string code) =>
        TryParse(code, out var r) ? r : throw new FormatException($"unknown reason code '{code}'");

    /// <summary>The outcome a reason belongs to when it stands alone (used to check probe results are coherent).</summary>
    public static Outcome NaturalOutcome(this Reason reason) => reason switch
    {
        Reason.Ok or Reason.WithinBudget or Reason.AnsweredNotFound => Outcome.Pass,
        Reason.OverBudget or Reason.ConsoleErrors or Reason.CertExpiring or Reason.MissingHsts or Reason.InsecureCookies => Outcome.Degraded,
        Reason.Captcha or Reason.LoginWall or Reason.Waf or Reason.JsChallenge => Outcome.Blocked,
        Reason.Timeout or Reason.Dns or Reason.ConnectionRefused or Reason.Network or Reason.TlsHandshake
            or Reason.CertificateInvalid or Reason.BrowserCrash or Reason.HintStale or Reason.CircuitOpen or Reason.Cancelled
            or Reason.ProbeBug or Reason.EgressRefused or Reason.NotConfigured or Reason.TooFewRatings or Reason.Undecided => Outcome.Error,
        _ => Outcome.Fail,
    };

    private static string Kebab(string name)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
