using System.Diagnostics;
using System.Globalization;
using DesSim.Core.Cost;
using DesSim.Core.Execution;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Parallelism;
using DesSim.Engine;

namespace DesSim.Benchmarks;

/// <summary>Expert and context parallelism: routing-sample cost on the per-iteration path, sampled imbalance against
/// its expectation, and CP prefill scaling of Llama-3.1-405B.</summary>
public sealed class EpCpBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "epcp";

    /// <inheritdoc />
    public string Description => "EP routing sample + pricing calls/s vs memoized Price(), imbalance vs expectation, 405B CP prefill scaling";

    /// <inheritdoc />
    public void Run(BenchOptions options, TextWriter output)
    {
        var mixtral = Deployment.Create(new DeploymentSpec(ModelCatalog.Get("mixtral-8x7b"), Precision.Bf16, Precision.Bf16,
            ClusterSpec.SingleNode(GpuCatalog.Get("h100"), 8), new ParallelPlan(Tp: 2, Dp: 4, Ep: 8), CostModelKind.Measured));
        var shapes = new BatchShape[64];
        for (int i = 0; i < shapes.Length; i++)
        {
            shapes[i] = new BatchShape();
            if (i % 4 == 0)
            {
                shapes[i].AddPrefill(256 + (i * 16), 0);
            }

            for (int s = 0; s < 8 + i; s++)
            {
                shapes[i].AddDecode(500 + (s * 37));
            }
        }

        long calls = options.Quick ? 100_000 : 1_000_000;
        var sampler = new ExpertRoutingSampler(mixtral.ExpertCost!, new ExpertRoutingSpec(ExpertRoutingKind.Zipf, 1), new RandomStreams(1).Get("moe_routing"));
        double memo = Rate(calls, c => mixtral.CostModel.Price(shapes[c & 63], 0).TotalSeconds);
        double routed = Rate(calls, c => sampler.Apply(mixtral.CostModel.Price(shapes[c & 63], 0), shapes[c & 63], 0).TotalSeconds);
        output.WriteLine(Inv($"Mixtral TP2xDP4xEP8 H100: memoized Price() {memo / 1e6:F2} M calls/s; Price() + routing sample + expert pricing {routed / 1e6:F2} M calls/s ({memo / routed:F1}x slower)"));

        foreach (var routing in new[] { ExpertRoutingSpec.Uniform, new ExpertRoutingSpec(ExpertRoutingKind.Zipf, 0.5), new ExpertRoutingSpec(ExpertRoutingKind.Zipf, 1), new ExpertRoutingSpec(ExpertRoutingKind.Popularity, 0, [4, 1, 1, 1, 1, 1, 1, 1]) })
        {
            var s = new ExpertRoutingSampler(mixtral.ExpertCost!, routing, new RandomStreams(2).Get("moe_routing"));
            for (int i = 0; i < 2000; i++)
            {
                s.Apply(default, shapes[i & 63], 0);
            }

            var p = routing.Probabilities(8);
            var stats = s.Stats()!;
            output.WriteLine(Inv($"routing {stats.Routing,-10}: sampled max/mean {stats.ImbalanceFactor:F3}, expected {p.Max() * 8:F3}; busiest expert GPU per batch {stats.MeanBatchGpuImbalance:F2}x the mean"));
        }

        double one = 0;
        foreach (int cp in new[] { 1, 2, 4, 8, 16 })
        {
            var d = Deployment.Create(new DeploymentSpec(ModelCatalog.Get("llama-3.1-405b"), Precision.Fp8, Precision.Bf16,
                new ClusterSpec(GpuCatalog.Get("h100"), cp, 8, IntraNodeFabric.NvSwitch, InterNodeLinkSpec.IbNdr), new ParallelPlan(Tp: 8, Cp: cp), CostModelKind.Roofline));
            foreach (int tokens in new[] { 16_384, 131_072 })
            {
                var shape = new BatchShape();
                shape.AddPrefill(tokens, 0);
                var c = d.CostModel.Price(shape, 0);
                if (tokens == 131_072 && cp == 1)
                {
                    one = c.TotalSeconds;
                }

                string head = Inv($"Llama-3.1-405B fp8 TP8xCP{cp,-2} roofline prefill {tokens,7} tok: {c.TotalSeconds:F3} s (TP comm {c.TpCommSeconds:F3} s, exposed ring {c.OtherCommSeconds:F3} s)");
                output.WriteLine(head + (tokens == 131_072 ? Inv($"; speedup over CP1 {one / c.TotalSeconds:F2}, efficiency {one / c.TotalSeconds / cp * 100:F1}%") : string.Empty));
            }
        }
    }

    private static double Rate(long calls, Func<long, double> call)
    {
        double sum = 0;
        var sw = Stopwatch.StartNew();
        for (long c = 0; c < calls; c++)
        {
            sum += call(c);
        }

        sw.Stop();
        return sum > 0 ? calls / sw.Elapsed.TotalSeconds : 0;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
