using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Tests.Cost;

/// <summary>A prefill chunk on a cached prefix is priced from the attention it really does (issue #14: a 16-token
/// chunk on 4,080 cached tokens was priced at the FLOP rate of a lone 16-token causal prefill, 2.3× the uncached prompt).</summary>
public sealed class CachedPrefixAttentionTests
{
    private static Deployment Make(CostModelKind kind) =>
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
        var d = Make(CostModelKind.Measured);
        double cached = Seconds(d, 16, 4080), whole = Seconds(d, 4096, 0), lone = Seconds(d, 16, 0);
        TestContext.Out.WriteLine($"16 on 4080 cached: {cached * 1e3:F2} ms; 4096 uncached: {whole * 1e3:F2} ms; 16 uncached: {lone * 1e3:F2} ms");
        Assert.That(cached, Is.LessThan(0.25 * whole), "16 new tokens do 1/128 of the GEMM work and 1/128 of the attention pairs' order");
        Assert.That(cached, Is.GreaterThanOrEqualTo(lone), "a cached prefix adds attention work; it never makes a chunk cheaper");
    }

    [Test]
    public void ChunkingAPromptDoesNotInflateItsAttentionTime()
    {
        var d = Make(CostModelKind.Measured);
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
