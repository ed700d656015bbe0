using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Parallelism;

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

    // Issue #14: a 16-token chunk on 4,080 cached tokens was priced at the FLOP rate of a lone 16-token causal prefill,
    // 2.4× the whole uncached prompt; a chunk is now looked up at its c + n keys.
    private static Deployment Llama8B(CostModelKind kind) =>
        Deployment.Create(new DeploymentSpec(ModelCatalog.Get("Llama-3.1-8B"), Precision.Bf16, Precision.Bf16,
            ClusterSpec.SingleNode(GpuCatalog.Get("h100"), 1), new ParallelPlan(1, 1), kind));

    private static double Seconds(Deployment d, int newTokens, int cachedTokens)
    {
        var b = new BatchShape();
        b.AddPrefill(newTokens, cachedTokens);
        return d.CostModel.Price(b, 0).TotalSeconds;
    }

    [Test]
    public void AShortChunkOnALongCachedPrefixCostsFarLessThanTheWholePrompt()
    {
        var d = Llama8B(CostModelKind.Measured);
        double cached = Seconds(d, 16, 4080), whole = Seconds(d, 4096, 0), lone = Seconds(d, 16, 0);
        TestContext.Out.WriteLine($"16 on 4080 cached: {cached * 1e3:F2} ms; 4096 uncached: {whole * 1e3:F2} ms; 16 uncached: {lone * 1e3:F2} ms");
        Assert.That(cached, Is.LessThan(0.25 * whole), "16 new tokens do 1/128 of the GEMM work and 1/128 of the attention pairs' order");
        Assert.That(cached, Is.GreaterThanOrEqualTo(lone), "a cached prefix adds attention work; it never makes a chunk cheaper");
    }

    [Test]
    public void ChunkingAPromptDoesNotInflateItsAttentionTime()
    {
        var d = Llama8B(CostModelKind.Measured);
        var model = (StageCostModel)d.CostModel;
        double Attention(int n, int c)
        {
            var b = new BatchShape();
            b.AddPrefill(n, c);
            return model.ExplainLayer(b).Where(k => k.Kernel.Kind == KernelKind.AttentionPrefill).Sum(k => k.Seconds);
        }

        double whole = Attention(4096, 0);
        double chunked = Attention(1024, 0) + Attention(1024, 1024) + Attention(1024, 2048) + Attention(1024, 3072);
        TestContext.Out.WriteLine($"attention per layer: 4096 whole {whole * 1e6:F1} us, 4 chunks of 1024 {chunked * 1e6:F1} us");
        Assert.That(chunked, Is.InRange(0.8 * whole, 1.5 * whole));
    }
}
