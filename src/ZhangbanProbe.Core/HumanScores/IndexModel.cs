namespace ZhangbanProbe.Core.HumanScores;

/// <summary>
/// The 掌办指数's own names: layers, their indicators (from the 2024 seed interview and indicators.md),
/// the indicators the 2023 report also tracked, the grade scale, and the 32 evaluated units.
/// </summary>
public static class IndexModel
{
    public static readonly IReadOnlyDictionary<string, string[]> IndicatorsByLayer = new Dictionary<string, string[]>
    {
        ["可用"] = ["多用户覆盖", "多渠道统筹", "线上线下协同", "个性化设置"],
        ["管用"] = ["电子证照和数据查询服务提供", "政务服务全流程办成", "便民服务实用"],
        ["好用"] = ["省市入口连通", "登录核验便捷包容", "“码上”服务与通行", "导引清晰有效", "办理过程迅捷", "反馈互动通畅", "服务分享便捷", "技术体验顺畅"],
        ["爱用"] = ["用户评价良好", "用户优选意愿"],
        ["敢用"] = ["归属主体权威明确", "用户协议合规", "用户安全保护有力"],
    };

    /// <summary>Tracked in the 2023 report without a published layer.</summary>
    public static readonly string[] Tracked2023 = ["服务在线提供", "服务办理进度可查询", "服务成功办理", "客服全流程人机协同", "投诉建议及时响应与公开"];

    /// <summary>The 2024 names of the layers, accepted as aliases.</summary>
    public static readonly IReadOnlyDictionary<string, string> LayerAliases = new Dictionary<string, string>
    {
        ["包容性"] = "可用", ["有效性"] = "管用", ["便利性"] = "好用", ["偏好性"] = "爱用", ["安全感"] = "敢用",
    };

    /// <summary>
    /// The groups of 体验官 the index recruits, as a closed vocabulary: code → Chinese aliases accepted in score files.
    /// A probe's audience (catalogue) is compared with its group's grade where there is one.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> EvaluatorGroups = new Dictionary<string, string[]>
    {
        ["young"] = ["青年", "年轻人", "青年体验官", "young"],
        ["elderly"] = ["老年", "老年人", "长者", "老年体验官", "elderly"],
        ["foreign"] = ["外籍", "外国人", "外籍人士", "外籍体验官", "foreign"],
        ["disabled"] = ["残障", "残疾人", "残障人士", "disabled"],
        ["ethnic-language"] = ["少数民族语言", "少数民族", "ethnic-language"],
    };

    /// <summary>The group code of an evaluator group as written in a score file (外籍 → foreign), or null when unknown.</summary>
    public static string? NormaliseEvaluatorGroup(string? text)
    {
        var t = (text ?? "").Trim();
        foreach (var (code, aliases) in EvaluatorGroups)
            if (string.Equals(t, code, StringComparison.OrdinalIgnoreCase) || aliases.Contains(t, StringComparer.OrdinalIgnoreCase)) return code;
        return null;
    }

    /// <summary>Every index indicator, each with its layer ("" for the 2023-tracked ones).</summary>
    public static IEnumerable<(string Indicator, string Layer)> AllIndicators =>
        IndicatorsByLayer.SelectMany(kv => kv.Value.Select(i => (i, kv.Key))).Concat(Tracked2023.Select(i => (i, "")));

    /// <summary>Grades, best first. Cut-offs are not published; only the order is used.</summary>
    public static readonly string[] Grades = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D"];

    /// <summary>Ordinal value of a grade for rank statistics: A+ = 10 … D = 1.</summary>
    public static int GradeRank(string grade) => Grades.Length - Array.IndexOf(Grades, grade);

    public static readonly string[] Units =
    [
        "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
        "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "新疆生产建设兵团",
    ];

    private static readonly string[] Suffixes = ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"];

    /// <summary>The canonical short name of a province as written in a score file (浙江省 → 浙江), or null.</summary>
    public static string? NormaliseProvince(string? text)
    {
        var t = (text ?? "").Trim();
        if (Units.Contains(t)) return t;
        if (t is "兵团" or "新疆兵团") return "新疆生产建设兵团";
        foreach (var s in Suffixes)
            if (t.EndsWith(s, StringComparison.Ordinal) && Units.Contains(t[..^s.Length])) return t[..^s.Length];
        return null;
    }

    public static string? NormaliseLayer(string? text)
    {
        var t = (text ?? "").Trim();
        if (IndicatorsByLayer.ContainsKey(t)) return t;
        return LayerAliases.TryGetValue(t, out var l) ? l : null;
    }

    /// <summary>The layer of an index indicator ("" for the 2023-tracked ones), or null when unknown.</summary>
    public static string? LayerOf(string indicator)
    {
        var t = Normalise(indicator);
        foreach (var (layer, names) in IndicatorsByLayer)
            if (names.Any(n => Normalise(n) == t)) return layer;
        return Tracked2023.Any(n => Normalise(n) == t) ? "" : null;
    }

    /// <summary>The index's spelling of an indicator name (quotes and spacing vary in files).</summary>
    public static string? CanonicalIndicator(string indicator)
    {
        var t = Normalise(indicator);
        return IndicatorsByLayer.Values.SelectMany(v => v).Concat(Tracked2023).FirstOrDefault(n => Normalise(n) == t);
    }

    private static string Normalise(string s) =>
        new(s.Where(c => !char.IsWhiteSpace(c) && c is not ('“' or '”' or '"' or '「' or '」')).ToArray());
}
