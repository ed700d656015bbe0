using DesSim.Core.Statistics;
using System.Xml.Linq;
using DesSim.Reporting.Charts;
using ScottPlot;
using SkiaSharp;

namespace DesSim.Reporting.Tests.Charts;

public sealed class ChartRenderTests
{
    private static IEnumerable<TestCaseData> Samples() => SampleCharts.All().Select(s => new TestCaseData(s.Name).SetArgDisplayNames(s.Name));

    private static Chart Sample(string name) => SampleCharts.All().Single(s => s.Name == name).Chart;

    [TestCaseSource(nameof(Samples))]
    public void Every_chart_renders_well_formed_svg_and_a_png_of_the_requested_size(string name)
    {
        var chart = Sample(name);
        var svg = chart.RenderSvg();
        var doc = XDocument.Parse(svg);
        using var bitmap = SKBitmap.Decode(chart.RenderPng());
        Assert.Multiple(() =>
        {
            Assert.That(doc.Root!.Name.LocalName, Is.EqualTo("svg"));
            Assert.That(doc.Root.Attribute("viewBox")?.Value, Is.EqualTo($"0 0 {chart.WidthPx} {chart.HeightPx}"));
            Assert.That(svg, Does.Contain("<text"), "titles and labels are text");
            Assert.That(bitmap, Is.Not.Null);
            Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((chart.WidthPx, chart.HeightPx)));
            Assert.That(chart.WidthPx, Is.EqualTo(ChartTheme.SlideWidthPx));
            Assert.That(chart.HeightPx, Is.GreaterThanOrEqualTo(ChartTheme.SlideHeightPx));
        });
    }

    [TestCaseSource(nameof(Samples))]
    public void Two_renders_of_the_same_data_are_byte_identical(string name)
    {
        var (a, b) = (Sample(name), Sample(name));
        Assert.Multiple(() =>
        {
            Assert.That(b.RenderSvg(), Is.EqualTo(a.RenderSvg()));
            Assert.That(b.RenderPng(), Is.EqualTo(a.RenderPng()));
        });
    }

    /// <summary>The renderer stops a plot's first render after one pass (ChartRenderer.RenderOnePass); a plot rendered
    /// before renders with its layout settled by that earlier render. Both must draw the same thing.</summary>
    [TestCaseSource(nameof(Samples))]
    public void The_first_render_of_a_chart_draws_what_a_settled_render_draws(string name)
    {
        var svgFirst = Sample(name);
        var pngFirst = Sample(name);
        var (svg, png) = (svgFirst.RenderSvg(), pngFirst.RenderPng());
        Assert.Multiple(() =>
        {
            Assert.That(svgFirst.Panels.Select(p => p.RenderManager.RenderCount), Is.All.EqualTo(1), "one pass per panel");
            Assert.That(svgFirst.RenderSvg(), Is.EqualTo(svg), "SVG after an SVG");
            Assert.That(svgFirst.RenderPng(), Is.EqualTo(png), "PNG after an SVG");
            Assert.That(pngFirst.RenderSvg(), Is.EqualTo(svg), "SVG after a PNG");
            Assert.That(svgFirst.Panels.Select(p => p.RenderManager.RenderCount), Is.All.EqualTo(3), "a settled render is one pass too");
        });
    }

    [Test]
    public void Svg_clip_ids_do_not_depend_on_how_many_charts_the_process_drew_before()
    {
        var first = Sample("breakdown").RenderSvg();
        // Why 40: Skia's clip counter is hexadecimal and process-wide; this walks it past ids with letters (cl_1a, …).
        for (var i = 0; i < 40; i++)
        {
            Sample("cdf").RenderSvg();
        }

        var again = Sample("breakdown").RenderSvg();
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(again, Does.Not.Contain("\"cl_"));
            Assert.That(again, Does.Contain("id=\"clip0\""));
        });
    }

    [Test]
    public void The_png_draws_something_other_than_background()
    {
        using var bitmap = SKBitmap.Decode(Sample("cdf").RenderPng());
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < bitmap.Height; y += 7)
        {
            for (var x = 0; x < bitmap.Width; x += 7)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }

        Assert.That(colours, Has.Count.GreaterThan(10));
    }

    [Test]
    public void The_cdf_p50_marker_sits_at_the_samples_median_inside_the_data_area()
    {
        var samples = SampleCharts.Ttft();
        var sorted = samples.Order().ToArray();
        var median = (sorted[1249] + sorted[1250]) / 2;
        var chart = RunCharts.LatencyCdf("TTFT", [("TTFT", samples)], 250);
        chart.RenderPng();
        var markers = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Marker>().ToArray();
        var p50 = markers.Single(m => m.Y == 0.5);
        var pixel = chart.Plot.GetPixel(new Coordinates(p50.X, p50.Y));
        var area = chart.Plot.RenderManager.LastRender.DataRect;
        Assert.Multiple(() =>
        {
            Assert.That(p50.X, Is.EqualTo(median).Within(1e-9));
            Assert.That(pixel.X, Is.InRange(area.Left, area.Right));
            Assert.That(pixel.Y, Is.InRange(area.Top, area.Bottom));
            Assert.That(chart.Plot.GetCoordinates(pixel).X, Is.EqualTo(median).Within(1));
            Assert.That(chart.RenderSvg(), Does.Contain($"p50 {NumberFormat.Significant(median)} ms"));
        });
    }

    [Test]
    public void A_log_axis_plots_log10_of_the_value_and_labels_the_value()
    {
        var chart = RunCharts.LatencyCdf("ITL", [("ITL", [1, 10, 100, 1000])], logScale: true);
        var p99 = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Marker>().Single(m => m.Y == 0.99);
        Assert.That(p99.X, Is.EqualTo(Math.Log10(SampleQuantileOf([1, 10, 100, 1000], 0.99))).Within(1e-9));
    }

    [Test]
    public void The_pareto_frontier_line_joins_only_non_dominated_points()
    {
        var chart = StudyCharts.ThroughputLatencyPareto(["a", "b", "c"], [100, 200, 150], [500, 900, 400]);
        var frontier = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Single(s => s.LegendText == "Pareto frontier");
        Assert.That(frontier.Data.GetScatterPoints().Select(p => p.X), Is.EqualTo(new[] { 100.0, 200.0 }));
    }

    [Test]
    public void Breakdown_bars_stack_the_shares_in_segment_order()
    {
        var chart = RunCharts.GpuTimeBreakdown("t", ["gpu0"], [[0.5, 0.1, 0.05, 0.0, 0.1, 0.25]]);
        var bars = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>().Single().Bars;
        Assert.Multiple(() =>
        {
            Assert.That(bars.Select(b => b.ValueBase), Is.EqualTo(new[] { 0, 0.5, 0.6, 0.65, 0.65, 0.75 }).Within(1e-12));
            Assert.That(bars[^1].Value, Is.EqualTo(1).Within(1e-12));
            Assert.That(bars.Select(b => b.FillColor), Is.EqualTo(ChartTheme.TimeBreakdown));
        });
    }

    [Test]
    public void A_chart_of_no_data_still_renders()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => RunCharts.LatencyCdf("empty", [("TTFT", [])], 100).RenderPng(), Throws.Nothing);
            Assert.That(() => RunCharts.TimeSeries("empty", "q", "", [], [("q", [])]).RenderSvg(), Throws.Nothing);
            Assert.That(() => RunCharts.PipelineTimeline("empty", "t", ["stage 0"], [], 0, 1).RenderPng(), Throws.Nothing);
            Assert.That(() => TraceLengthCharts.Build("empty", [], []).RenderSvg(), Throws.Nothing);
        });
    }

    private static double SampleQuantileOf(double[] sorted, double q) => Quantile.Linear(sorted, q);
}
