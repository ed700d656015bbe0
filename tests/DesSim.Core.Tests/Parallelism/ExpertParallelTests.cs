using DesSim.Core;
using DesSim.Core.Cost;
using DesSim.Core.Execution;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Parallelism;
using DesSim.Engine;

namespace DesSim.Core.Tests.Parallelism;

public sealed class ExpertParallelTests
{
    internal static DeploymentSpec Spec(string model, ParallelPlan plan, int nodes = 1, Precision? precision = null) =>
        new(ModelCatalog.Get(model), precision ?? Precision.Bf16, Precision.Bf16,
            new ClusterSpec(GpuCatalog.Get("h100"), nodes, 8, IntraNodeFabric.NvSwitch, InterNodeLinkSpec.IbNdr), plan, CostModelKind.Roofline);

    [Test]
    public void DispatchBytesAndAllToAllTimeMatchTheFormula()
    {
        var d = Deployment.Create(Spec("mixtral-8x7b", new ParallelPlan(Tp: 8, Ep: 8)));
        var ep = d.ExpertCost!;
        // facts.md §4: tokens · k · hidden · bytes per group, spread over e = 8 ranks: 1024 · 2 · 4096 · 2 / 8.
        Assert.That(ep.DispatchBytesPerGpu(1024), Is.EqualTo(2_097_152));
        var link = ep.Link;
        Assert.That(link.Gpus, Is.EqualTo(8));
        double one = (7 * link.AlphaSeconds) + (7.0 / 8 * 2_097_152 / link.Bandwidth.Value);
        Assert.That(ep.AllToAllSecondsPerLayer(1024), Is.EqualTo(2 * one).Within(1e-12));
    }

    [Test]
    public void UnderEpTheMlpAllReduceGivesWayToTheCombine()
    {
        var shape = new BatchShape();
        shape.AddPrefill(2048, 0);
        var tp = Deployment.Create(Spec("mixtral-8x7b", new ParallelPlan(Tp: 8))).CostModel.Price(shape, 0);
        var ep = Deployment.Create(Spec("mixtral-8x7b", new ParallelPlan(Tp: 8, Ep: 8))).CostModel.Price(shape, 0);
        Assert.That(ep.TpCommSeconds, Is.EqualTo(tp.TpCommSeconds / 2).Within(1e-12));
        Assert.That(ep.ComputeSeconds, Is.LessThan(tp.ComputeSeconds), "expert MLPs are added per sampled routing, not here");
    }

    [Test]
    public void AnEpDomainSpanningReplicasCountsTheirTokens()
    {
        var d = Deployment.Create(Spec("mixtral-8x7b", new ParallelPlan(Tp: 2, Dp: 4, Ep: 8)));
        Assert.That(d.ExpertCost!.DomainReplicas, Is.EqualTo(4));
        Assert.That(d.ExpertCost.DispatchBytesPerGpu(1000), Is.EqualTo(1000L * 4 * 2 * 4096 * 2 / 8));
    }

    [Test]
    public void UniformRoutingIsBalancedOverManyTokens()
    {
        var stats = SampleMany(ExpertRoutingSpec.Uniform, batches: 200, tokens: 4096);
        Assert.That(stats.ImbalanceFactor, Is.EqualTo(1).Within(0.01));
        Assert.That(stats.ExpertTokens.Sum(), Is.EqualTo(200L * 4096 * 2));
    }

    [TestCase(new double[] { 4, 1, 1, 1, 1, 1, 1, 1 }, 4 / (11.0 / 8))]
    [TestCase(new double[] { 1, 1, 1, 1, 1, 1, 1, 1 }, 1.0)]
    public void SkewedPopularityGivesTheExpectedMaxOverMean(double[] popularity, double expected)
    {
        var stats = SampleMany(new ExpertRoutingSpec(ExpertRoutingKind.Popularity, 0, popularity), batches: 200, tokens: 4096);
        Assert.That(stats.ImbalanceFactor, Is.EqualTo(expected).Within(expected * 0.02));
    }

    [Test]
    public void ZipfExponentOneGivesEightOverTheHarmonicNumber()
    {
        double h8 = Enumerable.Range(1, 8).Sum(i => 1.0 / i);
        var stats = SampleMany(new ExpertRoutingSpec(ExpertRoutingKind.Zipf, 1), batches: 200, tokens: 4096);
        Assert.That(stats.ImbalanceFactor, Is.EqualTo(8 / h8).Within(0.05));
    }

    [Test]
    public void SmallBatchesShowSamplingImbalanceEvenWhenUniform()
    {
        var stats = SampleMany(ExpertRoutingSpec.Uniform, batches: 500, tokens: 4);
        Assert.That(stats.MeanBatchGpuImbalance, Is.GreaterThan(1.5), "8 assignments over 8 experts rarely land one per expert");
    }

    [Test]
    public void TheLayerWaitsForTheBusiestExpertGroup()
    {
        var d = Deployment.Create(Spec("mixtral-8x7b", new ParallelPlan(Tp: 8, Ep: 8)));
        var ep = d.ExpertCost!;
        long[] even = [256, 256, 256, 256, 256, 256, 256, 256];
        long[] hot = [1024, 146, 146, 146, 146, 146, 146, 148];
        var baseCost = new StageCost(1, 0.5);
        var evenCost = ep.AddTo(baseCost, 1024, even, 0);
        var hotCost = ep.AddTo(baseCost, 1024, hot, 0);
        int layers = ep.LayersInStage(0);
        Assert.That(hotCost.ComputeSeconds - 1, Is.EqualTo(layers * ep.GroupSeconds(hot, 0)).Within(1e-12));
        Assert.That(evenCost.ComputeSeconds - 1, Is.EqualTo(layers * ep.GroupSeconds(even, 3)).Within(1e-12));
        Assert.That(hotCost.ComputeSeconds - 1, Is.GreaterThan((evenCost.ComputeSeconds - 1) * 1.5), "four times the tokens on one GPU");
        Assert.That(hotCost.OtherCommSeconds, Is.EqualTo(evenCost.OtherCommSeconds), "the all-to-all moves the same bytes");
        Assert.That(ep.BusiestGroup(hot).Group, Is.EqualTo(0));
    }

    [Test]
    public void ExpertsSpreadOverGpusShrinkTheWeightsEachGpuHolds()
    {
        var tp1 = Spec("mixtral-8x7b", new ParallelPlan(Tp: 1, Dp: 8, Ep: 8));
        var d = Deployment.Create(tp1);
        long total = tp1.Model.WeightBytes(Precision.Bf16);
        // Attention + router + 1 of 8 experts per layer, plus embedding and head: well under a quarter of 93 GB.
        Assert.That(d.Memory.WeightsBytes, Is.LessThan(total / 4));
        Assert.That(d.Shard.ExpertsPerGpu, Is.EqualTo(1));
        Assert.That(d.Shard.ExpertTp, Is.EqualTo(1));
        Assert.Throws<InputException>(() => Deployment.Create(tp1 with { Plan = new ParallelPlan(Tp: 1, Dp: 8) }), "ep=1, tp=1: the whole model on one GPU");
    }

    [Test]
    public void SamplingIsDeterministicPerSeed()
    {
        var a = SampleMany(new ExpertRoutingSpec(ExpertRoutingKind.Zipf, 1.2), 20, 300, seed: 7);
        var b = SampleMany(new ExpertRoutingSpec(ExpertRoutingKind.Zipf, 1.2), 20, 300, seed: 7);
        var c = SampleMany(new ExpertRoutingSpec(ExpertRoutingKind.Zipf, 1.2), 20, 300, seed: 8);
        Assert.That(a.ExpertTokens, Is.EqualTo(b.ExpertTokens));
        Assert.That(a.ExpertTokens, Is.Not.EqualTo(c.ExpertTokens));
    }

    [TestCase(10L, 0.3)]
    [TestCase(100_000L, 0.001)]
    [TestCase(100_000L, 0.3)]
    [TestCase(1000L, 0.9)]
    public void BinomialDrawsHaveTheRightMean(long n, double q)
    {
        var rng = new RandomStreams(3).Get("t");
        double sum = 0;
        const int Draws = 4000;
        for (int i = 0; i < Draws; i++)
        {
            long k = MultinomialSampler.Binomial(rng, n, q);
            Assert.That(k, Is.InRange(0, n));
            sum += k;
        }

        double sd = Math.Sqrt(n * q * (1 - q) / Draws);
        Assert.That(sum / Draws, Is.EqualTo(n * q).Within((5 * sd) + 1e-9));
    }

    private static ExpertLoadStats SampleMany(ExpertRoutingSpec routing, int batches, int tokens, ulong seed = 1)
    {
        var d = Deployment.Create(Spec("mixtral-8x7b", new ParallelPlan(Tp: 8, Ep: 8)));
        var sampler = new ExpertRoutingSampler(d.ExpertCost!, routing, new RandomStreams(seed).Get("moe_routing"));
        var shape = new BatchShape();
        shape.AddPrefill(tokens, 0);
        for (int i = 0; i < batches; i++)
        {
            sampler.Apply(default, shape, 0);
        }

        return sampler.Stats()!;
    }
}
