using DesSim.Core.Tests.TestDoubles;
using DesSim.Engine;

namespace DesSim.Core.Tests.Execution;

/// <summary>One replica driven event by event on a <see cref="DesSim.Engine.Testing.FakeSimContext"/> (no simulator, no
/// <see cref="DesSim.Core.Execution.ServingSimulation"/>): decisions are coalesced per instant and run last, a micro-batch
/// occupies stage 0 for its priced time, tokens are emitted when it ends and finished requests reach the ledger.</summary>
/// <remarks>Costs: 10 ms + 0.01 ms per new token (<see cref="LinearCostModel"/>), so every time below is hand-derived.</remarks>
public sealed class ReplicaEngineTests
{
    private const double Ms = 1e-3;
    private const long MsNs = 1_000_000;

    [Test]
    public void RequestsArrivingAtOneInstantShareOneDecisionAtDecisionPriority()
    {
        var rig = new ReplicaRig(new LinearCostModel(10 * Ms, 0.01 * Ms));
        rig.Enqueue(1, prompt: 100, output: 3);
        rig.Enqueue(2, prompt: 100, output: 3);
        var decision = rig.Ctx.Pending.Single();
        Assert.That((decision.Time, decision.Priority, decision.Background), Is.EqualTo((SimTime.Zero, EventPriority.Decision, false)));
        Assert.That(rig.Replica.OutstandingRequests, Is.EqualTo(2), "outstanding from the moment they are routed");

        rig.Ctx.FireNext();
        Assert.That(rig.Recorder.Scheduled, Is.EqualTo(new[] { (1L, 0L), (2L, 0L) }), "both admitted into one batch");
        var computeDone = rig.Ctx.Pending.Single();
        Assert.That(computeDone.Time.Nanoseconds, Is.EqualTo(12 * MsNs), "10 ms + 200 prompt tokens × 0.01 ms");
        Assert.That(computeDone.Priority, Is.EqualTo(EventPriority.Completion));
        Assert.That(rig.Replica.InFlight, Is.EqualTo(1));
        Assert.That(rig.Replica.Stage(0).IsIdle, Is.False);
    }

    [Test]
    public void TokensFollowEachStepAndFinishedRequestsReachTheLedgerAndFreeTheirKv()
    {
        var rig = new ReplicaRig(new LinearCostModel(10 * Ms, 0.01 * Ms));
        rig.Enqueue(1, prompt: 100, output: 3);
        rig.Enqueue(2, prompt: 100, output: 3);
        rig.Ctx.FireAll();

        // Prefill of both prompts ends at 12 ms (first tokens); two decode steps of 10.02 ms follow.
        long[] steps = [12 * MsNs, 22_020_000, 32_040_000];
        Assert.That(rig.Recorder.Tokens, Is.EqualTo(steps.SelectMany(t => new[] { (1L, t, t == steps[0]), (2L, t, t == steps[0]) })));
        Assert.That(rig.Recorder.Completed, Is.EqualTo(new[] { (1L, steps[2]), (2L, steps[2]) }));
        Assert.That(rig.Done, Is.EqualTo(new long[] { 1, 2 }), "the arrival driver hears of each completion");
        Assert.That((rig.Requests.Arrived, rig.Requests.Completed, rig.Requests.AllEnded), Is.EqualTo((2L, 2L, true)));
        Assert.That(rig.Requests.LastCompletion.Nanoseconds, Is.EqualTo(steps[2]));
        Assert.That((rig.Replica.Kv.UsedBlocks, rig.Replica.OutstandingRequests, rig.Replica.OutstandingTokens, rig.Replica.InFlight), Is.EqualTo((0L, 0, 0L, 0)));
        Assert.That(rig.Replica.ActiveNanoseconds, Is.EqualTo(steps[2]), "a micro-batch was in flight the whole time");
        Assert.That(rig.Recorder.StageSpans.Select(s => s.MicroBatch), Is.EqualTo(new long[] { 0, 1, 2 }), "one micro-batch number per launch");
    }

    [Test]
    public void AFailedReplicaReturnsItsRequestsAndCancelsItsPendingWork()
    {
        var rig = new ReplicaRig(new LinearCostModel(10 * Ms, 0.01 * Ms));
        rig.Enqueue(1, prompt: 100, output: 3);
        rig.Ctx.FireNext(); // the decision: stage 0 computes until 11 ms
        var computeDone = rig.Ctx.Pending.Single();
        rig.Ctx.AdvanceTo(SimTime.FromMilliseconds(4));
        rig.Enqueue(2, prompt: 100, output: 3); // waits for the next decision, at 4 ms

        var lost = rig.Replica.Fail();
        Assert.That(lost.Select(s => s.Id), Is.EqualTo(new long[] { 1, 2 }), "running first, then waiting");
        Assert.That(computeDone.Cancelled, Is.True);
        Assert.That(rig.Replica.IsDown && rig.Replica.Stage(0).IsIdle, Is.True);
        Assert.That((rig.Replica.Kv.UsedBlocks, rig.Replica.OutstandingRequests, rig.Replica.InFlight), Is.EqualTo((0L, 0, 0)));

        rig.Ctx.FireAll(); // the decision requested for request 2 finds the replica down
        Assert.That(rig.Recorder.Tokens, Is.Empty);
        Assert.That(rig.Recorder.StageSpans, Is.Empty, "the cancelled compute never ends");
    }
}
