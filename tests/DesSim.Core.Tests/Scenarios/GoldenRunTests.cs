using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Scenarios;

/// <summary>Hand-derivable runs under the roofline model: a request's TTFT is the priced prefill, each later token one priced
/// decode step; a pipeline adds exactly the closed-form activation transfer.</summary>
public sealed class GoldenRunTests
{
    private const int PromptTokens = 1024;
    private const int OutputTokens = 4;

    private static Scenario Load(int tp, int pp, int requests = 1, double gapSeconds = 0)
    {
        var arrival = requests == 1 ? "{ process: burst }" : $"{{ process: constant, rate: {1 / gapSeconds} }}";
        var yaml = $$"""
            name: golden
            seed: 1
            model: llama-3.1-8b
            precision: bf16
            cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8, intra_node: nvswitch }
            parallelism: { tp: {{tp}}, pp: {{pp}} }
            cost_model: roofline
            link_model: closed-form
            engine: none
            workload:
              requests: {{requests}}
              arrival: {{arrival}}
              input_tokens: {{PromptTokens}}
              output_tokens: {{OutputTokens}}
            outputs: { timeseries_step_s: 0 }
            """;
        return ScenarioLoader.Read(YamlDocumentLoader.Parse(yaml, "golden.yaml"), "golden.yaml", Path.GetTempPath());
    }

    private static double StageSeconds(Deployment d, int stage, Action<BatchShape> fill)
    {
        var shape = new BatchShape();
        fill(shape);
        return d.CostModel.Price(shape, stage).TotalSeconds;
    }

    private static double RoundedNs(double seconds) => Math.Round(seconds * 1e9, MidpointRounding.AwayFromZero) / 1e6;

    [Test]
    public void OneRequestOnOneGpuMatchesThePricedIterations()
    {
        var run = ScenarioRunner.Run(Load(1, 1));
        var d = run.Deployment;
        var r = run.Result.Requests.Single();
        double prefill = RoundedNs(StageSeconds(d, 0, s => s.AddPrefill(PromptTokens, 0)));
        Assert.That(r.TtftMs, Is.EqualTo(prefill).Within(1e-9));
        double decodes = 0;
        for (int k = 0; k < OutputTokens - 1; k++)
        {
            decodes += RoundedNs(StageSeconds(d, 0, s => s.AddDecode(PromptTokens + k)));
        }

        Assert.That(r.E2elMs - r.TtftMs, Is.EqualTo(decodes).Within(1e-9));
        Assert.That(r.TpotMs, Is.EqualTo(decodes / (OutputTokens - 1)).Within(1e-9));

        // The formula by hand: a batch-1 decode is memory-bound, so its time is about the weights read once over the
        // achievable HBM bandwidth: 16.06 GB / 3.35 TB/s ≈ 4.8 ms at full bandwidth (more with efficiency < 1 and launches).
        double weightsSeconds = d.Model.WeightBytes(d.Spec.WeightPrecision) / d.Gpu.MemoryBandwidth.Value;
        Assert.That(r.TpotMs / 1e3, Is.GreaterThan(weightsSeconds).And.LessThan(2 * weightsSeconds));
    }

    [Test]
    public void TwoStagesAddExactlyTheActivationTransfer()
    {
        var run = ScenarioRunner.Run(Load(1, 2));
        var d = run.Deployment;
        var r = run.Result.Requests.Single();
        long bytes = PromptTokens * d.ActivationBytesPerToken;
        int src = d.GpuIds(0, 0)[0];
        int dst = d.GpuIds(0, 1)[0];
        double transfer = d.Topology.PathLatencySeconds(src, dst) + (bytes / d.Topology.PathBandwidth(src, dst).Value);
        double expected = RoundedNs(StageSeconds(d, 0, s => s.AddPrefill(PromptTokens, 0))) + RoundedNs(transfer) + RoundedNs(StageSeconds(d, 1, s => s.AddPrefill(PromptTokens, 0)));
        Assert.That(r.TtftMs, Is.EqualTo(expected).Within(1e-6));
        Assert.That(run.Result.Gpus.Single(g => g.Stage == 0).PpCommSeconds, Is.GreaterThan(0));
    }

    [Test]
    public void TwoRequestsOverlapInThePipeline()
    {
        var single = ScenarioRunner.Run(Load(1, 2)).Result.Summary;
        // The second request arrives while the first one's prefill is still in stage 0: two micro-batches then share the pipeline.
        var two = ScenarioRunner.Run(Load(1, 2, requests: 2, gapSeconds: 0.001)).Result.Summary;
        Assert.That(two.RequestsCompleted, Is.EqualTo(2));
        Assert.That(two.DurationSeconds, Is.LessThan(2 * single.DurationSeconds));
        Assert.That(two.DurationSeconds, Is.GreaterThan(single.DurationSeconds));
    }
}
