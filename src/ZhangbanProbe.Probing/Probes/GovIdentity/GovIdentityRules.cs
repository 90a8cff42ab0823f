using System.Text;
using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Pages;

namespace ZhangbanProbe.Probing.Probes.GovIdentity;

/// <summary>One identity item: found or missing, the exact text found, where it was found, and a note (hidden copy, meta only, script not loaded).</summary>
public sealed record IdentityItem(string Name, bool Found, string Evidence, string Where = "", string Note = "");

/// <summary>One province-level unit and the characters its registrations are prefixed with (MIIT ICP registry and 公网安备).</summary>
public sealed record ProvincePrefix(string Unit, char Common, char? Registry);

/// <summary>What <see cref="GovIdentityRules.Read"/> needs of a page; a <see cref="PageView"/> plus the host.</summary>
public sealed record FooterInput(string Host, PageView View);

/// <summary>Everything read from a footer: the items, and facts beside them (all visible ICP numbers, a conflict).</summary>
public sealed record FooterReading(IReadOnlyList<IdentityItem> Items, IReadOnlyList<string> IcpNumbers)
{
    /// <summary>Two different ICP numbers visible at once (e.g. a PC and a mobile footer both shown).</summary>
    public bool IcpConflict => IcpNumbers.Count > 1;
}

/// <summary>
/// Pure reading of the identity items of a government website (国办发〔2017〕47号) as a small grammar over the text a
/// user of the profile can see: province prefix tables for ICP and 公网安备 (both spellings: 蜀/川, 黔/贵, 滇/云, 陇/甘),
/// full-width digits and NBSP normalised (NFKC), optional colon and 号, 标识码/识别码, label-less and multi-body 主办.
/// Hidden copies and the SiteIDCode meta are reported, never counted: no reader sees them.
/// </summary>
public static class GovIdentityRules
{
    /// <summary>All 32 units of the index (31 provinces and 新疆生产建设兵团): the common abbreviation and the registry's own where it differs.</summary>
    public static readonly IReadOnlyList<ProvincePrefix> Prefixes =
    [
        new("北京", '京', null), new("天津", '津', null), new("河北", '冀', null), new("山西", '晋', null), new("内蒙古", '蒙', null),
        new("辽宁", '辽', null), new("吉林", '吉', null), new("黑龙江", '黑', null), new("上海", '沪', null), new("江苏", '苏', null),
        new("浙江", '浙', null), new("安徽", '皖', null), new("福建", '闽', null), new("江西", '赣', null), new("山东", '鲁', null),
        new("河南", '豫', null), new("湖北", '鄂', null), new("湖南", '湘', null), new("广东", '粤', null), new("广西", '桂', null),
        new("海南", '琼', null), new("重庆", '渝', null), new("四川", '川', '蜀'), new("贵州", '贵', '黔'), new("云南", '云', '滇'),
        new("西藏", '藏', null), new("陕西", '陕', null), new("甘肃", '甘', '陇'), new("青海", '青', null), new("宁夏", '宁', null),
        new("新疆", '新', null), new("新疆生产建设兵团", '新', '兵'),
    ];

    private static readonly string PrefixChars = string.Concat(Prefixes.SelectMany(p => p.Registry is { } r ? new[] { p.Common, r } : [p.Common]).Distinct());

    private static readonly Regex SiteCode = new(@"(?<label>(?:政府)?网站(?:标识|识别)码|(?<![\p{IsCJKUnifiedIdeographs}])(?:标识|识别)码)\s*[:：]?\s*(?<code>[0-9A-Za-z]{10})(?![0-9A-Za-z])");
    private static readonly Regex Icp = new($@"(?<prefix>[{PrefixChars}])?\s*ICP\s*(?<kind>备|证)\s*(?:[:：]\s*)?(?<num>\d{{5,12}})\s*(?<hao>号)?(?:\s*-\s*(?<suffix>\d{{1,3}}))?", RegexOptions.IgnoreCase);
    private static readonly Regex PublicSecurity = new($@"(?<prefix>[{PrefixChars}])?\s*公网安备\s*(?:案号)?\s*[:：]?\s*(?<num>\d{{10,16}})\s*(?<hao>号)?");
    private static readonly Regex RecordCode = new(@"recordcode=\s*(?<num>\d{10,16})", RegexOptions.IgnoreCase);
    // \s* after the colon also takes a line break: the name may sit on the next line (主办单位：<br>X).
    private static readonly Regex SponsorLabelled = new(@"(?:网站)?主办(?:单位|方|机关)?\s*[:：]\s*(?<name>[^\n]*)");
    private static readonly Regex SponsorSpaced = new(@"(?:网站)?主办(?:单位|机关)[ \t]+(?<name>[^\n]*)");
    private static readonly Regex SponsorAfterName = new(@"(?<name>[^\n]*?)主办(?=$|[ \t]|[，,。;；|｜、/]|承办|协办|\n)", RegexOptions.Multiline);
    private static readonly Regex SponsorStop = new(@"(承办|协办|主管|技术支持|运行维护|运维|维护单位|联系|地址|电话|邮编|邮箱|政府网站标识码|网站标识码|网站识别码|标识码|ICP|公网安备|备案|版权|Copyright|©|\||｜|\s{2,}|\t)", RegexOptions.IgnoreCase);
    private static readonly Regex OrgEnding = new(@"(政府|办公厅|办公室|委员会|委|局|厅|中心|部|院|署|会|府|办|处|所|站|馆|集团|公司|学校|大学)$");

    /// <summary>NFKC (full-width digits, letters and colons; NBSP and ideographic spaces) plus zero-width characters removed.</summary>
    public static string Normalize(string text) =>
        Regex.Replace((text ?? "").Normalize(NormalizationForm.FormKC), "[\u200b\u200c\u200d\ufeff]", "");

    /// <summary>The unit a prefix character names (both spellings), or null.</summary>
    public static ProvincePrefix? UnitOf(char prefix) => Prefixes.FirstOrDefault(p => p.Common == prefix || p.Registry == prefix);

    /// <summary>Reads the footer items from what a user sees; hidden copies and meta-only codes are notes, not findings.</summary>
    public static FooterReading Read(FooterInput input)
    {
        var view = input.View;
        var visible = Normalize(view.VisibleText);
        var hidden = Normalize(view.HiddenText);
        var visibleLinks = view.Links.Where(l => l.Visible).Select(l => l with { Text = Normalize(l.Text), Alt = Normalize(l.Alt) }).ToList();
        var hiddenLinks = view.Links.Where(l => !l.Visible).ToList();
        var items = new List<IdentityItem>
        {
            new("gov_cn_host", input.Host.EndsWith(".gov.cn", StringComparison.OrdinalIgnoreCase) || input.Host.Equals("gov.cn", StringComparison.OrdinalIgnoreCase), input.Host, "host"),
        };

        // 政府网站标识码
        if (SiteCode.Match(visible) is { Success: true } code)
            items.Add(new("site_code", true, code.Groups["code"].Value, "visible text", code.Groups["label"].Value.Contains("识别码") ? "written 识别码" : ""));
        else
        {
            var note = SiteCode.Match(hidden) is { Success: true } h ? $"hidden copy only ('{h.Value.Trim()}'): not visible in this profile"
                : !string.IsNullOrWhiteSpace(view.MetaSiteCode) ? $"meta only (SiteIDCode {view.MetaSiteCode.Trim()}): no reader sees it"
                : "";
            items.Add(new("site_code", false, "", "", note));
        }

        // ICP备案号: every visible number, to report a conflict between two footers.
        var icpMatches = Icp.Matches(visible).Where(m => m.Groups["num"].Success).ToList();
        var icpLinkNumbers = visibleLinks.Where(l => IsIcpRegistry(l.Href) && Regex.IsMatch(l.Label, @"\d{5,}")).ToList();
        var numbers = icpMatches.Select(m => m.Groups["num"].Value)
            .Concat(icpLinkNumbers.Select(l => Regex.Match(l.Label, @"\d{5,}").Value)).Distinct().ToList();
        if (icpMatches.Count > 0)
        {
            var m = icpMatches[0];
            var note = m.Groups["prefix"].Success ? "" : "no province prefix";
            if (m.Groups["prefix"].Success && UnitOf(m.Groups["prefix"].Value[0]) is { Registry: { } r } unit && r == m.Groups["prefix"].Value[0])
                note = $"registry prefix {r} ({unit.Unit})";
            items.Add(new("icp", true, m.Value.Trim(), "visible text", note));
        }
        else if (icpLinkNumbers.Count > 0)
            items.Add(new("icp", true, icpLinkNumbers[0].Label, "link to the ICP registry", icpLinkNumbers[0].Href));
        else
        {
            var note = Icp.Match(hidden) is { Success: true } h ? $"hidden copy only ('{h.Value.Trim()}'): not visible in this profile"
                : visibleLinks.FirstOrDefault(l => IsIcpRegistry(l.Href)) is { } bare ? $"a link to the ICP registry without a number ('{bare.Label}')" : "";
            items.Add(new("icp", false, "", "", note));
        }

        // 公网安备: the number in the text, or the record code of a visible link to beian.gov.cn.
        var psLink = visibleLinks.FirstOrDefault(l => IsPublicSecurityRegistry(l.Href));
        if (PublicSecurity.Match(visible) is { Success: true } ps)
        {
            var evidence = ps.Value.Trim() + (psLink is not null ? $" ({psLink.Href.Trim()})" : " (no link to beian.gov.cn)");
            items.Add(new("public_security", true, evidence, "visible text"));
        }
        else if (psLink is not null && RecordCode.Match(psLink.Href) is { Success: true } rc)
            items.Add(new("public_security", true, $"{(psLink.Label.Length > 0 ? psLink.Label + " " : "")}recordcode={rc.Groups["num"].Value}", "link to beian.gov.cn", psLink.Href.Trim()));
        else
        {
            var note = PublicSecurity.Match(hidden) is { Success: true } h ? $"hidden copy only ('{h.Value.Trim()}'): not visible in this profile"
                : hiddenLinks.Any(l => IsPublicSecurityRegistry(l.Href)) ? "a hidden link to beian.gov.cn only: not visible in this profile"
                : psLink is not null ? $"a link to beian.gov.cn without a record number ('{psLink.Label}')" : "";
            items.Add(new("public_security", false, "", "", note));
        }

        // 党政机关 mark: a visible link or image of conac.cn, or an image that says so.
        var conacLink = visibleLinks.FirstOrDefault(l => IsConac(l.Href));
        var conacImage = view.VisibleImageSources.FirstOrDefault(IsConac);
        var conacAlt = view.VisibleImageAlts.FirstOrDefault(a => a.Contains("党政机关"));
        if (conacLink is not null) items.Add(new("party_gov_mark", true, conacLink.Href.Trim(), "link to conac.cn"));
        else if (conacImage is not null) items.Add(new("party_gov_mark", true, conacImage, "image from conac.cn"));
        else if (conacAlt is not null) items.Add(new("party_gov_mark", true, conacAlt, "image alt"));
        else items.Add(new("party_gov_mark", false, "", "", ConacAbsence(view, hiddenLinks)));

        // 主办单位
        var sponsor = ReadSponsor(visible);
        if (sponsor is not null) items.Add(new("sponsor", true, sponsor.Value.Name, "visible text", sponsor.Value.How));
        else
        {
            var h = ReadSponsor(hidden);
            items.Add(new("sponsor", false, "", "", h is null ? "" : $"hidden copy only ('{h.Value.Name}'): not visible in this profile"));
        }
        return new FooterReading(items, numbers);
    }

    /// <summary>Compatibility reader: visible text, hrefs and image alts only (everything counted as visible).</summary>
    public static IReadOnlyList<IdentityItem> Read(string host, string text, IReadOnlyList<string> hrefs, IReadOnlyList<string> imageAlts) =>
        Read(new FooterInput(host, new PageView
        {
            VisibleText = text, Links = hrefs.Select(h => new PageLink("", h, true, h)).ToList(), VisibleImageAlts = imageAlts,
        })).Items;

    /// <summary>The host organisation: labelled (主办单位：X, 主办：X, 主办单位 X) or named before 主办 (X主办); several bodies kept together.</summary>
    public static (string Name, string How)? ReadSponsor(string text)
    {
        foreach (Match m in SponsorLabelled.Matches(text))
            if (CleanName(m.Groups["name"].Value) is { } name) return (name, "labelled");
        foreach (Match m in SponsorSpaced.Matches(text))
            if (CleanName(m.Groups["name"].Value) is { } name) return (name, "labelled");
        foreach (Match m in SponsorAfterName.Matches(text))
        {
            var before = m.Groups["name"].Value;
            // The name is the last segment before 主办 on its line.
            var segment = Regex.Split(before, @"(\||｜|©|版权所有|Copyright|[:：。;；]|\s{2,}|\t| (?=[\p{IsCJKUnifiedIdeographs}]))", RegexOptions.IgnoreCase)
                .Select(x => x.Trim()).LastOrDefault(x => x.Length > 0 && !Regex.IsMatch(x, @"^(\||｜|©|版权所有|Copyright|[:：。;；])$", RegexOptions.IgnoreCase)) ?? "";
            // "中共青岛市委、青岛市人民政府主办" keeps both bodies; a space-separated second body joins the first.
            var joined = Regex.Match(before, @"([\p{IsCJKUnifiedIdeographs}（）()]+[、和与及,，]\s*)+[\p{IsCJKUnifiedIdeographs}（）()]+\s*$");
            var name = joined.Success && joined.Value.Trim().EndsWith(segment, StringComparison.Ordinal) ? joined.Value.Trim() : segment;
            name = Regex.Replace(name, @"^(本网站由|本站由|网站由|由|\d{4}\s*)", "").Trim();
            if (name.Length >= 4 && OrgEnding.IsMatch(name) && Regex.Matches(name, @"\p{IsCJKUnifiedIdeographs}").Count >= 3)
                return (name, "named before 主办");
        }
        return null;
    }

    private static string? CleanName(string raw)
    {
        var cut = SponsorStop.Match(raw) is { Success: true } stop ? raw[..stop.Index] : raw;
        var name = cut.Trim().Trim('、', '，', ',', '。', ';', '；', ' ');
        if (name.Length > 60) name = name[..60];
        return Regex.Matches(name, @"\p{IsCJKUnifiedIdeographs}").Count >= 2 ? name : null;
    }

    private static string ConacAbsence(PageView view, IReadOnlyList<PageLink> hiddenLinks)
    {
        if (hiddenLinks.Any(l => IsConac(l.Href))) return "a hidden link to conac.cn only: not visible in this profile";
        var unloaded = view.UnloadedResources.FirstOrDefault(IsConac);
        if (unloaded is not null) return $"the mark's script did not load: {unloaded}";
        var script = view.ScriptSources.FirstOrDefault(IsConac);
        if (script is not null) return $"the mark's script {script} wrote nothing";
        if (view.EmptyMarkContainers.Count > 0) return $"the mark's container {view.EmptyMarkContainers[0]} stayed empty (its script did not run or load)";
        return "";
    }

    private static bool IsConac(string url) => HostOf(url) is { } h && (h == "conac.cn" || h.EndsWith(".conac.cn", StringComparison.Ordinal));

    private static bool IsIcpRegistry(string url) => HostOf(url) is { } h && h.StartsWith("beian.miit.gov.cn", StringComparison.Ordinal);

    private static bool IsPublicSecurityRegistry(string url) => HostOf(url) is { } h && (h == "beian.gov.cn" || h.EndsWith(".beian.gov.cn", StringComparison.Ordinal) || h.StartsWith("beian.mps.gov.cn", StringComparison.Ordinal));

    private static string? HostOf(string url) =>
        Uri.TryCreate((url ?? "").Trim(), UriKind.Absolute, out var u) && (u.Scheme is "http" or "https") ? u.Host.ToLowerInvariant() : null;

    /// <summary>All present: pass; none of the footer items: fail missing; some: fail partial (each listed, with where and notes).</summary>
    public static (Outcome, Reason, string) Judge(IReadOnlyList<IdentityItem> items, bool requireGovCnHost, IReadOnlyList<string>? icpNumbers = null)
    {
        var considered = items.Where(i => requireGovCnHost || i.Name != "gov_cn_host").ToList();
        var missing = considered.Where(i => !i.Found).Select(i => i.Note.Length > 0 ? $"{i.Name} ({i.Note})" : i.Name).ToList();
        var found = considered.Where(i => i.Found).Select(i => $"{i.Name}: {i.Evidence}" + (i.Note.Length > 0 ? $" [{i.Note}]" : "")).ToList();
        var conflict = icpNumbers is { Count: > 1 } ? $"; conflict: {icpNumbers.Count} different ICP numbers visible ({string.Join(", ", icpNumbers)})" : "";
        if (missing.Count == 0) return (Outcome.Pass, Reason.Ok, "all identity items found: " + string.Join("; ", found) + conflict);
        var footerFound = considered.Count(i => i.Found && i.Name != "gov_cn_host");
        var detail = $"missing: {string.Join(", ", missing)}" + (found.Count > 0 ? "; found: " + string.Join("; ", found) : "") + conflict;
        return footerFound == 0 ? (Outcome.Fail, Reason.Missing, detail) : (Outcome.Fail, Reason.Partial, detail);
    }

    public static IReadOnlyList<Measurement> Measurements(FooterReading reading) =>
        reading.Items.Select(i => new Measurement(i.Name, i.Found ? 1 : 0, "bool"))
            .Append(new Measurement("icp_numbers_visible", reading.IcpNumbers.Count, "count"))
            .Append(new Measurement("icp_conflict", reading.IcpConflict ? 1 : 0, "bool")).ToList();

    public static IReadOnlyList<Measurement> Measurements(IReadOnlyList<IdentityItem> items) =>
        items.Select(i => new Measurement(i.Name, i.Found ? 1 : 0, "bool")).ToList();
}
