using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ZhangbanProbe.Alerting;

/// <summary>
/// Signed, expiring links to one result's evidence (HMAC-SHA256 with <c>Alerts:LinkSecret</c> over run, portal,
/// indicator and expiry). A province opens its result read-only until the link expires, without an account; a
/// changed id or expiry breaks the signature.
/// </summary>
public sealed class EvidenceLinks(IOptions<AlertOptions> options, TimeProvider time)
{
    private readonly AlertOptions _o = options.Value;

    public bool Enabled => !string.IsNullOrWhiteSpace(_o.PublicBaseUrl) && !string.IsNullOrEmpty(_o.LinkSecret);

    /// <summary>The public link to a result's evidence page, or null without a public base URL.</summary>
    public string? For(Guid runId, string portalId, string indicatorId)
    {
        if (!Enabled) return null;
        var exp = time.GetUtcNow().Add(_o.LinkLifetime).ToUnixTimeSeconds();
        return $"{_o.PublicBaseUrl!.TrimEnd('/')}{PathFor(runId, portalId, indicatorId)}?{Query(runId, portalId, indicatorId, exp)}";
    }

    public static string PathFor(Guid runId, string portalId, string indicatorId) =>
        $"/evidence/{runId:N}/{Uri.EscapeDataString(portalId)}/{Uri.EscapeDataString(indicatorId)}";

    /// <summary>The query string (<c>exp</c> and <c>sig</c>) that opens the result; also for the files of its page.</summary>
    public string Query(Guid runId, string portalId, string indicatorId, long exp) =>
        $"exp={exp.ToString(CultureInfo.InvariantCulture)}&sig={Sign(runId, portalId, indicatorId, exp)}";

    /// <summary>True when the signature is right and the link has not expired.</summary>
    public bool Verify(Guid runId, string portalId, string indicatorId, long exp, string? sig)
    {
        if (string.IsNullOrEmpty(_o.LinkSecret) || string.IsNullOrEmpty(sig)) return false;
        // An expiry outside what a date can hold (9999999999999, its negative) is a bad link, not a server error.
        if (exp < 0 || exp > DateTimeOffset.MaxValue.ToUnixTimeSeconds()) return false;
        if (DateTimeOffset.FromUnixTimeSeconds(exp) < time.GetUtcNow()) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(runId, portalId, indicatorId, exp));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig));
    }

    private string Sign(Guid runId, string portalId, string indicatorId, long exp)
    {
        var data = Encoding.UTF8.GetBytes($"{runId:N}\n{portalId}\n{indicatorId}\n{exp.ToString(CultureInfo.InvariantCulture)}");
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_o.LinkSecret ?? ""), data);
        return Convert.ToHexString(mac).ToLowerInvariant();
    }
}
