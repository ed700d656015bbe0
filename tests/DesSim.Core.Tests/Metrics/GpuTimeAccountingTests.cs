using DesSim.Core.Cost;
using DesSim.Core.Metrics;
using DesSim.Engine;

namespace DesSim.Core.Tests.Metrics;

/// <summary>GPU time kept by observing spans (<see cref="GpuTimeAccounting"/>): what a whole span, a transfer and a span a
/// failure cut short charge.</summary>
public sealed class GpuTimeAccountingTests
{
    private static SimTime Us(long microseconds) => SimTime.FromNanoseconds(microseconds * 1000);

    // 300 µs compute (100 µs of it compute-bound), 50 µs TP all-reduce, 20 µs other collectives: a 370 µs span.
    private static readonly StageCost Cost = new(300e-6, 50e-6, 20e-6) { ComputeBoundSeconds = 100e-6 };

    [Test]
    public void AWholeSpanChargesItsPricedPartsAndOneMicroBatch()
    {
        var acc = new GpuTimeAccounting();
        acc.OnStageSpan(1, 2, Cost);
        acc.OnStageSpan(1, 2, Cost);
        var t = acc.Stage(1, 2);
        Assert.That((t.ComputeNanoseconds, t.ComputeBoundNanoseconds, t.TpCommNanoseconds, t.OtherCommNanoseconds, t.PpCommNanoseconds, t.MicroBatches),
            Is.EqualTo((600_000L, 200_000L, 100_000L, 40_000L, 0L, 2L)));
        Assert.That(acc.Stage(0, 0).BusyNanoseconds, Is.Zero, "a stage that ran nothing reads as zeros");
        Assert.That(acc.Stage(1, 0).MicroBatches, Is.Zero);
        Assert.That(acc.Stage(7, 9).BusyNanoseconds, Is.Zero);
    }

    [Test]
    public void ATransferSpanChargesItsLengthAsPipelineTime()
    {
        var acc = new GpuTimeAccounting();
        acc.OnTransferSpan(0, 0, Us(1_000), Us(1_045));
        acc.OnTransferSpan(0, 0, Us(2_000), Us(2_010));
        var t = acc.Stage(0, 0);
        Assert.That((t.PpCommNanoseconds, t.BusyNanoseconds, t.MicroBatches), Is.EqualTo((55_000L, 55_000L, 0L)));
    }

    [Test]
    public void ASpanCutShortUnchargesWhatDidNotRunFromComputeFirstThenTp()
    {
        var acc = new GpuTimeAccounting();
        // Cut 100 µs in: 270 µs of the 370 µs did not run, all of it within the span's 300 µs of compute.
        acc.OnStageSpanAborted(0, 0, Us(1_000), Us(1_100), Cost);
        var t = acc.Stage(0, 0);
        Assert.That((t.ComputeNanoseconds, t.TpCommNanoseconds, t.OtherCommNanoseconds, t.ComputeBoundNanoseconds, t.MicroBatches),
            Is.EqualTo((30_000L, 50_000L, 20_000L, 100_000L, 1L)));

        // On a fresh stage, cut 10 µs in: 360 µs did not run, more than its 300 µs of compute; the rest comes off TP.
        acc.OnStageSpanAborted(0, 1, Us(1_000), Us(1_010), Cost);
        var u = acc.Stage(0, 1);
        Assert.That((u.ComputeNanoseconds, u.TpCommNanoseconds, u.OtherCommNanoseconds), Is.EqualTo((0L, 0L, 20_000L)));
    }

    [Test]
    public void ASpanCutAtItsEndKeepsItAll()
    {
        var acc = new GpuTimeAccounting();
        acc.OnStageSpanAborted(0, 0, Us(1_000), Us(1_370), Cost);
        var whole = new GpuTimeAccounting();
        whole.OnStageSpan(0, 0, Cost);
        Assert.That(acc.Stage(0, 0).BusyNanoseconds, Is.EqualTo(whole.Stage(0, 0).BusyNanoseconds).And.EqualTo(370_000L));
    }
}
