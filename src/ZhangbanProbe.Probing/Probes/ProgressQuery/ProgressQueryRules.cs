using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Outcomes;

namespace ZhangbanProbe.Probing.Probes.ProgressQuery;

/// <summary>Pure rules of the progress-query probe: finding the entry and reading the answer.</summary>
public static class ProgressQueryRules
{
    public static readonly Regex[] LabelPatterns =
    [
        new("^(办件查询|进度查询|办件进度查询|办事进度查询|办理进度查询|办件进度|办理进度|查询办件|我的办件查询)$"),
        new("(办件查询|进度查询|办件进度|办理进度|办事进度|查询办件|办件状态|查进度|查件|受理查询|办理结果查询|审批结果查询|办件信息查询)"),
    ];

    private static readonly Regex NotFound = new("(查无此件|查无|未查询到|没有查询到|未检索到|未找到|不存在|无此|暂无(相关)?(记录|数据|信息|办件)|无记录|没有找到|没有相关|查询结果为空|无相关)");
    private static readonly Regex Status = new("(办理状态|办件状态|当前状态|当前环节|已受理|受理中|审批中|审核中|办理中|已办结|已完成|已批准|不予受理|补正)");

    /// <summary>A syntactically plausible case number when the manifest gives none (ID-like: letters and digits).</summary>
    public static string DummyCaseNumber(DateTime today) => $"ZB{today:yyyyMMdd}0000001";

    /// <summary>What the page says after the query: a status, a clear "not found", or nothing yet (null).</summary>
    public static (Outcome Outcome, Reason Reason, string Detail)? ReadAnswer(string textAfter, string textBefore)
    {
        // Only text that appeared after submitting counts (the form page may itself mention 办理状态).
        var added = textBefore.Length == 0 ? textAfter : textAfter.Replace(textBefore, "");
        if (added.Length == 0 && textAfter != textBefore) added = textAfter;
        if (NotFound.Match(added) is { Success: true } nf)
            return (Outcome.Pass, Reason.AnsweredNotFound, $"the service answered '{nf.Value}': it works (no such case)");
        if (Status.Match(added) is { Success: true } st)
            return (Outcome.Pass, Reason.Ok, $"the service answered with a status ('{st.Value}')");
        return null;
    }

    public static bool LooksLikeCaseInput(string label) =>
        Regex.IsMatch(label, "(编号|单号|受理号|办件|件号|流水号|查询码|申请号|业务号|case|no)", RegexOptions.IgnoreCase);
}
