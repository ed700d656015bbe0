using DesSim.Core.Cost;
using DesSim.Core.Hardware;

namespace DesSim.Core.Tests.Cost;

/// <summary>The power model's draws and the power cap's documented slowdowns.</summary>
public sealed class PowerModelTests
{
    private static readonly GpuSpec H100 = GpuCatalog.Get("h100");

    [Test]
    public void PureComputeBoundWorkDrawsTdp()
    {
        var p = new PowerModel(H100);
        var cost = new StageCost(2.0, 0) { ComputeBoundSeconds = 2.0 };
        Assert.That(p.StageJoules(cost) / cost.TotalSeconds, Is.EqualTo(H100.TdpWatts));
    }

    [Test]
    public void EachActivityDrawsItsDocumentedPower()
    {
        var p = new PowerModel(H100);
        double dynamic = H100.TdpWatts - H100.IdleWatts;
        var cost = new StageCost(3.0, 0.5, 0.25) { ComputeBoundSeconds = 1.0 };
        double expected = (1.0 * H100.TdpWatts) + (2.0 * (H100.IdleWatts + (PowerModel.MemoryBoundActivity * dynamic)))
            + (0.75 * (H100.IdleWatts + (PowerModel.CommunicationActivity * dynamic)));
        Assert.That(p.StageJoules(cost), Is.EqualTo(expected).Within(1e-9));
        Assert.That(p.MemoryBoundWatts, Is.LessThan(p.ComputeBoundWatts));
    }

    [Test]
    public void CapSlowsComputeBoundKernelsByTheCubeRootLawAndMemoryBoundOnesLess()
    {
        const double cap = 350;
        var p = new PowerModel(H100, cap);
        double sc = Math.Cbrt((H100.TdpWatts - H100.IdleWatts) / (cap - H100.IdleWatts));
        double sm = Math.Max(1, Math.Cbrt(PowerModel.MemoryBoundActivity * (H100.TdpWatts - H100.IdleWatts) / (cap - H100.IdleWatts)));
        Assert.That(p.ComputeSlowdown, Is.EqualTo(sc).Within(1e-12));
        Assert.That(p.MemorySlowdown, Is.EqualTo(sm).Within(1e-12));
        Assert.That(p.MemorySlowdown, Is.GreaterThanOrEqualTo(1).And.LessThan(p.ComputeSlowdown));

        var bound = p.Throttle(new StageCost(1.0, 0) { ComputeBoundSeconds = 1.0 });
        var memory = p.Throttle(new StageCost(1.0, 0.2));
        Assert.That(bound.ComputeSeconds, Is.EqualTo(sc).Within(1e-12));
        Assert.That(memory.ComputeSeconds, Is.EqualTo(sm).Within(1e-12));
        Assert.That(memory.TpCommSeconds, Is.EqualTo(0.2), "communication is link-bound");
        Assert.That(p.ComputeBoundWatts, Is.EqualTo(cap), "a capped board draws at most the cap");
    }

    [Test]
    public void AMildCapLeavesMemoryBoundWorkAtFullSpeed()
    {
        double memoryDraw = H100.IdleWatts + (PowerModel.MemoryBoundActivity * (H100.TdpWatts - H100.IdleWatts));
        var p = new PowerModel(H100, memoryDraw + 10);
        Assert.That(p.MemorySlowdown, Is.EqualTo(1));
        Assert.That(p.ComputeSlowdown, Is.GreaterThan(1));
    }

    [Test]
    public void NoCapOrACapAtTdpChangesNothing()
    {
        var cost = new StageCost(1.5, 0.1) { ComputeBoundSeconds = 0.7 };
        Assert.That(new PowerModel(H100).Throttle(cost), Is.EqualTo(cost));
        Assert.That(new PowerModel(H100, H100.TdpWatts).Throttle(cost), Is.EqualTo(cost));
    }

    [Test]
    public void RooflineClassifiesPrefillGemmsComputeBoundAndDecodeGemmsMemoryBound()
    {
        var roofline = new RooflineKernelTimer(H100, Precision.Bf16);
        static Kernel Gemm(int m) => new("g", KernelKind.Gemm, 2.0 * m * 8192 * 8192, (8192.0 * 8192 * 2) + (2.0 * m * 8192 * 2), m, 8192, 8192);
        Assert.That(roofline.IsComputeBound(Gemm(4096)), Is.True);
        Assert.That(roofline.IsComputeBound(Gemm(8)), Is.False);
    }
}
