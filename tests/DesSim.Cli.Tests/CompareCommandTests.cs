using System.Xml.Linq;

namespace DesSim.Cli.Tests;

/// <summary><c>dessim compare</c> end to end: two runs of different layouts side by side, images, and bad input.</summary>
public sealed class CompareCommandTests : TinyCliRun
{
    private static readonly string TinyScenario = Scenario("cmp-tiny", 5, "slo: { ttft_ms: 300, tpot_ms: 30 }");

    private static readonly string[] ChartNames = ["e2el_cdf", "gpu_breakdown", "output_per_gpu", "throughput_goodput", "tpot_cdf", "ttft_cdf"];

    private string[] TwoRuns()
    {
        var yaml = WriteScenario(TinyScenario);
        var dirs = new[] { Path.Combine(Root, "pp2"), Path.Combine(Root, "tp2") };
        Assert.That(CliTests.Run("run", yaml, "--out", dirs[0], "--quiet").Code, Is.EqualTo(ExitCodes.Success));
        Assert.That(CliTests.Run("run", yaml, "--out", dirs[1], "--quiet", "--set", "parallelism.tp=2", "--set", "parallelism.pp=1").Code, Is.EqualTo(ExitCodes.Success));
        return dirs;
    }

    [Test]
    public void Compare_writes_one_self_contained_page_and_every_chart_as_svg_and_png()
    {
        var runs = TwoRuns();
        var (outDir, svgDir, pngDir) = (Path.Combine(Root, "cmp"), Path.Combine(Root, "svg"), Path.Combine(Root, "png"));
        var (code, output, err) = CliTests.Run("compare", runs[0], runs[1], "--out", outDir, "--svg-dir", svgDir, "--png-dir", pngDir);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), err);
        var html = File.ReadAllText(Path.Combine(outDir, "compare.html"));
        var svgs = Directory.GetFiles(svgDir).Order(StringComparer.Ordinal).ToArray();
        var pngs = Directory.GetFiles(pngDir).Order(StringComparer.Ordinal).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(outDir).Select(Path.GetFileName), Is.EqualTo(new[] { "compare.html" }));
            Assert.That(html, Does.Contain("cmp-tiny (TP1xPP2)").And.Contain("cmp-tiny (TP2xPP1)").And.Contain("class=\"num best\""));
            Assert.That(html, Does.Not.Contain("<script"));
            Assert.That(svgs.Select(Path.GetFileNameWithoutExtension), Is.EqualTo(ChartNames));
            Assert.That(pngs.Select(Path.GetFileNameWithoutExtension), Is.EqualTo(ChartNames));
            Assert.That(svgs.Select(f => XDocument.Load(f).Root!.Name.LocalName), Is.All.EqualTo("svg"));
            Assert.That(pngs.Select(f => { using var b = SkiaSharp.SKBitmap.Decode(f); return b.Width; }), Is.All.EqualTo(1600));
            Assert.That(output, Does.Contain("compare.html"));
        });

        var again = Path.Combine(Root, "cmp2");
        Assert.That(CliTests.Run("compare", runs[0], runs[1], "--out", again).Code, Is.EqualTo(ExitCodes.Success));
        Assert.That(File.ReadAllBytes(Path.Combine(again, "compare.html")), Is.EqualTo(File.ReadAllBytes(Path.Combine(outDir, "compare.html"))), "deterministic");
    }

    [TestCase("missing")]
    [TestCase("not-a-result")]
    [TestCase("broken-summary")]
    [TestCase("other-format")]
    [TestCase("only-one")]
    [TestCase("twice")]
    public void Bad_input_exits_2_naming_the_directory_and_writes_nothing(string kind)
    {
        var runs = TwoRuns();
        var bad = Path.Combine(Root, kind);
        switch (kind)
        {
            case "not-a-result":
                Directory.CreateDirectory(bad);
                File.WriteAllText(Path.Combine(bad, "notes.txt"), "hello");
                break;
            case "broken-summary":
            case "other-format":
                Directory.CreateDirectory(bad);
                foreach (var f in Directory.GetFiles(runs[1]))
                {
                    File.Copy(f, Path.Combine(bad, Path.GetFileName(f)));
                }

                var summary = Path.Combine(bad, "summary.json");
                File.WriteAllText(summary, kind == "broken-summary" ? "{ not json" : File.ReadAllText(summary).Replace("\"result_format\": 1", "\"result_format\": 99", StringComparison.Ordinal));
                break;
        }

        string[] args = kind switch
        {
            "only-one" => ["compare", runs[0]],
            "twice" => ["compare", runs[0], runs[1], runs[0]],
            _ => ["compare", runs[0], bad],
        };
        var (outDir, pngDir) = (Path.Combine(Root, "cmp"), Path.Combine(Root, "png"));
        var (code, _, err) = CliTests.Run([.. args, "--out", outDir, "--png-dir", pngDir]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.BadInput), err);
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1), "one line");
            Assert.That(err, Does.Contain(kind switch { "only-one" => "2 to 8", "twice" => runs[0], _ => bad }));
            Assert.That(Directory.Exists(outDir), Is.False);
            Assert.That(Directory.Exists(pngDir), Is.False);
        });
        if (kind == "other-format")
        {
            Assert.That(err, Does.Contain("result format 99"));
        }
    }

    [Test]
    public void An_output_inside_a_compared_directory_is_refused()
    {
        var runs = TwoRuns();
        var (code, _, err) = CliTests.Run("compare", runs[0], runs[1], "--out", Path.Combine(runs[0], "cmp"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(err, Does.Contain("--out"));
            Assert.That(Directory.Exists(Path.Combine(runs[0], "cmp")), Is.False);
        });
    }
}
