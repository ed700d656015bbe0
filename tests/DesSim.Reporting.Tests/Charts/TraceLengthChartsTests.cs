using System.Xml.Linq;
using DesSim.Core.Workload;
using DesSim.Reporting.Charts;

namespace DesSim.Reporting.Tests.Charts;

/// <summary>The two-panel length histogram of <c>trace stats --svg</c>.</summary>
public sealed class TraceLengthChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Test]
    public void Two_panels_stacked_one_under_the_other_in_one_well_formed_svg()
    {
        HistogramBin[] input = [new(0, 100, 3), new(100, 200, 7)];
        HistogramBin[] output = [new(1, 11, 5), new(11, 21, 0), new(21, 31, 2)];
        var doc = XDocument.Parse(TraceLengthCharts.Render("t.csv", input, output));
        var panels = doc.Root!.Elements(Svg + "svg").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(panels, Has.Length.EqualTo(2));
            Assert.That(panels.Select(p => p.Attribute("y")!.Value), Is.EqualTo(new[] { "0", panels[0].Attribute("height")!.Value }));
            Assert.That(doc.Root!.Attribute("height")!.Value, Is.EqualTo("840"), "two default-height panels");
            Assert.That(doc.ToString(), Does.Contain("Input lengths: t.csv").And.Contain("Output lengths: t.csv"));
        });
    }

    [Test]
    public void Empty_histograms_still_render_and_the_output_is_deterministic()
    {
        var a = TraceLengthCharts.Render("empty", [], []);
        Assert.That(() => XDocument.Parse(a), Throws.Nothing);
        Assert.That(TraceLengthCharts.Render("empty", [], []), Is.EqualTo(a));
    }

    [Test]
    public void A_panel_that_is_not_svg_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => SvgPanels.Vertical("x", [("<div/>", 10, 10)]));
    }
}
