using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;

namespace ZhangbanProbe.Probing.Probes.GovIdentity;

/// <summary>One identity item: found or missing, with the text found.</summary>
public sealed record IdentityItem(string Name, bool Found, string Evidence);

/// <summary>Pure reading of the identity items of a government website (国办发〔2017〕47号).</summary>
public static class GovIdentityRules
{
    private const string Provinces = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新";
    private static readonly Regex SiteCode = new(@"(政府网站标识码|网站标识码)\s*[:：]?\s*([0-9A-Za-z]{10})");
    private static readonly Regex Icp = new($@"[{Provinces}]ICP备\s*\d+号(-\d+)?");
    private static readonly Regex PublicSecurity = new($@"[{Provinces}]?公网安备\s*(\d{{14}})\s*号?");
    private static readonly Regex Sponsor = new(@"主办(单位)?\s*[:：]\s*([^\s　|｜]+)");

    public static IReadOnlyList<IdentityItem> Read(string host, string text, IReadOnlyList<string> hrefs, IReadOnlyList<string> imageAlts)
    {
        var items = new List<IdentityItem>
        {
            new("gov_cn_host", host.EndsWith(".gov.cn", StringComparison.OrdinalIgnoreCase), host),
        };
        var code = SiteCode.Match(text);
        items.Add(new("site_code", code.Success, code.Success ? code.Groups[2].Value : ""));
        var icp = Icp.Match(text);
        items.Add(new("icp", icp.Success, icp.Value));
        var ps = PublicSecurity.Match(text);
        var psLink = hrefs.FirstOrDefault(h => h.Contains("beian.gov.cn", StringComparison.OrdinalIgnoreCase)) ?? "";
        items.Add(new("public_security", ps.Success, ps.Success ? ps.Value + (psLink.Length > 0 ? $" ({psLink})" : " (no link to beian.gov.cn)") : ""));
        var conac = hrefs.FirstOrDefault(h => h.Contains("conac.cn", StringComparison.OrdinalIgnoreCase));
        var conacAlt = imageAlts.FirstOrDefault(a => a.Contains("党政机关"));
        items.Add(new("party_gov_mark", conac is not null || conacAlt is not null, conac ?? conacAlt ?? ""));
        var sponsor = Sponsor.Match(text);
        items.Add(new("sponsor", sponsor.Success, sponsor.Success ? sponsor.Groups[2].Value : ""));
        return items;
    }

    /// <summary>All present: pass; none of the footer items: fail missing; some: fail partial (each listed).</summary>
    public static (Outcome, Reason, string) Judge(IReadOnlyList<IdentityItem> items, bool requireGovCnHost)
    {
        var considered = items.Where(i => requireGovCnHost || i.Name != "gov_cn_host").ToList();
        var missing = considered.Where(i => !i.Found).Select(i => i.Name).ToList();
        var found = considered.Where(i => i.Found).Select(i => $"{i.Name}: {i.Evidence}").ToList();
        if (missing.Count == 0) return (Outcome.Pass, Reason.Ok, "all identity items found: " + string.Join("; ", found));
        var footerFound = considered.Count(i => i.Found && i.Name != "gov_cn_host");
        var detail = $"missing: {string.Join(", ", missing)}" + (found.Count > 0 ? "; found: " + string.Join("; ", found) : "");
        return footerFound == 0 ? (Outcome.Fail, Reason.Missing, detail) : (Outcome.Fail, Reason.Partial, detail);
    }

    public static IReadOnlyList<Measurement> Measurements(IReadOnlyList<IdentityItem> items) =>
        items.Select(i => new Measurement(i.Name, i.Found ? 1 : 0, "bool")).ToList();
}
