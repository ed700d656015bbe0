using DesSim.Core.Cost;
using DesSim.Core.Hardware;

namespace DesSim.Core.Tests.Cost;

public sealed class MeasuredCostTests
{
    [Test]
    public void MeasuredModelReproducesTheH100GemmTableWithin2PercentAtMeasuredPoints()
    {
        var table = MeasuredProfiles.Gemm("h100_sxm", "bf16")!;
        var timer = new MeasuredKernelTimer(table, new RooflineKernelTimer(GpuCatalog.Get("h100"), Precision.Bf16), new RunNotes());
        var points = table.Points.Where((_, i) => i % 37 == 0).ToList();
        Assert.That(points, Has.Count.GreaterThan(100));
        foreach (var (m, n, k, seconds) in points)
        {
            var kernel = new Kernel("gemm", KernelKind.Gemm, 2.0 * m * n * k, 0, m, n, k);
            Assert.That(timer.Seconds(kernel), Is.EqualTo(seconds).Within(2).Percent, $"m={m} n={n} k={k}");
        }
    }

    [Test]
    public void RooflineVersusMeasuredMedianErrorIsReportedAndBounded()
    {
        var (median, count) = RooflineComparison.MedianRelativeError(GpuCatalog.Get("h100"), "bf16");
        TestContext.Out.WriteLine($"H100 bf16 GEMM: roofline vs measured median |error| = {median:P1} over {count} shapes");
        Assert.That(count, Is.GreaterThan(1000));
        Assert.That(median, Is.LessThan(1.0), "the roofline should be within a factor of two of the table on the median shape");
    }

    [Test]
    public void BetweenGridPointsTheInterpolationIsBracketed()
    {
        var table = MeasuredProfiles.Gemm("h100_sxm", "bf16")!;
        Assert.That(table.TryLatencySeconds(1024, 8192, 8192, out var lo), Is.True);
        Assert.That(table.TryLatencySeconds(2048, 8192, 8192, out var hi), Is.True);
        Assert.That(table.TryLatencySeconds(1500, 8192, 8192, out var mid), Is.True);
        Assert.That(mid, Is.InRange(lo, hi));
        Assert.That(table.TryLatencySeconds(1 << 20, 8192, 8192, out _), Is.False, "outside the measured m range");
    }

    [Test]
    public void OutOfRangeShapesFallBackToRooflineAndSayItOnce()
    {
        var notes = new RunNotes();
        var roofline = new RooflineKernelTimer(GpuCatalog.Get("h100"), Precision.Bf16);
        var timer = new MeasuredKernelTimer(MeasuredProfiles.Gemm("h100_sxm", "bf16")!, roofline, notes);
        var huge = new Kernel("gemm", KernelKind.Gemm, 2.0 * 100_000 * 106_496 * 16_384, 1, 100_000, 106_496, 16_384);
        Assert.That(timer.Seconds(huge), Is.EqualTo(roofline.Seconds(huge)));
        timer.Seconds(huge with { M = 200_000 });
        Assert.That(notes.All.Count(n => n.Contains("do not cover", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void NcclTableGivesMeasuredAllReduceTimes()
    {
        var nccl = MeasuredProfiles.Nccl("h100_sxm")!;
        Assert.That(nccl.TryLatencySeconds("all_reduce", 8, 512, out var s), Is.True);
        Assert.That(s, Is.EqualTo(15.5e-6).Within(5).Percent);
        Assert.That(nccl.TryLatencySeconds("all_reduce", 3, 512, out _), Is.False);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void AttentionTablesAreReproducedAtMeasuredPoints(bool context)
    {
        var file = $"DesSim.Core.Cost.Data.attention_{(context ? "context" : "generation")}_h100_sxm.csv";
        using var stream = typeof(MeasuredProfiles).Assembly.GetManifestResourceStream(file)!;
        var rows = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[0] == "bf16" && f[1] == "16" && f[2] == "2")
            .Select(f => (B: int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), L: int.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture), Ms: double.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.That(rows, Has.Count.GreaterThan(50));
        var table = MeasuredProfiles.Attention("h100_sxm", context, "bf16", 16, 2)!;
        foreach (var (b, l, ms) in rows)
        {
            double flops = context ? 2.0 * 16 * 128 * b * (double)l * l : 4.0 * 16 * 128 * b * (double)l;
            var kernel = new Kernel("attn", context ? KernelKind.AttentionPrefill : KernelKind.AttentionDecode, flops, 0, b, l);
            Assert.That(table.TrySeconds(kernel, out var s), Is.True);
            Assert.That(s, Is.EqualTo(ms * 1e-3).Within(2).Percent, $"batch {b}, length {l}");
        }
    }
}
