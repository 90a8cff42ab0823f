namespace ZhangbanProbe.Core.Outcomes;

/// <summary>
/// The closed set of probe outcomes. Only <see cref="Fail"/> and <see cref="Degraded"/> say something
/// about the portal; <see cref="Blocked"/> and <see cref="Error"/> say the probe could not observe.
/// </summary>
public enum Outcome
{
    /// <summary>The indicator was observed and meets its rule.</summary>
    Pass,
    /// <summary>Works, but outside its budget (for example slower than the timing budget).</summary>
    Degraded,
    /// <summary>The indicator was observed and the portal does not meet it.</summary>
    Fail,
    /// <summary>A captcha, slider, login wall, WAF or anti-bot challenge stood in the way. Never bypassed.</summary>
    Blocked,
    /// <summary>The probe could not observe (network, DNS, TLS handshake, timeout, browser crash, probe bug).</summary>
    Error,
}

public static class OutcomeNames
{
    public static string ToCode(this Outcome outcome) => outcome switch
    {
        Outcome.Pass => "pass",
        Outcome.Degraded => "degraded",
        Outcome.Fail => "fail",
        Outcome.Blocked => "blocked",
        Outcome.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static bool TryParse(string? code, out Outcome outcome)
    {
        foreach (var o in Enum.GetValues<Outcome>())
        {
            if (string.Equals(o.ToCode(), code, StringComparison.OrdinalIgnoreCase)) { outcome = o; return true; }
        }
        outcome = default;
        return false;
    }

    public static Outcome Parse(string code) =>
        TryParse(code, out var o) ? o : throw new FormatException($"unknown outcome '{code}'");

    /// <summary>True when the outcome is evidence against the portal (used by alerting and comparisons).</summary>
    public static bool CountsAgainstPortal(this Outcome outcome) => outcome is Outcome.Fail or Outcome.Degraded;
}
