using DesSim.Core;
using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Tests.Parallelism;

public sealed class ContextParallelTests
{
    private static Deployment Llama405(int cp) =>
        Deployment.Create(ExpertParallelTests.Spec("llama-3.1-405b", new ParallelPlan(Tp: 8, Cp: cp), nodes: cp, precision: Precision.Fp8));

    private static StageCost Prefill(Deployment d, int tokens)
    {
        var shape = new BatchShape();
        shape.AddPrefill(tokens, 0);
        return d.CostModel.Price(shape, 0);
    }

    [Test]
    public void LongPrefillGetsFasterWithCp()
    {
        double previous = double.PositiveInfinity;
        foreach (int cp in new[] { 1, 2, 4, 8, 16 })
        {
            double t = Prefill(Llama405(cp), 131_072).TotalSeconds;
            Assert.That(t, Is.LessThan(previous), $"cp={cp}");
            previous = t;
        }

        double speedup = Prefill(Llama405(1), 131_072).TotalSeconds / previous;
        Assert.That(speedup, Is.InRange(8.0, 16.0), "CP16 over CP1: sub-linear (replicated decode-free work, launch overheads), not super-linear");
    }

    [Test]
    public void RingExchangeIsHiddenForLongChunksAndVisibleForShortOnes()
    {
        var d = Llama405(16);
        Assert.That(Prefill(d, 131_072).OtherCommSeconds, Is.EqualTo(0), "8K-token chunks: attention hides each ring step");
        var shortPrompt = Prefill(d, 2048);
        Assert.That(shortPrompt.OtherCommSeconds, Is.GreaterThan(0), "128-token chunks: the ring step outlasts its attention");
        Assert.That(Prefill(Llama405(1), 2048).OtherCommSeconds, Is.EqualTo(0));
    }

    [Test]
    public void RingChunkAndExposureFollowTheFormula()
    {
        var link = new GroupLink(4, new DesSim.Core.Units.BytesPerSecond(50e9), 5e-6);
        var a = new BatchAggregates(4000, 4000, 1, 4000L * 4000, 4000, 0, 0);
        long chunk = ContextParallelCost.RingChunkBytes(4000, 4, 512);
        Assert.That(chunk, Is.EqualTo(1000 * 512));
        double step = 5e-6 + (chunk / 50e9);
        Assert.That(ContextParallelCost.ExposedRingSeconds(a, 4, 512, 0, link), Is.EqualTo(3 * step).Within(1e-15));
        Assert.That(ContextParallelCost.ExposedRingSeconds(a, 4, 512, 4 * step, link), Is.EqualTo(0));
        var split = ContextParallelCost.Split(a, 4);
        Assert.That(split.PrefillTokens, Is.EqualTo(1000));
        Assert.That(split.PrefillCausalPairsTimesTwo, Is.EqualTo(4000L * 4000 / 4));
    }

    [Test]
    public void DecodeWithCpPaysACombineAndReadsAShareOfTheKv()
    {
        var shape = new BatchShape();
        for (int i = 0; i < 8; i++)
        {
            shape.AddDecode(100_000);
        }

        var one = Llama405(1).CostModel.Price(shape, 0);
        var four = Llama405(4).CostModel.Price(shape, 0);
        Assert.That(four.OtherCommSeconds, Is.GreaterThan(0));
        Assert.That(one.OtherCommSeconds, Is.EqualTo(0));
        Assert.That(four.ComputeSeconds, Is.LessThan(one.ComputeSeconds), "attention reads a quarter of the KV cache");
    }

    [Test]
    public void CpShardsTheKvCacheAndUsesTpTimesCpGpusPerStage()
    {
        var one = Llama405(1);
        var two = Llama405(2);
        Assert.That(two.GpuIds(0, 0), Has.Length.EqualTo(16));
        Assert.That(two.Memory.KvCapacityTokensPerReplica, Is.EqualTo(2 * one.Memory.KvCapacityTokensPerReplica).Within(16));
        Assert.That(two.Memory.WeightsBytes, Is.EqualTo(one.Memory.WeightsBytes), "weights are replicated on CP ranks");
    }
}
