using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Model;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Tests.Cost;

public sealed class StageCostModelTests
{
    private static Deployment Make(string model, string gpu, int tp, int pp, CostModelKind kind, int gpusPerNode = 8) =>
        Deployment.Create(new DeploymentSpec(ModelCatalog.Get(model), Precision.Bf16, Precision.Bf16,
            ClusterSpec.SingleNode(GpuCatalog.Get(gpu), gpusPerNode), new ParallelPlan(tp, pp), kind));

    [Test]
    public void StagesSumToTheWholeModelPlusEmbeddingAndHead()
    {
        var one = Make("Llama-3.1-70B", "h100", 4, 1, CostModelKind.Roofline);
        var two = Make("Llama-3.1-70B", "h100", 4, 2, CostModelKind.Roofline);
        var batch = new BatchShape();
        batch.AddPrefill(1024, 0);
        batch.AddDecode(500);
        var whole = one.CostModel.Price(batch, 0);
        var s0 = two.CostModel.Price(batch, 0);
        var s1 = two.CostModel.Price(batch, 1);
        Assert.That(s0.ComputeSeconds + s1.ComputeSeconds, Is.EqualTo(whole.ComputeSeconds).Within(1e-9).Percent);
        Assert.That(s0.TpCommSeconds + s1.TpCommSeconds, Is.EqualTo(whole.TpCommSeconds).Within(1e-9).Percent);
    }

    [Test]
    public void TpCommIsTwoAllReducesPerLayerInClosedForm()
    {
        var d = Make("Llama-3.1-70B", "h100", 4, 1, CostModelKind.Roofline);
        var batch = new BatchShape();
        batch.AddPrefill(1024, 0);
        double one = CollectiveCost.RingAllReduceSeconds(1024L * 8192 * 2, 4, 450e9, CollectiveLatencies.NvLinkStepSeconds);
        Assert.That(d.CostModel.Price(batch, 0).TpCommSeconds, Is.EqualTo(80 * 2 * one).Within(1e-9).Percent);
    }

    [Test]
    public void DecodeIsMemoryBoundAndGrowsWithContext()
    {
        var d = Make("Llama-3.1-8B", "h100", 1, 1, CostModelKind.Roofline);
        var shortCtx = new BatchShape();
        var longCtx = new BatchShape();
        for (int i = 0; i < 32; i++)
        {
            shortCtx.AddDecode(100);
            longCtx.AddDecode(8000);
        }

        double a = d.CostModel.Price(shortCtx, 0).ComputeSeconds;
        double b = d.CostModel.Price(longCtx, 0).ComputeSeconds;
        // 16 GB of weights at 3.35 TB/s · 0.8 ≈ 6 ms per decode step, plus launches.
        Assert.That(a, Is.InRange(5e-3, 9e-3));
        Assert.That(b, Is.GreaterThan(a * 1.5));
    }

    [Test]
    public void PricingARepeatedShapeAllocatesNothing()
    {
        var d = Make("Llama-3.1-70B", "h100", 4, 2, CostModelKind.Measured);
        var batch = new BatchShape();
        batch.AddPrefill(512, 128);
        for (int i = 0; i < 40; i++)
        {
            batch.AddDecode(1000 + i);
        }

        d.CostModel.Price(batch, 0);
        d.CostModel.Price(batch, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (int i = 0; i < 10_000; i++)
        {
            sum += d.CostModel.Price(batch, i & 1).TotalSeconds;
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(sum, Is.GreaterThan(0));
    }

    [Test]
    public void MeasuredIsTheDefaultForH100AndNotesFallbacksOnce()
    {
        Assert.That(DeploymentSpec.DefaultCostModel(GpuCatalog.Get("h100")), Is.EqualTo(CostModelKind.Measured));
        Assert.That(DeploymentSpec.DefaultCostModel(GpuCatalog.Get("l40s")), Is.EqualTo(CostModelKind.Roofline));
        var d = Make("Llama-3.1-8B", "h100", 1, 1, CostModelKind.Measured);
        var batch = new BatchShape();
        batch.AddPrefill(2048, 0);
        var measured = d.CostModel.Price(batch, 0);
        d.CostModel.Price(batch, 0);
        Assert.That(measured.ComputeSeconds, Is.GreaterThan(0));
        Assert.That(d.Notes, Has.None.Contains("attention"), "H100 has measured attention tables for Llama-3.1-8B's heads");
        var a100 = Make("Llama-3.1-8B", "a100", 1, 1, CostModelKind.Measured);
        a100.CostModel.Price(batch, 0);
        a100.CostModel.Price(batch, 0);
        Assert.That(a100.Notes.Count(n => n.Contains("attention", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void EmptyBatchCostsNothing() =>
        Assert.That(Make("Llama-3.1-8B", "h100", 1, 1, CostModelKind.Roofline).CostModel.Price(new BatchShape(), 0), Is.EqualTo(default(StageCost)));
}
