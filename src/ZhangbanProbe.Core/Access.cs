namespace ZhangbanProbe.Core;

/// <summary>Who may do what on the dashboard and the API.</summary>
public enum AccessRole
{
    /// <summary>Everything: results, evidence, runs, comparison, incidents, approval.</summary>
    Researcher,
    /// <summary>Runs, health and deliveries.</summary>
    Operator,
    /// <summary>A province's platform team: read-only, its own portals only; may acknowledge or dispute its incidents.</summary>
    Province,
}

/// <summary>The holder of a token, as a request sees it.</summary>
public sealed record Principal(long TokenId, string Name, AccessRole Role, string? Province)
{
    /// <summary>May this principal see a portal of <paramref name="portalProvince"/>? Provinces see their own only.</summary>
    public bool MaySee(string portalProvince) =>
        Role != AccessRole.Province || (Province is not null && Provinces.Same(Province, portalProvince));
}

/// <summary>Province names as written in manifests and by people: 浙江 and 浙江省 are one province.</summary>
public static class Provinces
{
    public static bool Same(string a, string b) => Short(a) == Short(b);

    public static string Short(string name)
    {
        var n = name.Trim();
        foreach (var suffix in new[] { "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市" })
            if (n.EndsWith(suffix, StringComparison.Ordinal) && n.Length > suffix.Length) return n[..^suffix.Length];
        return n;
    }
}
