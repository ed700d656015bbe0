using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using DesSim.Core.Execution;
using DesSim.Core.Hardware;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Disaggregation;

public sealed class DisaggregatedRunTests
{
    // Llama-3.1-8B: 32 layers × 8 KV heads × 128 dims × 2 (K, V) × 2 bytes = 131,072 bytes per token.
    private const long BytesPerToken = 131_072;

    private static string Yaml(string mode = "after_prefill", string links = "closed-form", int requests = 1, int prompt = 1000, int output = 2, string setup = "6.7", string decode = "{ instances: 1, tp: 1 }") => $$"""
        name: pd
        model: llama-3.1-8b
        engine: ideal
        cluster: { gpu: h100-sxm, nodes: 2, gpus_per_node: 1 }
        link_model: {{links}}
        disaggregation:
          prefill: { instances: 1, tp: 1 }
          decode: {{decode}}
          kv_transfer: { mode: {{mode}}, setup_ms: {{setup}} }
        workload:
          requests: {{requests}}
          arrival: { process: burst }
          input_tokens: {{prompt}}
          output_tokens: {{output}}
        outputs: { timeline: { start_s: 0, duration_s: 1000 } }
        """;

    internal static ScenarioRun Run(string yaml) =>
        ScenarioRunner.Run(ScenarioLoader.Read(YamlDocumentLoader.Parse(yaml, "s.yaml"), "s.yaml", "."));

    private static long Ns(double seconds) => Nanoseconds.FromSeconds(seconds);

    private static long StageNs(StageCost c) => Ns(c.ComputeSeconds) + Ns(c.TpCommSeconds) + Ns(c.OtherCommSeconds);

    [Test]
    public void OneRequestReproducesTheHandDerivedTimeline()
    {
        const int Prompt = 1000;
        var run = Run(Yaml());
        var prefill = run.Pools![0].Deployment.Rent();
        var decode = run.Pools[1].Deployment.Rent();
        Assert.That(run.Pools[0].AllGpus, Is.EqualTo(new[] { 0 }));
        Assert.That(run.Pools[1].AllGpus, Is.EqualTo(new[] { 1 }), "the decode pool is on node 1: the KV crosses the NICs");

        // Prefill: one pass of the whole prompt on GPU 0; its end is the first token.
        var shape = new BatchShape();
        shape.AddPrefill(Prompt, 0);
        long firstToken = StageNs(prefill.CostModel.Price(shape, 0));

        // Transfer: GPU 0's NIC → the fabric → GPU 1's NIC, closed form, then the connector's setup.
        var ib = InterNodeLinkSpec.IbNdr;
        long wire = (long)Math.Round(((2 * ib.LatencySeconds) + (Prompt * BytesPerToken / ib.Bandwidth.Value)) * 1e9, MidpointRounding.AwayFromZero);
        long arrived = firstToken + wire + Ns(6.7e-3);

        // First decode step on GPU 1 with the prompt cached: the second (last) token.
        var step = new BatchShape();
        step.AddDecode(Prompt);
        long second = arrived + StageNs(decode.CostModel.Price(step, 0));

        var r = run.Result.Requests.Single();
        var kv = run.Result.KvTransfers.Single();
        Assert.That(r.FirstToken.Nanoseconds, Is.EqualTo(firstToken), "TTFT ends on the prefill side");
        Assert.That(kv.ReadyNs, Is.EqualTo(firstToken));
        Assert.That(kv.StartNs, Is.EqualTo(firstToken), "no back-pressure");
        Assert.That(kv.Bytes, Is.EqualTo(Prompt * BytesPerToken));
        Assert.That(kv.EndNs, Is.EqualTo(arrived));
        Assert.That(r.Completion.Nanoseconds, Is.EqualTo(second));
        Assert.That(kv.PrefillReplica, Is.EqualTo(0));
        Assert.That(kv.DecodeReplica, Is.EqualTo(1));
    }

    [Test]
    public void AnUncontendedTransferTakesTheClosedFormOnBothLinkModels()
    {
        var ib = InterNodeLinkSpec.IbNdr;
        long expected = (long)Math.Round(((2 * ib.LatencySeconds) + (4000 * BytesPerToken / ib.Bandwidth.Value)) * 1e9, MidpointRounding.AwayFromZero);
        foreach (var links in new[] { "closed-form", "link-level" })
        {
            var kv = Run(Yaml(links: links, prompt: 4000, setup: "0")).Result.KvTransfers.Single();
            Assert.That(kv.EndNs - kv.StartNs, Is.EqualTo(expected), links);
        }
    }

    [Test]
    public void TwoTransfersSharingANicTakeTwiceAsLong()
    {
        // Two identical prompts prefill in one batch and leave GPU 0 at the same instant over the same NIC.
        var kv = Run(Yaml(links: "link-level", requests: 2, prompt: 4000, setup: "0")).Result.KvTransfers;
        var ib = InterNodeLinkSpec.IbNdr;
        double wire = 4000 * BytesPerToken / ib.Bandwidth.Value;
        Assert.That(kv, Has.Count.EqualTo(2));
        Assert.That(kv[0].StartNs, Is.EqualTo(kv[1].StartNs));
        var times = kv.Select(k => (k.EndNs - k.StartNs) / 1e9).Order().ToArray();
        Assert.That(times[0], Is.EqualTo(wire + (2 * ib.LatencySeconds)).Within(1e-9));
        Assert.That(times[1], Is.EqualTo((2 * wire) + (2 * ib.LatencySeconds)).Within(1e-9), "the second queues behind the first on the NIC");

        var closed = Run(Yaml(links: "closed-form", requests: 2, prompt: 4000, setup: "0")).Result.KvTransfers;
        Assert.That(closed.Select(k => k.EndNs - k.StartNs).Distinct().Count(), Is.EqualTo(1), "closed form: no contention");
    }

    [Test]
    public void LayerwiseStreamingHidesAllButTheLastLayer()
    {
        var after = Run(Yaml(prompt: 4000, setup: "0")).Result.KvTransfers.Single();
        var layerwise = Run(Yaml(mode: "layerwise", prompt: 4000, setup: "0")).Result.KvTransfers.Single();
        Assert.That(layerwise.Bytes, Is.EqualTo(after.Bytes));
        var ib = InterNodeLinkSpec.IbNdr;
        long lastLayer = (long)Math.Round(((2 * ib.LatencySeconds) + (4000 * BytesPerToken / 32 / ib.Bandwidth.Value)) * 1e9, MidpointRounding.AwayFromZero);
        Assert.That(layerwise.EndNs - layerwise.ReadyNs, Is.EqualTo(lastLayer), "31 layers streamed during the pass; the last one after");
        Assert.That(layerwise.EndNs - layerwise.ReadyNs, Is.LessThan(after.EndNs - after.ReadyNs));
    }

    [Test]
    public void AFullDecodePoolHoldsThePrefillKvUntilThereIsRoom()
    {
        // Prefill on an H200 (a large cache), decode on an H100 at a quarter of its memory (room for a few prompts): the
        // burst prefills faster than the decode side frees room, so prefilled requests wait holding their KV.
        var yaml = Yaml(requests: 6, prompt: 3000, output: 200)
            .Replace("cluster: { gpu: h100-sxm, nodes: 2, gpus_per_node: 1 }", "cluster:\n  node_groups:\n    - { gpu: h200-sxm, nodes: 1, gpus_per_node: 1 }\n    - { gpu: h100-sxm, nodes: 1, gpus_per_node: 1 }", StringComparison.Ordinal)
            .Replace("decode: { instances: 1, tp: 1 }", "decode: { instances: 1, tp: 1, gpu: h100-sxm }", StringComparison.Ordinal)
            .Replace("prefill: { instances: 1, tp: 1 }", "prefill: { instances: 1, tp: 1, gpu: h200-sxm }", StringComparison.Ordinal)
            .Replace("engine: ideal", "engine: ideal\nscheduler: { gpu_memory_utilization: 0.25 }", StringComparison.Ordinal);
        var run = Run(yaml);
        var kv = run.Result.KvTransfers;
        Assert.That(run.Pools![1].Deployment.Memory.KvCapacityTokensPerReplica, Is.LessThan(6 * 3200).And.GreaterThan(3200), "the decode cache holds some but not all six");
        Assert.That(run.Result.Summary.RequestsCompleted, Is.EqualTo(6));
        Assert.That(kv.Max(k => k.WaitMs), Is.GreaterThan(0), "back-pressure: some waited for room");
        Assert.That(run.Result.Summary.KvWaitMs!.P99, Is.GreaterThan(0));
        foreach (var k in kv)
        {
            Assert.That(k.StartNs, Is.GreaterThanOrEqualTo(k.ReadyNs));
        }
    }

    [Test]
    public void ThePoolsBlockNamesRolesGpusAndLayouts()
    {
        var s = Run(Yaml(requests: 4)).Result.Summary;
        Assert.That(s.Pools!.Select(p => (p.Name, p.Role, p.Instances, p.Tp, p.Pp)), Is.EqualTo(new[] { ("prefill", "prefill", 1, 1, 1), ("decode", "decode", 1, 1, 1) }));
        Assert.That(s.KvTransferMs!.Count, Is.EqualTo(4));
        Assert.That(s.KvTransferShare, Is.GreaterThan(0));
        Assert.That(s.KvTransferBytes, Is.EqualTo(4 * 1000 * BytesPerToken));
        Assert.That(s.Pools!.All(p => p.Utilization is > 0 and <= 1), Is.True);
    }

    [Test]
    public void SingleTokenRequestsFinishOnThePrefillSide()
    {
        var run = Run(Yaml(requests: 3, output: 1));
        Assert.That(run.Result.Summary.RequestsCompleted, Is.EqualTo(3));
        Assert.That(run.Result.KvTransfers, Is.Empty);
    }

    [Test]
    public void BadPoolsAreInputErrorsWithTheArithmetic()
    {
        static InputException Fails(string yaml) => Assert.Throws<InputException>(() => ScenarioLoader.Read(YamlDocumentLoader.Parse(yaml, "s.yaml"), "s.yaml", "."))!;
        Assert.That(Fails(Yaml(decode: "{ instances: 2, tp: 1 }")).Message, Does.Contain("disaggregation.decode").And.Contain("does not fit").And.Contain("2 GPUs are taken"));
        Assert.That(Fails(Yaml(decode: "{ instances: 1, tp: 4 }")).Message, Does.Contain("1 instances × tp 4 × pp 1 = 4 GPUs do not fit"));
        Assert.That(Fails(Yaml(decode: "{ instances: 1, tp: 1, gpu: h200-sxm }")).Message, Does.Contain("names no node group"));
        Assert.That(Fails(Yaml().Replace("engine: ideal", "engine: ideal\nparallelism: { tp: 1 }", StringComparison.Ordinal)).Message, Does.Contain("conflicts with disaggregation"));
        Assert.That(Fails(Yaml(mode: "sideways")).Message, Does.Contain("kv_transfer.mode"));
    }
}
