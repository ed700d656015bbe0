using DesSim.Core;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Tests.Parallelism;

public sealed class DeploymentTests
{
    private static DeploymentSpec Spec(string model, string gpu, ParallelPlan plan, int nodes = 1, int perNode = 8, Precision? precision = null) =>
        new(ModelCatalog.Get(model), precision ?? Precision.Bf16, Precision.Bf16,
            new ClusterSpec(GpuCatalog.Get(gpu), nodes, perNode, GpuCatalog.Get(gpu).DefaultFabric, InterNodeLinkSpec.IbNdr), plan, CostModelKind.Roofline);

    [Test]
    public void Llama405BOnFourH100sFailsWithTheArithmeticAndAHint()
    {
        var e = Assert.Throws<InputException>(() => Deployment.Create(Spec("Llama-3.1-405B", "h100", new ParallelPlan(4, 1))))!;
        Assert.That(e.Reason, Is.EqualTo("Llama-3.1-405B bf16 weights need 812 GB; tp=4, pp=1 on H100-SXM5-80GB gives 320 GB of GPU memory"));
        Assert.That(e.Hint, Is.EqualTo("use ≥ 16 GPUs, or fp8 weights on ≥ 8 GPUs"));
    }

    [Test]
    public void Llama405BFitsOnSixteenH100sAsTp8Pp2()
    {
        var d = Deployment.Create(Spec("Llama-3.1-405B", "h100", new ParallelPlan(8, 2), nodes: 2));
        Assert.That(d.Memory.KvCapacityTokensPerReplica, Is.GreaterThan(100_000));
        Assert.That(d.Stages.Sum(s => s.LayerCount), Is.EqualTo(126));
    }

    [Test]
    public void MemoryPlanArithmeticForLlama70BOnFourH100s()
    {
        var d = Deployment.Create(Spec("Llama-3.1-70B", "h100", new ParallelPlan(4, 1)));
        var mem = d.Memory;
        Assert.That(mem.UsableBytes, Is.EqualTo(72_000_000_000));
        Assert.That(mem.WeightsBytes + mem.ActivationReserveBytes + mem.KvCacheBytes, Is.EqualTo(mem.UsableBytes));
        // ≈ 141 GB / 4 ≈ 35.3 GB of weights per GPU.
        Assert.That(mem.WeightsBytes / 1e9, Is.EqualTo(35.3).Within(0.2));
        // KV per token per GPU: 80 layers × 2 heads (8/4) × 128 × 2 (K,V) × 2 bytes = 81,920.
        Assert.That(mem.KvBytesPerTokenPerGpu, Is.EqualTo(81_920));
        Assert.That(mem.KvCapacityTokensPerReplica, Is.EqualTo(mem.KvCacheBytes / 81_920 / 16 * 16));
        Assert.That(mem.KvBlocksPerReplica * 16, Is.EqualTo(mem.KvCapacityTokensPerReplica));
    }

    [Test]
    public void HeadsNotDivisibleByTpIsAnError()
    {
        var e = Assert.Throws<InputException>(() => Deployment.Create(Spec("Llama-3.1-70B", "h100", new ParallelPlan(3, 1))))!;
        Assert.That(e.Message, Does.Contain("64 attention heads, not divisible by tp=3"));
    }

    [Test]
    public void MoreStagesThanLayersIsAnError()
    {
        var e = Assert.Throws<InputException>(() => Deployment.Create(Spec("Llama-3.1-8B", "h100", new ParallelPlan(1, 33), nodes: 5)))!;
        Assert.That(e.Message, Does.Contain("pp=33 stages but Llama-3.1-8B has only 32 layers"));
    }

    [Test]
    public void MoreGpusThanTheClusterHasIsAnError()
    {
        var e = Assert.Throws<InputException>(() => Deployment.Create(Spec("Llama-3.1-8B", "h100", new ParallelPlan(4, 1, 4))))!;
        Assert.That(e.Message, Does.Contain("needs 16 GPUs").And.Contain("the cluster has 1 × 8 = 8"));
    }

    [Test]
    public void FewerKvHeadsThanTpAreReplicatedWithANote()
    {
        var d = Deployment.Create(Spec("Llama-3.1-405B", "h100", new ParallelPlan(16, 1), nodes: 2));
        Assert.That(d.Notes, Has.Some.Contains("replicated on 2 GPUs"));
        Assert.That(d.Notes, Has.Some.Contains("all-reduces run over ib-ndr").Or.Some.Contains("cross nodes"));
        Assert.That(d.Shard.KvHeadsPerRank, Is.EqualTo(1));
    }

    [Test]
    public void StagesBalanceLayersWithTheLmHeadOnTheLastStage()
    {
        var d = Deployment.Create(Spec("Llama-3.1-70B", "h100", new ParallelPlan(2, 4)));
        var counts = d.Stages.Select(s => s.LayerCount).ToArray();
        Assert.That(counts.Sum(), Is.EqualTo(80));
        Assert.That(counts[^1], Is.LessThan(counts[0]), "the last stage also carries the LM head");
        Assert.That(d.Stages[0].HasEmbedding && d.Stages[^1].HasLmHead, Is.True);
        Assert.That(d.Stages[1].FirstLayer, Is.EqualTo(counts[0]));
    }

    [Test]
    public void ExplicitStageLayersAreUsedAndChecked()
    {
        var d = Deployment.Create(Spec("Llama-3.1-8B", "h100", new ParallelPlan(1, 2)) with { StageLayers = [20, 12] });
        Assert.That(d.Stages.Select(s => s.LayerCount), Is.EqualTo(new[] { 20, 12 }));
        var e = Assert.Throws<InputException>(() => Deployment.Create(Spec("Llama-3.1-8B", "h100", new ParallelPlan(1, 2)) with { StageLayers = [20, 10] }))!;
        Assert.That(e.Message, Does.Contain("sum to 30"));
    }

    [Test]
    public void ReplicasFillGpusContiguouslyWithTpGroupsInsideNodes()
    {
        var d = Deployment.Create(Spec("Llama-3.1-70B", "h100", new ParallelPlan(4, 2, 2), nodes: 2));
        Assert.That(d.GpuIds(0, 0), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(d.GpuIds(0, 1), Is.EqualTo(new[] { 4, 5, 6, 7 }));
        Assert.That(d.GpuIds(1, 0), Is.EqualTo(new[] { 8, 9, 10, 11 }));
        Assert.That(d.GpuIds(1, 1), Is.EqualTo(new[] { 12, 13, 14, 15 }));
        Assert.That(d.ActivationBytesPerToken, Is.EqualTo(8192 * 2));
        Assert.That(d.Describe(), Does.Contain("Llama-3.1-70B").And.Contain("TP4xPP2xDP2"));
    }

    [Test]
    public void Fp8HalvesTheWeights()
    {
        var bf16 = Deployment.Create(Spec("Llama-3.1-70B", "h100", new ParallelPlan(4, 1)));
        var fp8 = Deployment.Create(Spec("Llama-3.1-70B", "h100", new ParallelPlan(4, 1), precision: Precision.Fp8));
        Assert.That(fp8.Memory.WeightsBytes * 2.0, Is.EqualTo((double)bf16.Memory.WeightsBytes).Within(0.01).Percent);
        Assert.That(fp8.Memory.KvCapacityTokensPerReplica, Is.GreaterThan(bf16.Memory.KvCapacityTokensPerReplica));
    }

    [Test]
    public void PerGpuShortfallIsExplained()
    {
        var e = Assert.Throws<InputException>(() => Deployment.Create(Spec("Llama-3.1-70B", "h100", new ParallelPlan(2, 1))))!;
        Assert.That(e.Reason, Does.Contain("stage 0 needs 70.6 GB of weights").And.Contain("80.0 GB × 0.9 gpu_memory_utilization = 72.0 GB is"));
        Assert.That(e.Hint, Is.EqualTo("use ≥ 4 GPUs, or fp8 weights on ≥ 2 GPUs"));
    }

    [Test]
    public void LinkFidelitySelectsTheNetwork()
    {
        var spec = Spec("Llama-3.1-8B", "h100", new ParallelPlan(1, 2));
        var ctx = new DesSim.Engine.Testing.FakeSimContext();
        Assert.That(Deployment.Create(spec).CreateNetwork(ctx), Is.TypeOf<ClosedFormNetwork>());
        Assert.That(Deployment.Create(spec with { LinkFidelity = LinkFidelity.LinkLevel }).CreateNetwork(ctx), Is.TypeOf<LinkLevelNetwork>());
    }
}
