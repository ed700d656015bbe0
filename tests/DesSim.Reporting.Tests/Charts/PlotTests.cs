using System.Globalization;
using System.Xml.Linq;
using DesSim.Reporting.Charts;

namespace DesSim.Reporting.Tests.Charts;

public sealed class PlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static IEnumerable<TestCaseData> Samples() => SampleCharts.All().Select(s => new TestCaseData(s.Name).SetArgDisplayNames(s.Name));

    private static Plot Sample(string name) => SampleCharts.All().Single(s => s.Name == name).Plot;

    private static double Attr(XElement element, string name) => double.Parse(element.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    [TestCaseSource(nameof(Samples))]
    public void Svg_is_well_formed_xml_with_size(string name)
    {
        var doc = XDocument.Parse(Sample(name).RenderSvg());
        Assert.Multiple(() =>
        {
            Assert.That(doc.Root!.Name, Is.EqualTo(Svg + "svg"));
            Assert.That(Attr(doc.Root, "width"), Is.GreaterThan(0));
            Assert.That(Attr(doc.Root, "height"), Is.GreaterThan(0));
            Assert.That(doc.Descendants(Svg + "text").Count(), Is.GreaterThan(3));
        });
    }

    [TestCaseSource(nameof(Samples))]
    public void Rendering_is_deterministic(string name)
    {
        var first = Sample(name).RenderSvg();
        var plot = Sample(name);
        Assert.That(plot.RenderSvg(), Is.EqualTo(first));
        Assert.That(plot.RenderSvg(), Is.EqualTo(first), "rendering the same plot twice");
    }

    [TestCaseSource(nameof(Samples))]
    public void Svg_has_no_ids_scripts_or_external_references(string name)
    {
        var svg = Sample(name).RenderSvg();
        Assert.Multiple(() =>
        {
            Assert.That(svg, Does.Not.Contain(" id="));
            Assert.That(svg, Does.Not.Contain("<script"));
            Assert.That(svg.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), Does.Not.Contain("http"));
            Assert.That(svg, Does.Not.Contain("NaN"));
        });
    }

    [Test]
    public void Titles_and_labels_are_escaped()
    {
        var plot = new Plot { Title = "a < b & \"c\"" };
        plot.XAxis.Label = "<x>";
        plot.AddLine([0, 1], [0, 1], "A&B");
        var doc = XDocument.Parse(plot.RenderSvg());
        var texts = doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.That(texts, Does.Contain("a < b & \"c\"").And.Contain("<x>").And.Contain("A&B"));
    }

    [Test]
    public void Log_axis_labels_decades_and_skips_non_positive_points()
    {
        var plot = new Plot();
        plot.XAxis.Scale = AxisScale.Log;
        plot.AddLine([0, 2, 20, 200], [1, 2, 3, 4]);
        var doc = XDocument.Parse(plot.RenderSvg());
        var labels = doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.That(labels, Does.Contain("2").And.Contain("10").And.Contain("100").And.Contain("200"), "1-2-5 bounds, 2 and 5 labelled across two decades");
        var path = doc.Descendants(Svg + "path").Single().Attribute("d")!.Value;
        Assert.That(path.Count(c => c == 'L'), Is.EqualTo(2), "the x = 0 point cannot be placed on a log axis");
    }

    [Test]
    public void Stacked_bar_segments_sum_to_the_bar_total()
    {
        var plot = SampleCharts.GpuBreakdown();
        var doc = XDocument.Parse(plot.RenderSvg());
        var area = doc.Descendants(Svg + "svg").Single(e => (string?)e.Attribute("class") == "plot-area");
        var width = Attr(area, "width");
        var segments = area.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar-seg").ToList();
        Assert.That(segments, Has.Count.EqualTo(8 * 6));
        foreach (var bar in segments.GroupBy(r => r.Attribute("data-category")!.Value))
        {
            var ordered = bar.OrderBy(r => int.Parse(r.Attribute("data-segment")!.Value, CultureInfo.InvariantCulture)).ToList();
            Assert.That(ordered.Sum(r => Attr(r, "width")), Is.EqualTo(width).Within(0.05), $"bar {bar.Key} (shares sum to 1)");
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.That(Attr(ordered[i], "x"), Is.EqualTo(Attr(ordered[i - 1], "x") + Attr(ordered[i - 1], "width")).Within(0.02), "segments abut");
            }
        }
    }

    [Test]
    public void Vertical_stacked_bars_grow_up_from_zero()
    {
        var plot = new Plot();
        plot.AddStackedBars(["a", "b"], ["x", "y"], [[1, 2], [3, 1]], BarOrientation.Vertical);
        var doc = XDocument.Parse(plot.RenderSvg());
        var area = doc.Descendants(Svg + "svg").Single(e => (string?)e.Attribute("class") == "plot-area");
        var height = Attr(area, "height");
        var bars = area.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar-seg").ToList();
        var totalA = bars.Where(r => r.Attribute("data-category")!.Value == "0").Sum(r => Attr(r, "height"));
        var totalB = bars.Where(r => r.Attribute("data-category")!.Value == "1").Sum(r => Attr(r, "height"));
        Assert.That(totalA / totalB, Is.EqualTo(3.0 / 4.0).Within(0.01));
        Assert.That(bars.Max(r => Attr(r, "y") + Attr(r, "height")), Is.EqualTo(height).Within(0.02), "bars stand on the x axis");
    }

    [Test]
    public void Gantt_spans_lie_inside_the_window()
    {
        var plot = SampleCharts.PipelineGantt(out var spans);
        var doc = XDocument.Parse(plot.RenderSvg());
        var area = doc.Descendants(Svg + "svg").Single(e => (string?)e.Attribute("class") == "plot-area");
        var width = Attr(area, "width");
        var rects = area.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "gantt-span").ToList();
        var inWindow = spans.Count(s => s.Start + s.Duration > 5 && s.Start < 85);
        Assert.That(rects, Has.Count.EqualTo(inWindow));
        Assert.That(rects.All(r => Attr(r, "x") >= 0 && Attr(r, "x") + Attr(r, "width") <= width + 0.01), Is.True);
        Assert.That(area.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("class") == "gantt-lane"), Is.EqualTo(4));
    }

    [Test]
    public void Gantt_rejects_rows_out_of_range_and_negative_durations()
    {
        Assert.Throws<ArgumentException>(() => _ = new GanttSeries(["a"], [new GanttSpan(1, 0, 1, "k")]));
        Assert.Throws<ArgumentException>(() => _ = new GanttSeries(["a"], [new GanttSpan(0, 0, -1, "k")]));
    }

    [Test]
    public void Cdf_reports_percentiles_and_marks_them()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var plot = new Plot();
        var cdf = plot.AddCdf(samples, "x", "ms");
        Assert.That(cdf.P50, Is.EqualTo(50.5));
        Assert.That(cdf.P99, Is.EqualTo(99.01).Within(1e-9));
        var doc = XDocument.Parse(plot.RenderSvg());
        Assert.That(doc.Descendants(Svg + "circle").Count(c => (string?)c.Attribute("class") == "percentile"), Is.EqualTo(2));
        Assert.That(doc.Descendants(Svg + "text").Select(t => t.Value), Does.Contain("p50 50.5 ms"));
    }

    [Test]
    public void Cdf_of_many_samples_stays_small()
    {
        var random = new Random(1);
        var plot = new Plot();
        plot.AddCdf(Enumerable.Range(0, 200_000).Select(_ => random.NextDouble()));
        Assert.That(plot.RenderSvg().Length, Is.LessThan(60_000));
    }

    [Test]
    public void Palette_colours_are_assigned_in_order_and_explicit_colours_win()
    {
        var plot = new Plot();
        plot.AddLine([0, 1], [0, 1], "a");
        plot.AddVerticalLine(0.5, "slo");
        plot.AddLine([0, 1], [1, 0], "b");
        plot.AddLine([0, 1], [1, 1], "c").Color = "#123456";
        var svg = plot.RenderSvg();
        Assert.That(svg, Does.Contain($"stroke=\"{Palette.Get(0)}\"").And.Contain($"stroke=\"{Palette.Get(1)}\"").And.Contain("stroke=\"#123456\""));
    }

    [Test]
    public void Empty_plot_renders()
    {
        Assert.That(() => XDocument.Parse(new Plot { Title = "nothing" }.RenderSvg()), Throws.Nothing);
    }
}
