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
}
