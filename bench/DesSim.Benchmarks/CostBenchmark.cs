using System.Diagnostics;
using System.Globalization;
using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Parallelism;

namespace DesSim.Benchmarks;

/// <summary>Cost-model accuracy and speed: roofline vs measured GEMM tables, and stage pricing calls per second.</summary>
public sealed class CostBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "cost";

    /// <inheritdoc />
    public string Description => "roofline vs measured GEMM median error (H100/H200/A100), stage prices/s";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        bool quick = options.Quick;
        foreach (var (gpu, dtype) in new[] { ("h100", "bf16"), ("h100", "fp8"), ("h200", "bf16"), ("a100", "bf16") })
        {
            var g = GpuCatalog.Get(gpu);
            var (median, count) = RooflineComparison.MedianRelativeError(g, dtype);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{g.Name,-16} {dtype,-4} roofline vs measured GEMM: median |error| {median * 100,5:F1}% over {count,5} shapes"));
        }

        var byM = RooflineComparison.ByM(GpuCatalog.Get("h100"), "bf16");
        output.WriteLine("H100 bf16 median signed error (roofline/measured - 1) by m: " + string.Join(", ", byM.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.M}:{b.MedianSignedError * 100:+0;-0}%"))));

        foreach (var kind in new[] { CostModelKind.Measured, CostModelKind.Roofline })
        {
            var one = Deployment.Create(new DeploymentSpec(ModelCatalog.Get("Llama-3.1-70B"), Precision.Bf16, Precision.Bf16,
                ClusterSpec.SingleNode(GpuCatalog.Get("h100"), 8), new ParallelPlan(4, 1), kind));
            var prefill = new BatchShape();
            prefill.AddPrefill(1024, 0);
            var decode = new BatchShape();
            for (int s = 0; s < 32; s++)
            {
                decode.AddDecode(1000);
            }

            var p = one.CostModel.Price(prefill, 0);
            var q = one.CostModel.Price(decode, 0);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Llama-3.1-70B TP4 H100 {kind,-8}: prefill 1024 tok {p.ComputeSeconds * 1e3:F2} ms compute + {p.TpCommSeconds * 1e3:F2} ms TP comm; decode 32 seq @1000 ctx {q.ComputeSeconds * 1e3:F2} + {q.TpCommSeconds * 1e3:F2} ms"));
        }

        var d = Deployment.Create(new DeploymentSpec(ModelCatalog.Get("Llama-3.1-70B"), Precision.Bf16, Precision.Bf16,
            ClusterSpec.SingleNode(GpuCatalog.Get("h100"), 8), new ParallelPlan(4, 2), CostModelKind.Measured));
        var shapes = new BatchShape[64];
        for (int i = 0; i < shapes.Length; i++)
        {
            shapes[i] = new BatchShape();
            if (i % 4 == 0)
            {
                shapes[i].AddPrefill(256 + (i * 16), i * 8);
            }

            for (int s = 0; s < 8 + i; s++)
            {
                shapes[i].AddDecode(500 + (s * 37));
            }
        }

        long calls = quick ? 200_000 : 2_000_000;
        double sum = 0;
        var sw = Stopwatch.StartNew();
        for (long c = 0; c < calls; c++)
        {
            sum += d.CostModel.Price(shapes[c & 63], (int)(c & 1)).TotalSeconds;
        }

        sw.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Price(): {calls / sw.Elapsed.TotalSeconds / 1e6:F2} M calls/s on {d.Describe()} (checksum {sum:E3})"));
        foreach (var note in d.Notes)
        {
            output.WriteLine($"note: {note}");
        }
    }
}
