using System.Text.RegularExpressions;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Probing.Pages;

namespace ZhangbanProbe.Probing.Probes.EnglishMode;

/// <summary>Pure parts of the English-mode probe: which control is the English switch, and whether the result is English.</summary>
public static partial class EnglishModeRules
{
    public static readonly Regex[] LabelPatterns =
    [
        ExactEnglish(),
        new(@"^(英文|英文版|英文网站|英文站|English\s*Version|English\s*Site|English\s*Edition|In English|English\s*版)$", RegexOptions.IgnoreCase),
        new(@"^(english|英文)\b", RegexOptions.IgnoreCase),
        // "中文 | English" in one element: the English half is the switch.
        new(@"^(中文|简体|简体中文)\s*[|/｜]\s*(English|EN)$", RegexOptions.IgnoreCase),
    ];

    [GeneratedRegex(@"^\s*(English|EN|ENG|ENGLISH|En)\s*$")]
    private static partial Regex ExactEnglish();

    /// <summary>The English switch on a page, or null. Falls back to an hreflang="en" alternate or a language select offering English.</summary>
    public static Clickable? FindSwitch(IReadOnlyList<Clickable> clickables)
    {
        var byLabel = ClickableMatcher.Find(clickables, LabelPatterns);
        if (byLabel is not null) return byLabel;
        var select = clickables.FirstOrDefault(c => c.Tag == "select" && c.Visible && Regex.IsMatch(c.Text, @"(^|\|)\s*(English|EN|英文)\s*($|\|)", RegexOptions.IgnoreCase));
        if (select is not null) return select;
        return clickables.FirstOrDefault(c => c.Tag == "link" && c.HrefLang.StartsWith("en", StringComparison.OrdinalIgnoreCase) && c.Href.Length > 0);
    }

    /// <summary>
    /// Is the page after switching really English? English needs a Latin share of at least <paramref name="minLatinShare"/>;
    /// an unchanged page is "no-effect", a changed but still Chinese one "not-translated".
    /// </summary>
    public static (Outcome Outcome, Reason Reason, string Detail) Judge(string lang, double latinShare, string textBefore, string textAfter, double minLatinShare)
    {
        var langEn = lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var summary = $"lang=\"{lang}\", Latin share of visible text {latinShare:P0}";
        if (latinShare >= minLatinShare) return (Outcome.Pass, Reason.Ok, $"English page: {summary}");
        if (Similar(textBefore, textAfter))
            return (Outcome.Fail, Reason.NoEffect, $"the English switch leaves the page unchanged ({summary})");
        return (Outcome.Fail, Reason.NotTranslated,
            $"the page after switching is not English ({summary}{(langEn ? "; lang says English, the text does not" : "")})");
    }

    private static bool Similar(string a, string b)
    {
        static string N(string s) => Regex.Replace(s, @"\s+", "");
        var x = N(a);
        var y = N(b);
        if (x.Length == 0 || y.Length == 0) return x == y;
        var common = 0;
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++) if (x[i] == y[i]) common++;
        return (double)common / Math.Max(x.Length, y.Length) > 0.9;
    }
}
