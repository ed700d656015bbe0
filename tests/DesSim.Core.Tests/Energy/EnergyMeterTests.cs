using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Metrics;

namespace DesSim.Core.Tests.Energy;

/// <summary>The energy meter: idle draw, binning, and the energy of a fully compute-bound window.</summary>
public sealed class EnergyMeterTests
{
    private const long Second = 1_000_000_000;
    private static readonly GpuSpec H100 = GpuCatalog.Get("h100");

    private static EnergyMeter Meter(int gpusPerStage = 2, int stages = 1, int clusterGpus = 2) =>
        new(new PowerModel(H100), [Enumerable.Repeat(gpusPerStage, stages).ToArray()], clusterGpus, Second);

    [Test]
    public void AnIdleClusterDrawsIdlePowerExactly()
    {
        var m = Meter(clusterGpus: 8);
        Assert.That(m.ClusterJoules(0, 10 * Second, 0, 10 * Second), Is.EqualTo(8 * H100.IdleWatts * 10));
        Assert.That(m.StagePeakWatts(0, 0), Is.EqualTo(H100.IdleWatts));
    }

    [Test]
    public void FullyComputeBoundSpanDrawsTdpOverItsBins()
    {
        var m = Meter();
        m.OnStageSpan(0, 0, 0, 3 * Second, new StageCost(3, 0) { ComputeBoundSeconds = 3 });
        for (int b = 0; b < 3; b++)
        {
            Assert.That(m.ClusterJoules(b * Second, (b + 1) * Second, 0, 3 * Second), Is.EqualTo(2 * H100.TdpWatts).Within(1e-9));
        }

        Assert.That(m.StagePeakWatts(0, 0), Is.EqualTo(H100.TdpWatts).Within(1e-9));
    }

    [Test]
    public void SpansSplitAcrossBinsInProportion()
    {
        var m = Meter();
        // 0.5 s .. 1.5 s of compute-bound work: half its excess in bin 0, half in bin 1.
        m.OnStageSpan(0, 0, Second / 2, 3 * Second / 2, new StageCost(1, 0) { ComputeBoundSeconds = 1 });
        double excess = 2 * (H100.TdpWatts - H100.IdleWatts);
        Assert.That(m.BinExcessJoules(0), Is.EqualTo(excess / 2).Within(1e-9));
        Assert.That(m.BinExcessJoules(1), Is.EqualTo(excess / 2).Within(1e-9));
        Assert.That(m.StageExcessJoules(0, 0), Is.EqualTo(excess / 2).Within(1e-9), "per GPU");
    }
}
