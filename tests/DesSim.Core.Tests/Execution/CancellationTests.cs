using DesSim.Core.Execution;
using DesSim.Core.Scheduling;
using DesSim.Core.Tests.TestDoubles;
using DesSim.Core.Workload;
using DesSim.Engine;
using DesSim.Engine.Testing;

namespace DesSim.Core.Tests.Execution;

/// <summary>One cancellation scheme (issue #15 item 3): work a failure drops is cancelled through its
/// <see cref="EventHandle"/>, so a dropped event never fires (no epoch or generation counters to compare).</summary>
public sealed class CancellationTests
{
    private const double Ms = 1e-3;

    private static Sequence Request(long id, int prompt = 100) => new(new RequestSpec(id, SimTime.Zero, prompt, 10), 0, SimTime.Zero);

    [Test]
    public void A_front_end_abort_cancels_the_pending_hand_over()
    {
        var ctx = new FakeSimContext();
        var handed = new List<long>();
        var frontEnd = new FrontEndServer(ctx, new FrontEndSpec(5 * Ms, 0), s => handed.Add(s.Request.Id));
        frontEnd.Accept(Request(1));
        frontEnd.Accept(Request(2));
        var handOver = ctx.Pending.Single();
        Assert.That(frontEnd.Abort().Select(s => s.Request.Id), Is.EqualTo(new long[] { 1, 2 }), "in service first, then the queue");
        Assert.That(handOver.Cancelled, Is.True);
        Assert.That(ctx.Pending, Is.Empty);

        frontEnd.Accept(Request(3));
        Assert.That(ctx.FireAll(), Is.EqualTo(1));
        Assert.That(handed, Is.EqualTo(new long[] { 3 }), "only the request accepted after the abort is handed over");
    }

    [Test]
    public void A_failed_pipelined_replica_has_no_stage_or_transfer_event_fire_while_it_is_down()
    {
        var cost = new LinearCostModel(10 * Ms, 0.01 * Ms);
        var source = new ListRequestSource(Enumerable.Range(0, 40).Select(i => new RequestSpec(i, SimTime.FromSeconds(i * 0.01), 100, 50)));
        var faults = new FaultPlan([], [new ReplicaFailureSpec(1, 0.2, 0.6)], []);
        var (result, sim) = ServingHarness.Run(source, cost, dp: 2, pp: 2, linkLatencySeconds: 3 * Ms, activationBytesPerToken: 1, faults: faults);
        Assert.That(result.Summary.RequestsCompleted, Is.EqualTo(40));
        Assert.That(sim.Retries, Is.GreaterThan(0));
        long down = SimTime.FromSeconds(0.2).Nanoseconds, up = SimTime.FromSeconds(0.6).Nanoseconds;
        var replica1 = result.Timeline.Where(s => s.Replica == 1).ToArray();
        Assert.That(replica1.Any(s => s.IsTransfer && s.EndNs <= down), "activations were in flight on replica 1 before it failed");
        Assert.That(replica1.Where(s => s.EndNs > down && s.EndNs < up), Is.Empty, "the compute and send events pending at the failure were cancelled");
    }
}
