using System.Xml.Linq;
using DesSim.Reporting.Charts;

namespace DesSim.Reporting.Tests.Charts;

/// <summary>Awkward inputs still render well-formed charts (also written out for a visual check).</summary>
public sealed class EdgeCaseChartTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        var big = new Plot { Title = "32 GPUs, 16 micro-batches" };
        var spans = new List<GanttSpan>();
        for (var g = 0; g < 32; g++)
        {
            for (var m = 0; m < 16; m++)
            {
                spans.Add(new GanttSpan(g, (m * 4.0) + (g * 0.5), 3.2, $"mb {m}"));
            }
        }

        big.XAxis.Label = "Simulated time";
        big.XAxis.Unit = "ms";
        big.AddGantt(Enumerable.Range(0, 32).Select(g => $"r{g / 8} gpu{g % 8}").ToArray(), spans);
        yield return new TestCaseData("gantt-32x16", big);

        var single = new Plot { Title = "one sample" };
        single.XAxis.Unit = "ms";
        single.AddCdf([42.0], "ITL", "ms");
        yield return new TestCaseData("cdf-single", single);

        var zeros = new Plot { Title = "all zero" };
        zeros.AddStep([0, 1, 2], [0, 0, 0], "queue");
        yield return new TestCaseData("flat-zero", zeros);

        var tiny = new Plot { Title = "ITL (tiny values, log x)" };
        tiny.XAxis.Scale = AxisScale.Log;
        tiny.XAxis.Unit = "ms";
        var random = new Random(5);
        tiny.AddCdf(Enumerable.Range(0, 3000).Select(_ => 0.004 + (random.NextDouble() * random.NextDouble() * 0.05)), "ITL", "ms");
        tiny.AddVerticalLine(0.04, "SLO");
        yield return new TestCaseData("cdf-tiny-log", tiny);

        var vertical = new Plot { Title = "vertical bars" };
        vertical.YAxis.Label = "Share";
        vertical.AddStackedBars(Enumerable.Range(0, 12).Select(i => $"g{i}").ToArray(), ["a", "b"], Enumerable.Range(0, 12).Select(i => (IReadOnlyList<double>)[0.3 + (i * 0.01), 0.2]).ToArray(), BarOrientation.Vertical);
        yield return new TestCaseData("bars-vertical", vertical);
    }

    [TestCaseSource(nameof(Cases))]
    public void Renders_well_formed_svg(string name, Plot plot)
    {
        var svg = plot.RenderSvg();
        Assert.That(() => XDocument.Parse(svg), Throws.Nothing);
        Assert.That(svg, Does.Not.Contain("NaN").And.Not.Contain("Infinity"));
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "chart-samples");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".svg"), svg);
    }

    [Test]
    public void Long_series_are_thinned_but_keep_their_spikes()
    {
        var xs = Enumerable.Range(0, 200_000).Select(i => i * 0.01).ToArray();
        var ys = xs.Select((_, i) => i == 123_457 ? 1000.0 : 10.0 + (i % 7)).ToArray();
        var plot = new Plot();
        plot.AddStep(xs, ys, "queue");
        var svg = plot.RenderSvg();
        Assert.That(svg.Length, Is.LessThan(200_000));
        var path = XDocument.Parse(svg).Descendants().Single(e => e.Name.LocalName == "path").Attribute("d")!.Value;
        var ysInPath = path.Split([' ', 'M', 'L'], StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 1)
            .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(ysInPath.Min(), Is.LessThan(1), "the 1000 spike reaches the top of the plot area");
    }

    [Test]
    public void Decimator_keeps_first_min_max_last_per_column_in_order()
    {
        var points = Enumerable.Range(0, 100).Select(i => (X: i / 50.0, Y: (double)((i * 37) % 11))).ToList();
        var thinned = PathDecimator.Thin(points, widthPx: 2);
        Assert.That(thinned, Is.SubsetOf(points));
        Assert.That(thinned.Select(p => p.X), Is.Ordered);
        Assert.That(thinned[0], Is.EqualTo(points[0]));
        Assert.That(thinned[^1], Is.EqualTo(points[^1]));
        Assert.That(thinned.Max(p => p.Y), Is.EqualTo(points.Max(p => p.Y)));
    }
}
