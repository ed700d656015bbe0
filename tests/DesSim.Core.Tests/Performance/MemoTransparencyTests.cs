using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Tests.Performance;

/// <summary>The cost memos (StageCostModel's shape memo, LatencyMemo for GEMM and NCCL lookups) must be invisible:
/// a model that has priced thousands of other shapes returns exactly the doubles a fresh model returns.</summary>
public sealed class MemoTransparencyTests
{
    private static Deployment Make(int tp, int pp) =>
        Deployment.Create(new DeploymentSpec(ModelCatalog.Get("Llama-3.1-70B"), Precision.Bf16, Precision.Bf16,
            ClusterSpec.SingleNode(GpuCatalog.Get("h100"), 8), new ParallelPlan(tp, pp), CostModelKind.Measured));

    private static BatchShape Shape(Random rng)
    {
        var b = new BatchShape();
        if (rng.Next(3) == 0)
        {
            b.AddPrefill(1 + rng.Next(8192), rng.Next(4096));
        }

        int decodes = rng.Next(300);
        for (int i = 0; i < decodes; i++)
        {
            b.AddDecode(1 + rng.Next(6000));
        }

        if (b.TotalTokens == 0)
        {
            b.AddDecode(100);
        }

        return b;
    }

    [TestCase(4, 2)]
    [TestCase(8, 1)]
    public void AWarmModelPricesExactlyLikeAFreshOne(int tp, int pp)
    {
        var warm = Make(tp, pp).CostModel;
        var rng = new Random(12345);
        var shapes = Enumerable.Range(0, 3000).Select(_ => Shape(rng)).ToArray();
        var warmPrices = new List<StageCost>();
        // Price every shape twice, interleaved, so both memo hits and collisions/evictions happen.
        for (int round = 0; round < 2; round++)
        {
            foreach (var s in shapes)
            {
                for (int stage = 0; stage < pp; stage++)
                {
                    warmPrices.Add(warm.Price(s, stage));
                }
            }
        }

        int k = 0;
        for (int round = 0; round < 2; round++)
        {
            foreach (var s in shapes.Take(200))
            {
                var fresh = Make(tp, pp).CostModel;
                for (int stage = 0; stage < pp; stage++)
                {
                    Assert.That(warmPrices[(round * shapes.Length * pp) + k + stage], Is.EqualTo(fresh.Price(s, stage)), $"shape {k / pp}, stage {stage}");
                }

                k += pp;
            }

            k = 0;
        }
    }

    [Test]
    public void LatencyMemoReturnsWhatWasStoredAndForgetsEvictedKeys()
    {
        var memo = new LatencyMemo();
        Assert.That(memo.TryGet(LatencyMemo.Pack(1, 2, 3), out _), Is.False, "empty");
        var stored = new Dictionary<long, double>();
        var rng = new Random(7);
        for (int i = 0; i < 20_000; i++)
        {
            long key = LatencyMemo.Pack(rng.Next(9000), rng.Next(16), rng.Next(16));
            memo.Set(key, i);
            stored[key] = i;
        }

        int hits = 0;
        foreach (var (key, value) in stored)
        {
            if (memo.TryGet(key, out double v))
            {
                hits++;
                Assert.That(v, Is.EqualTo(value), "a hit returns the last value stored for that key");
            }
        }

        Assert.That(hits, Is.GreaterThan(0).And.LessThanOrEqualTo(LatencyMemo.Slots));
        Assert.That(LatencyMemo.Pack(1 << 21, 1, 1), Is.EqualTo(-1), "values over 21 bits do not fit");
        Assert.That(LatencyMemo.Pack(-1, 1, 1), Is.EqualTo(-1));
    }
}
