using DesSim.Core.Execution;
using DesSim.Core.Metrics;
using DesSim.Core.Tests.TestDoubles;
using DesSim.Engine;

namespace DesSim.Core.Tests.Execution;

/// <summary>Pipeline stages driven event by event on a <see cref="DesSim.Engine.Testing.FakeSimContext"/>: a stage is busy
/// for its priced time, then (not the last stage) while its activations travel; the next stage starts when they arrive;
/// each span is reported to the observer, and a span a failure cuts short is reported as aborted.</summary>
/// <remarks>Costs: 10 ms + 0.01 ms per new token on every stage (<see cref="LinearCostModel"/>); activations of 1,000 B per
/// token over a link of 1 ms latency and 1 GB/s.</remarks>
public sealed class StageServerTests
{
    private const double Ms = 1e-3;

    private static ReplicaRig TwoStages(IServingObserver? observer = null) =>
        new(new LinearCostModel(10 * Ms, 0.01 * Ms), pp: 2, activationBytesPerToken: 1_000, linkLatencySeconds: 1 * Ms, linkBytesPerSecond: 1e9, observer: observer);

    [Test]
    public void AStageHoldsItsGpusWhileItsActivationsTravelAndTheNextStageStartsOnArrival()
    {
        var rig = TwoStages();
        rig.Enqueue(1, prompt: 100, output: 1);
        rig.Ctx.FireNext(); // decision: stage 0 computes 0 → 11 ms
        rig.Ctx.FireNext(); // stage 0 done: 100 tokens × 1,000 B go to stage 1 (1 ms + 0.1 ms)
        var send = rig.Ctx.Pending.Single();
        Assert.That((send.Time.Nanoseconds, send.Priority), Is.EqualTo((12_100_000L, EventPriority.Completion)));
        Assert.That(rig.Replica.Stage(0).IsIdle, Is.False, "busy while sending");
        Assert.That(rig.Replica.Stage(1).IsIdle, Is.True);

        rig.Ctx.FireNext();
        Assert.That(rig.Replica.Stage(0).IsIdle, Is.True);
        Assert.That(rig.Replica.Stage(1).IsIdle, Is.False);
        rig.Ctx.FireAll();

        Assert.That(rig.Recorder.StageSpans, Is.EqualTo(new[] { (0, 0, 0L, 0L, 11_000_000L), (0, 1, 0L, 12_100_000L, 23_100_000L) }));
        Assert.That(rig.Recorder.TransferSpans, Is.EqualTo(new[] { (0, 0, 0L, 11_000_000L, 12_100_000L, 100_000L) }));
        Assert.That(rig.Recorder.Completed, Is.EqualTo(new[] { (1L, 23_100_000L) }), "the one output token comes off the last stage");
    }

    [Test]
    public void AMicroBatchArrivingAtABusyStageQueuesBehindIt()
    {
        var rig = TwoStages();
        rig.Enqueue(1, prompt: 100, output: 2);
        rig.Ctx.FireAll();
        // Step 1 (prefill) as above; step 2 (one decode token: 10.01 ms a stage, 1 KB over the link) follows stage by stage.
        var spans = rig.Recorder.StageSpans;
        Assert.That(spans.Select(s => s.Stage), Is.EqualTo(new[] { 0, 1, 0, 1 }));
        Assert.That(spans.Zip(spans.Skip(1)).All(p => p.First.EndNs <= p.Second.StartNs), Is.True, "one stage at a time: the replica's only request");
        Assert.That(spans[2].StartNs, Is.EqualTo(23_100_000L), "the decode step launches when the prefill's token is out");
        Assert.That(spans[3].EndNs - spans[3].StartNs, Is.EqualTo(10_010_000L));
    }

    [Test]
    public void AFailureMidSpanReportsTheSpanAbortedAndGpuTimeKeepsOnlyWhatRan()
    {
        var collector = new MetricsCollector();
        var rig = TwoStages(collector);
        rig.Enqueue(1, prompt: 100, output: 1);
        rig.Ctx.FireNext(); // stage 0 computes 0 → 11 ms
        rig.Ctx.AdvanceTo(SimTime.FromMilliseconds(4));
        rig.Replica.Fail();

        Assert.That(rig.Ctx.Pending, Is.Empty, "its compute-done event is cancelled");
        var t = collector.GpuTime.Stage(0, 0);
        Assert.That((t.ComputeNanoseconds, t.MicroBatches), Is.EqualTo((4_000_000L, 1L)), "4 ms of the 11 ms ran");
        Assert.That(collector.GpuTime.Stage(0, 1).BusyNanoseconds, Is.Zero);
    }

    [Test]
    public void AFailureWhileActivationsTravelDropsTheSendAndReportsNoAbortedSpan()
    {
        var rig = TwoStages();
        rig.Enqueue(1, prompt: 100, output: 1);
        rig.Ctx.FireNext();
        rig.Ctx.FireNext(); // stage 0's span ended at 11 ms; the send is pending
        var send = rig.Ctx.Pending.Single();
        rig.Ctx.AdvanceTo(SimTime.FromMilliseconds(11.5));
        rig.Replica.Fail();

        Assert.That(send.Cancelled, Is.True);
        Assert.That(rig.Recorder.AbortedSpans, Is.Empty, "the span had ended");
        Assert.That(rig.Recorder.TransferSpans, Is.Empty, "a dropped send is no transfer span");
        Assert.That(rig.Replica.Stage(0).IsIdle, Is.True);
    }
}
