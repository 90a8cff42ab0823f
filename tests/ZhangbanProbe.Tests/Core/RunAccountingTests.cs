using ZhangbanProbe.Core.Runs;

namespace ZhangbanProbe.Tests.Core;

/// <summary>How a run ends, replayed over stored state: complete only with every planned pair stored.</summary>
[Trait("Category", "Unit")]
public class RunAccountingTests
{
    private static readonly string[] Portals = ["beijing", "shanghai"];
    private static readonly string[] Indicators = ["app-rating", "english-mode"];
    private static readonly Dictionary<(string, string), string> NoneAside = [];
    private static readonly HashSet<(string, string)> NoQueue = [];

    private static HashSet<(string, string)> All() => Portals.SelectMany(p => Indicators.Select(i => (p, i))).ToHashSet();

    [Fact]
    public void Every_pair_stored_is_complete()
    {
        var a = RunAccounting.Check(Portals, Indicators, All(), NoQueue, NoneAside);
        Assert.Equal(RunVerdict.Complete, a.Verdict);
        Assert.Empty(a.Missing);
    }

    [Fact]
    public void A_pair_without_a_result_is_incomplete_and_named()
    {
        var stored = All();
        stored.Remove(("beijing", "english-mode"));
        var a = RunAccounting.Check(Portals, Indicators, stored, NoQueue, NoneAside);
        Assert.Equal(RunVerdict.Incomplete, a.Verdict);
        var m = Assert.Single(a.Missing);
        Assert.Equal(("beijing", "english-mode", MissingCause.NotProbed), (m.PortalId, m.IndicatorId, m.Cause));
    }

    [Fact]
    public void A_set_aside_result_is_accounted_for_named_and_still_makes_the_run_incomplete()
    {
        var stored = All();
        stored.Remove(("shanghai", "app-rating"));
        var a = RunAccounting.Check(Portals, Indicators, stored, NoQueue, new Dictionary<(string, string), string> { [("shanghai", "app-rating")] = "refused: value too long" });
        Assert.Equal(RunVerdict.Incomplete, a.Verdict);
        Assert.Equal(MissingCause.SetAside, Assert.Single(a.Missing).Cause);
        Assert.Contains("too long", a.Missing[0].Detail);
    }

    [Fact]
    public void A_result_waiting_in_an_outbox_keeps_the_run_waiting_whatever_else_is_missing()
    {
        var stored = All();
        stored.Remove(("shanghai", "app-rating"));
        stored.Remove(("beijing", "app-rating"));
        var a = RunAccounting.Check(Portals, Indicators, stored, new HashSet<(string, string)> { ("shanghai", "app-rating") }, NoneAside);
        Assert.Equal(RunVerdict.Waiting, a.Verdict);
        Assert.Equal(2, a.Missing.Count);
    }

    [Fact]
    public void Stored_results_outside_the_plan_never_stand_in_for_a_planned_pair()
    {
        var stored = new HashSet<(string, string)> { ("beijing", "app-rating"), ("beijing", "english-mode"), ("shanghai", "app-rating"), ("tianjin", "english-mode") };
        var a = RunAccounting.Check(Portals, Indicators, stored, NoQueue, NoneAside);
        Assert.Equal(RunVerdict.Incomplete, a.Verdict);
        Assert.Equal(("shanghai", "english-mode"), (a.Missing.Single().PortalId, a.Missing.Single().IndicatorId));
    }

    [Fact]
    public void Randomised_plans_the_verdict_and_the_missing_pairs_follow_from_what_was_stored()
    {
        for (var seed = 1; seed <= 2000; seed++)
        {
            var random = new Random(seed);
            var portals = Enumerable.Range(0, random.Next(1, 6)).Select(i => $"p{i}").ToList();
            var indicators = Enumerable.Range(0, random.Next(1, 6)).Select(i => $"i{i}").ToList();
            var planned = portals.SelectMany(p => indicators.Select(i => (p, i))).ToList();
            var stored = planned.Where(_ => random.Next(4) > 0).ToHashSet();
            var rest = planned.Where(x => !stored.Contains(x)).ToList();
            var queued = rest.Where(_ => random.Next(5) == 0).ToHashSet();
            var aside = rest.Where(x => !queued.Contains(x) && random.Next(4) == 0).ToDictionary(x => x, _ => "refused");
            var a = RunAccounting.Check(portals, indicators, stored, queued, aside);
            // Every planned pair is either stored or named exactly once; nothing else is named.
            Assert.Equal(rest.Order(), a.Missing.Select(m => (m.PortalId, m.IndicatorId)).Order());
            var expected = rest.Count == 0 ? RunVerdict.Complete : queued.Count > 0 ? RunVerdict.Waiting : RunVerdict.Incomplete;
            Assert.True(expected == a.Verdict, $"seed {seed}: {a.Verdict}, expected {expected}");
            // What is stored and printed reads back as the same pair and cause.
            Assert.All(a.Missing, m => Assert.Equal((m.PortalId, m.IndicatorId, m.Cause), (MissingPair.Parse(m.ToString()).PortalId, MissingPair.Parse(m.ToString()).IndicatorId, MissingPair.Parse(m.ToString()).Cause)));
        }
    }
}
