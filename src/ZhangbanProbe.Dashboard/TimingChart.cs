using ScottPlot;
using ZhangbanProbe.Core.Alerts;

namespace ZhangbanProbe.Dashboard;

/// <summary>
/// A portal's timing trends (TTFB, load, LCP medians per night) with its own baseline band: from the baseline median to
/// the level a timing alert would need (MinRatio × baseline, at least + MinIncreaseMs). Rendered to SVG by ScottPlot on
/// the server.
/// </summary>
public static class TimingChart
{
    public static readonly string[] Series = ["ttfb_ms", "load_ms", "lcp_ms"];

    public static string? Svg(IReadOnlyList<(DateTime At, string Name, double Value)> points, TimingRules rules, Labels l)
    {
        if (points.Count == 0) return null;
        var plot = new Plot();
        var palette = new[] { Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen };
        for (var i = 0; i < Series.Length; i++)
        {
            var s = points.Where(p => p.Name == Series[i]).ToList();
            if (s.Count == 0) continue;
            var line = plot.Add.Scatter(s.Select(p => Beijing(p.At).ToOADate()).ToArray(), s.Select(p => p.Value).ToArray());
            line.Color = palette[i];
            // Technical names in the legend (the page's heading says it in the reader's language): SVG text needs no CJK font.
            line.LegendText = Series[i] switch { "ttfb_ms" => "TTFB", "load_ms" => "Load", _ => "LCP" };
        }
        var loads = points.Where(p => p.Name == "load_ms").Select(p => p.Value).ToList();
        var verdict = TimingRegression.Evaluate(loads, rules);
        if (verdict.BaselineMedian is { } baseline)
        {
            var top = Math.Max(baseline * rules.MinRatio, baseline + rules.MinIncreaseMs);
            var band = plot.Add.HorizontalSpan(baseline, top);
            band.FillStyle.Color = Colors.Gray.WithAlpha(0.15);
            band.LegendText = "Load: baseline to alert level";
        }
        plot.Axes.DateTimeTicksBottom();
        plot.YLabel("ms");
        plot.XLabel("UTC+8");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetSvgXml(720, 300);
    }

    private static DateTime Beijing(DateTime utc) => utc.AddHours(8); // China has one time zone and no daylight saving
}
