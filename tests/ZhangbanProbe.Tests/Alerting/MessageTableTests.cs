using System.Text.RegularExpressions;
using ZhangbanProbe.Alerting;
using ZhangbanProbe.Core.Alerts;
using ZhangbanProbe.Core.Outcomes;
using ZhangbanProbe.Core.Results;
using ZhangbanProbe.Probing.Running;

namespace ZhangbanProbe.Tests.Alerts;

/// <summary>Every outcome, reason, probe and transition has its sentences; Chinese messages carry no English phrase.</summary>
[Trait("Category", "Unit")]
public class MessageTableTests
{
    // Acronyms a Chinese technical sentence keeps as they are; anything else of three Latin letters or more is English.
    private static readonly Regex EnglishPhrase = new(@"\b(?!(HTTPS|HTTP|HSTS|TLS|Cookie)\b)[A-Za-z]{3,}\b");


    [Fact]
    public void Every_reason_outcome_and_probe_has_both_sentences()
    {
        foreach (var r in Enum.GetValues<Reason>()) Assert.True(MessageTable.Reasons.ContainsKey(r), $"reason {r.ToCode()} has no sentences");
        foreach (var o in Enum.GetValues<Outcome>()) Assert.True(MessageTable.Outcomes.ContainsKey(o), $"outcome {o} has no sentences");
    }

    [Fact]
    public void No_chinese_sentence_holds_an_English_phrase()
    {
        foreach (var (r, s) in MessageTable.Reasons) Assert.False(EnglishPhrase.IsMatch(s.Zh), $"{r}: {s.Zh}");
        foreach (var (o, s) in MessageTable.Outcomes) Assert.False(EnglishPhrase.IsMatch(s.Zh), $"{o}: {s.Zh}");
        foreach (var (k, d) in ZhangbanProbe.Tests.Support.RegisteredProbes.Declarations) Assert.False(EnglishPhrase.IsMatch(d.Names.Zh), $"{k}: {d.Names.Zh}");
    }

    public static TheoryData<Reason, IncidentTransition, IncidentKind> EveryReasonAndTransition()
    {
        var data = new TheoryData<Reason, IncidentTransition, IncidentKind>();
        foreach (var r in Enum.GetValues<Reason>())
            foreach (var (t, k) in new[] { (IncidentTransition.Opened, IncidentKind.Portal), (IncidentTransition.Reminded, IncidentKind.Portal), (IncidentTransition.Resolved, IncidentKind.Portal), (IncidentTransition.Opened, IncidentKind.Operator), (IncidentTransition.Resolved, IncidentKind.Operator), (IncidentTransition.Opened, IncidentKind.Timing) })
                data.Add(r, t, k);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryReasonAndTransition))]
    public void A_chinese_message_says_every_reason_and_transition_in_chinese(Reason reason, IncidentTransition transition, IncidentKind kind)
    {
        var change = kind switch
        {
            IncidentKind.Timing => new AlertChange(ChangeKind.Slower, BaselineMs: 900, RecentMs: 2900),
            IncidentKind.Operator => new AlertChange(transition == IncidentTransition.Resolved ? ChangeKind.ObservableAgain : ChangeKind.Unobservable, 3, reason.NaturalOutcome(), reason),
            _ => new AlertChange(transition == IncidentTransition.Resolved ? ChangeKind.Passing : transition == IncidentTransition.Reminded ? ChangeKind.StillFailing : ChangeKind.Failing, 2, reason.NaturalOutcome(), reason),
        };
        var facts = new AlertFacts
        {
            Kind = kind, Transition = transition, PortalId = "zhejiang", Province = "浙江", Platform = "浙里办", IndicatorId = "english-mode", ProbeNames = ZhangbanProbe.Tests.Support.RegisteredProbes.Find("english-mode")!.Names,
            IndexIndicator = "多用户覆盖", What = "2+ consecutive failing runs", Change = change, Detail = "switch <a> 'English' → http://x/en leads to HTTP 404",
            SinceUtc = new DateTime(2026, 11, 1, 18, 0, 0, DateTimeKind.Utc), Evidence = [new EvidenceItem("screenshot", "/var/lib/zhangban/evidence/r/zhejiang/english-mode/english.png", null)],
        };
        var (subject, body) = AlertMessages.Render(facts, "zh", null);
        var lines = body.Split('\n').Where(l => !l.StartsWith("复现：") && !l.StartsWith("平台：")).ToList();
        Assert.False(EnglishPhrase.IsMatch(subject.Replace("english-mode", "")), subject);
        foreach (var line in lines) Assert.False(EnglishPhrase.IsMatch(line), line);
        Assert.DoesNotContain("/var/lib", body); // links, not paths
        Assert.Contains("保存在探针服务器上", body);
    }

    [Fact]
    public void Page_text_reaches_a_markdown_robot_escaped_quoted_and_cut()
    {
        var q = MessageTable.Quote("**x** [x](y) ![](z) " + new string('长', 400), markdown: true);
        Assert.StartsWith("「\\*\\*x\\*\\* \\[x\\]\\(y\\) \\!\\[\\]\\(z\\)", q);
        Assert.EndsWith("…」", q);
        Assert.DoesNotMatch(@"(?<!\\)\*\*", q);
        var facts = new AlertFacts
        {
            Kind = IncidentKind.Portal, Transition = IncidentTransition.Opened, PortalId = "zhejiang", IndicatorId = "search", What = "", Detail = "page says **x** [x](y) ![](z)",
            Change = new AlertChange(ChangeKind.Failing, 2, Outcome.Fail, Reason.NotFound), Urls = ["https://x.gov.cn/s?q=**a**"],
        };
        var (_, en) = AlertMessages.Render(facts, "en", null, markdown: true);
        Assert.Contains("\\*\\*x\\*\\* \\[x\\]\\(y\\) \\!\\[\\]\\(z\\)", en);
        Assert.DoesNotContain("[x](y)", en);
        var (_, zh) = AlertMessages.Render(facts, "zh", null, markdown: true);
        Assert.Contains("q=\\*\\*a\\*\\*", zh);
    }
}
