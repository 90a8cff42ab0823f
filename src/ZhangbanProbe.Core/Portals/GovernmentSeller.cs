namespace ZhangbanProbe.Core.Portals;

/// <summary>
/// Whether an App Store seller is a government body of a province: the seller's name names the province (浙江 or
/// 浙江省) and ends like a government body (人民政府, 办公厅, 管理局, 委员会, 中心 …), not like a company (有限公司).
/// Pure; a candidate so marked is still only a candidate — a researcher confirms it.
/// </summary>
public static class GovernmentSeller
{
    public sealed record Verdict(bool IsGovernment, string Why);

    // Bodies of government as sellers name themselves (the 大数据局, the 政务服务中心, the 办公厅 …).
    private static readonly string[] BodyEndings =
        ["人民政府", "人民政府办公厅", "办公厅", "办公室", "管理局", "发展局", "服务局", "数据局", "委员会", "管理中心", "服务中心", "信息中心", "中心", "厅", "局"];

    private static readonly string[] CompanyMarks = ["有限公司", "有限责任公司", "股份", "公司", "Co.", "Ltd", "Inc", "LLC", "Limited"];

    public static Verdict Judge(string? seller, string province)
    {
        if (string.IsNullOrWhiteSpace(seller)) return new(false, "the store names no seller");
        var s = seller.Trim();
        var bare = Provinces.Short(province);
        if (CompanyMarks.Any(m => s.Contains(m, StringComparison.OrdinalIgnoreCase)))
            return new(false, $"'{s}' is a company, not a government body");
        // The national platform's bodies name the State Council or the state, not a province.
        var named = province.Contains("国家", StringComparison.Ordinal)
            ? s.StartsWith("国务院", StringComparison.Ordinal) || s.StartsWith("国家", StringComparison.Ordinal) || s.StartsWith("中华人民共和国", StringComparison.Ordinal)
            : bare.Length > 0 && s.Contains(bare, StringComparison.Ordinal);
        if (!named)
            return new(false, $"'{s}' does not name {province}");
        var ending = BodyEndings.FirstOrDefault(e => s.EndsWith(e, StringComparison.Ordinal));
        return ending is null
            ? new(false, $"'{s}' names {province} but is not recognisably a government body")
            : new(true, $"'{s}' is a government body of {province} (…{ending})");
    }
}
