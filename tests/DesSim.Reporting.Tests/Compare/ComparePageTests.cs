using System.Text.Json.Nodes;
using System.Xml.Linq;
using DesSim.Core;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Compare;
using DesSim.Reporting.Results;
using DesSim.Reporting.Tests.Results;
using SkiaSharp;

namespace DesSim.Reporting.Tests.Compare;

/// <summary>compare.html from written result directories: labels, charts carrying each run's data, the best-value
/// marks, and the bad inputs the reader refuses.</summary>
public sealed class ComparePageTests
{
    private static readonly Lazy<string[]> Dirs = new(() =>
    [
        TinyRun.WriteToTemp(TinyRun.Shared),
        TinyRun.WriteToTemp(TinyRun.Run(parallelism: "{ tp: 2, pp: 1 }")),
    ]);

    [OneTimeTearDown]
    public static void DeleteDirs()
    {
        if (Dirs.IsValueCreated)
        {
            foreach (var dir in Dirs.Value)
            {
                TinyRun.Delete(dir);
            }
        }
    }

    private static IReadOnlyList<CompareRun> Runs() => CompareReader.Read(Dirs.Value);

    [Test]
    public void Runs_are_labelled_by_scenario_name_and_layout()
    {
        Assert.That(Runs().Select(r => r.Label), Is.EqualTo(new[] { "tiny (TP1xPP2)", "tiny (TP2xPP1)" }));
    }

    [Test]
    public void Runs_that_would_share_a_label_get_their_directory_name()
    {
        var copy = Path.Combine(Path.GetTempPath(), "dessim-compare-tests", "second-copy");
        CopyDirectory(Dirs.Value[0], copy);
        try
        {
            var labels = CompareReader.Read([Dirs.Value[0], copy]).Select(r => r.Label).ToArray();
            Assert.That(labels, Is.EqualTo(new[] { $"tiny (TP1xPP2) {Path.GetFileName(Dirs.Value[0])}", "tiny (TP1xPP2) second-copy" }));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Test]
    public void Every_chart_renders_to_svg_and_png_and_the_cdf_p50_markers_sit_at_each_runs_p50()
    {
        var runs = Runs();
        var charts = ComparePage.Charts(runs);
        Assert.That(charts.Select(c => c.Name), Is.EqualTo(new[] { "ttft_cdf", "tpot_cdf", "e2el_cdf", "throughput_goodput", "output_per_gpu", "gpu_breakdown" }));
        foreach (var chart in charts)
        {
            using var bitmap = SKBitmap.Decode(chart.Chart.RenderPng());
            Assert.That(XDocument.Parse(chart.Chart.RenderSvg()).Root!.Name.LocalName, Is.EqualTo("svg"), chart.Name);
            Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((chart.Chart.WidthPx, chart.Chart.HeightPx)), chart.Name);
        }

        var ttft = charts[0].Chart;
        var markers = ttft.Plot.GetPlottables().OfType<ScottPlot.Plottables.Marker>().Where(m => m.Y == 0.5).ToArray();
        var log = ttft.Plot.Axes.Bottom.TickGenerator is ScottPlot.TickGenerators.NumericManual;
        Assert.That(markers, Has.Length.EqualTo(runs.Count));
        for (var i = 0; i < runs.Count; i++)
        {
            var x = log ? Math.Pow(10, markers[i].X) : markers[i].X;
            Assert.That(x, Is.EqualTo(runs[i].Data.Summary.TtftMs.Median).Within(1e-5), runs[i].Label);
            Assert.That(markers[i].MarkerFillColor, Is.EqualTo(ChartTheme.Colour(i)), "one colour per run");
        }
    }

    [Test]
    public void The_throughput_chart_plots_each_runs_throughput_and_goodput()
    {
        var runs = Runs();
        var chart = ComparePage.Charts(runs).Single(c => c.Name == "throughput_goodput").Chart;
        var bars = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>().Single().Bars;
        var expected = runs.SelectMany(r => new[] { r.Data.Summary.RequestThroughput, r.Data.Summary.Goodput });
        Assert.That(bars.Select(b => b.Value), Is.EqualTo(expected));
    }

    [Test]
    public void The_page_is_self_contained_and_marks_the_best_run_of_each_row()
    {
        var runs = Runs();
        var html = ComparePage.Build(runs);
        var rows = html.Split("<tr>").Where(r => r.Contains("<td>TTFT p99</td>", StringComparison.Ordinal)).ToArray();
        var best = runs[0].Data.Summary.TtftMs.P99 <= runs[1].Data.Summary.TtftMs.P99 ? 0 : 1;
        Assert.Multiple(() =>
        {
            Assert.That(html.Split("<svg").Length - 1, Is.EqualTo(6), "one inline svg per chart");
            Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("src=\"http"));
            Assert.That(rows, Has.Length.EqualTo(1));
            Assert.That(rows[0].Split("<td").Length - 1, Is.EqualTo(4), "metric, unit, two runs");
            Assert.That(rows[0].Split("<td")[3 + best], Does.StartWith(" class=\"num best\""));
            Assert.That(rows[0].Split("<td")[4 - best], Does.StartWith(" class=\"num\">"));
            Assert.That(ComparePage.Build(Runs()), Is.EqualTo(html), "deterministic");
        });
    }

    [Test]
    public void Best_marks_ties_and_nothing_when_all_equal_or_undirected()
    {
        var lower = new CompareMetric("x", "ms", MetricDirection.LowerIsBetter, _ => 0);
        var higher = lower with { Direction = MetricDirection.HigherIsBetter };
        Assert.Multiple(() =>
        {
            Assert.That(lower.Best([3, 1, double.NaN, 1]), Is.EqualTo(new[] { 1, 3 }));
            Assert.That(higher.Best([3, 1, double.NaN, 1]), Is.EqualTo(new[] { 0 }));
            Assert.That(lower.Best([2, 2]), Is.Empty);
            Assert.That(lower.Best([2, double.NaN]), Is.Empty);
            Assert.That((lower with { Direction = MetricDirection.None }).Best([1, 2]), Is.Empty);
        });
    }

    [TestCase(1)]
    [TestCase(9)]
    public void Fewer_than_two_or_more_than_eight_directories_are_refused(int count)
    {
        var e = Assert.Throws<InputException>(() => CompareReader.Read(Enumerable.Repeat(Dirs.Value[0], count).Select((d, i) => d + new string('/', i)).ToArray()))!;
        Assert.That(e.Message, Does.Contain($"{count} result director").And.Contain("2 to 8"));
    }

    [Test]
    public void A_directory_given_twice_is_refused_naming_it()
    {
        var e = Assert.Throws<InputException>(() => CompareReader.Read([Dirs.Value[0], Dirs.Value[1], Dirs.Value[0] + "/"]))!;
        Assert.That(e.Message, Does.Contain(Dirs.Value[0]).And.Contain("given twice"));
    }

    [Test]
    public void A_directory_that_is_not_a_result_is_refused_naming_it()
    {
        var empty = Directory.CreateTempSubdirectory("dessim-compare-empty-").FullName;
        try
        {
            var e = Assert.Throws<InputException>(() => CompareReader.Read([Dirs.Value[0], empty]))!;
            Assert.That(e.Message, Does.Contain(empty).And.Contain("missing"));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [TestCase(2, "result format 2; this dessim reads result format 1")]
    [TestCase(null, "result_format: missing key")]
    public void A_result_of_another_format_is_refused_naming_its_summary(int? format, string reason)
    {
        var copy = Path.Combine(Path.GetTempPath(), "dessim-compare-tests", "format-" + (format?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"));
        CopyDirectory(Dirs.Value[1], copy);
        try
        {
            var path = Path.Combine(copy, "summary.json");
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            json.Remove("result_format");
            if (format is { } f)
            {
                json["result_format"] = f;
            }

            File.WriteAllText(path, json.ToJsonString());
            var e = Assert.Throws<InputException>(() => CompareReader.Read([Dirs.Value[0], copy]))!;
            Assert.That(e.Message, Does.Contain(path).And.Contain(reason));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        if (Directory.Exists(to))
        {
            Directory.Delete(to, recursive: true);
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
