using DesSim.Core.Configuration;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Parallelism;

public sealed class KvCacheBudgetTests
{
    private static Deployment Load(string model, string precision, string gpu, int tp, string engine)
    {
        var yaml = $$"""
            name: kv
            model: {{model}}
            precision: {{precision}}
            cluster: { gpu: {{gpu}}, nodes: 1, gpus_per_node: 8 }
            parallelism: { tp: {{tp}} }
            engine: {{engine}}
            workload: { requests: 1, arrival: { process: burst }, input_tokens: 16, output_tokens: 2 }
            """;
        return Deployment.Create(ScenarioLoader.Read(YamlDocumentLoader.Parse(yaml, "kv.yaml"), "kv.yaml", Path.GetTempPath()).Deployment);
    }

    [Test]
    public void EachEngineRuleOnHandNumbers()
    {
        const long gb = 1_000_000_000;
        // 80 GB GPU, 60 GB weights, 4 GB activations: vLLM 0.9·80 − 60 − 4 = 8 GB; TRT-LLM 0.9·(80 − 60 − 4) = 14.4 GB;
        // SGLang at TP2 (0.87): 0.87·80 − 60 = 9.6 GB.
        Assert.That(KvCacheBudget.KvBytes(KvCacheSizing.Vllm, 0.9, 80 * gb, 60 * gb, 4 * gb), Is.EqualTo(8 * gb));
        Assert.That(KvCacheBudget.KvBytes(KvCacheSizing.Trtllm, 0.9, 80 * gb, 60 * gb, 4 * gb), Is.EqualTo(14_400_000_000));
        Assert.That(KvCacheBudget.DefaultFraction(KvCacheSizing.Sglang, 2), Is.EqualTo(0.87));
        Assert.That(KvCacheBudget.DefaultFraction(KvCacheSizing.Sglang, 8), Is.EqualTo(0.81));
        Assert.That(KvCacheBudget.KvBytes(KvCacheSizing.Sglang, 0.87, 80 * gb, 60 * gb, 4 * gb), Is.EqualTo(9_600_000_000));
    }

    [Test]
    public void LayoutsTensorRtLlmRunsFitUnderItsRuleButNotUnderVllms()
    {
        // TP1 Llama-3.1-70B FP8 on one H100 and TP2 Llama-2-70B BF16 on A100: TensorRT-LLM's published tables run both.
        var trt70 = Load("llama-3.1-70b", "fp8", "h100", 1, "trtllm");
        var trtA100 = Load("llama-2-70b", "bf16", "a100", 2, "trtllm");
        Assert.That(trt70.Memory.KvCapacityTokensPerReplica, Is.GreaterThan(10_000));
        Assert.That(trtA100.Memory.KvCapacityTokensPerReplica, Is.GreaterThan(10_000));
        Assert.Throws<InputException>(() => Load("llama-3.1-70b", "fp8", "h100", 1, "vllm"));
        // Under vLLM's rule the A100 layout keeps only 0.62 GB (3,792 tokens) of KV.
        Assert.That(Load("llama-2-70b", "bf16", "a100", 2, "vllm").Memory.KvCapacityTokensPerReplica, Is.LessThan(trtA100.Memory.KvCapacityTokensPerReplica / 5));
        TestContext.Out.WriteLine($"KV tokens: TRT-LLM TP1 70B FP8 H100 {trt70.Memory.KvCapacityTokensPerReplica:N0}; TP2 Llama-2-70B A100 {trtA100.Memory.KvCapacityTokensPerReplica:N0}");
    }

    [Test]
    public void AnExplicitFractionIsTheEnginesOwnKnob()
    {
        var d = Load("qwen3-32b", "bf16", "h100", 2, "sglang");
        Assert.That(d.Spec.MemoryFraction, Is.EqualTo(0.87));
        Assert.That(d.Memory.WeightsBytes + d.Memory.KvCacheBytes, Is.EqualTo((long)Math.Floor(80e9 * 0.87)), "weights and KV pool share mem_fraction_static");
    }
}
