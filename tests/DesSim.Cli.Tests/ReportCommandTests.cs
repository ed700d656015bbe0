using System.Xml.Linq;

namespace DesSim.Cli.Tests;

/// <summary><c>dessim report DIR [--svg-dir]</c>, <c>run --timeline</c> and <c>trace stats --svg</c> end to end.</summary>
public sealed class ReportCommandTests : TinyCliRun
{
    private static readonly string TinyScenario = Scenario("cli-tiny", 3, "outputs: { timeseries_step_s: 0.25 }");

    private string RunScenario(params string[] extra)
    {
        var yaml = WriteScenario(TinyScenario);
        var dir = Path.Combine(Root, "out");
        var (code, _, err) = CliTests.Run(["run", yaml, "--out", dir, "--quiet", .. extra]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        return dir;
    }

    [Test]
    public void Report_rebuilds_the_html_and_writes_each_chart_as_well_formed_svg()
    {
        var dir = RunScenario("--report");
        var html = Path.Combine(dir, "report.html");
        var original = File.ReadAllBytes(html);
        File.Delete(html);
        var svgDir = Path.Combine(Root, "img");
        var pngDir = Path.Combine(Root, "png");
        var (code, output, err) = CliTests.Run("report", dir, "--svg-dir", svgDir, "--png-dir", pngDir);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        var svgs = Directory.GetFiles(svgDir, "*.svg").Order(StringComparer.Ordinal).ToArray();
        var pngs = Directory.GetFiles(pngDir, "*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(html), Is.EqualTo(original), "same bytes as the run's own report");
            Assert.That(svgs.Select(Path.GetFileName), Is.EquivalentTo(new[]
            {
                "e2el_cdf.svg", "gpu_breakdown.svg", "itl_cdf.svg", "kv_cache.svg", "pipeline_timeline.svg",
                "cluster_power.svg", "queue_length.svg", "running_batch.svg", "tpot_cdf.svg", "ttft_cdf.svg",
            }));
            Assert.That(svgs.Select(f => XDocument.Load(f).Root!.Name.LocalName), Is.All.EqualTo("svg"));
            Assert.That(pngs.Select(Path.GetFileNameWithoutExtension), Is.EqualTo(svgs.Select(Path.GetFileNameWithoutExtension)));
            Assert.That(pngs.Select(f => { using var b = SkiaSharp.SKBitmap.Decode(f); return b.Width; }), Is.All.EqualTo(1600));
            Assert.That(output, Does.Contain("report.html"));
        });
    }

    [Test]
    public void Report_of_a_broken_directory_exits_2_naming_the_file_and_writes_nothing()
    {
        var dir = RunScenario();
        File.Delete(Path.Combine(dir, "gpus.csv"));
        var svgDir = Path.Combine(Root, "img");
        var (code, _, err) = CliTests.Run("report", dir, "--svg-dir", svgDir);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(err, Does.Contain("gpus.csv"));
            Assert.That(File.Exists(Path.Combine(dir, "report.html")), Is.False);
            Assert.That(Directory.Exists(svgDir), Is.False);
        });
    }

    [Test]
    public void Timeline_flag_sets_the_trace_window()
    {
        var dir = RunScenario("--timeline", "0.5:1");
        Assert.That(File.ReadAllText(Path.Combine(dir, "trace.json")), Does.Contain("only events in [0.5, 1.5] s"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "scenario.yaml")), Does.Contain("start_s: 0.5"));
    }

    [TestCase("5")]
    [TestCase("a:b")]
    [TestCase("1:0")]
    [TestCase("-1:2")]
    public void A_bad_timeline_flag_exits_2_and_writes_nothing(string value)
    {
        var yaml = WriteScenario(TinyScenario);
        var dir = Path.Combine(Root, "out");
        var (code, _, err) = CliTests.Run("run", yaml, "--out", dir, "--timeline", value);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(err, Does.Contain("--timeline"));
            Assert.That(Directory.Exists(dir), Is.False);
        });
    }

    [Test]
    public void Trace_stats_svg_holds_both_histograms_and_is_deterministic()
    {
        var trace = Path.Combine(Root, "t.csv");
        File.WriteAllText(trace, "arrival_s,input_tokens,output_tokens\n0,100,10\n0.5,900,50\n1.0,400,200\n2.0,250,30\n");
        var first = Path.Combine(Root, "a.svg");
        var second = Path.Combine(Root, "b.svg");
        Assert.That(CliTests.Run("trace", "stats", trace, "--svg", first).Code, Is.EqualTo(ExitCodes.Success));
        Assert.That(CliTests.Run("trace", "stats", trace, "--svg", second).Code, Is.EqualTo(ExitCodes.Success));
        var png = Path.Combine(Root, "a.png");
        Assert.That(CliTests.Run("trace", "stats", trace, "--png", png).Code, Is.EqualTo(ExitCodes.Success));
        var svg = XDocument.Load(first);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Multiple(() =>
        {
            Assert.That(svg.Root!.Name.LocalName, Is.EqualTo("svg"));
            Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((1600, 900)));
            Assert.That(File.ReadAllText(first), Does.Contain("Input lengths").And.Contain("Output lengths"));
            Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)));
        });
    }

    [Test]
    public void Trace_stats_of_a_bad_trace_writes_no_svg()
    {
        var trace = Path.Combine(Root, "t.csv");
        File.WriteAllText(trace, "nonsense\n1\n");
        var svg = Path.Combine(Root, "a.svg");
        var (code, _, _) = CliTests.Run("trace", "stats", trace, "--svg", svg);
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(File.Exists(svg), Is.False);
    }
}
