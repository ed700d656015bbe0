using DesSim.Core.Execution;
using DesSim.Core.Tests.TestDoubles;
using DesSim.Core.Workload;
using DesSim.Engine;
using DesSim.Engine.Testing;

namespace DesSim.Core.Tests.Execution;

/// <summary>The arrival driver on a hand-driven clock: one main-stream arrival pending at a time, at its time and the
/// arrival priority; a closed loop offers nothing while its users wait; an arrival in the past is a bug.</summary>
public sealed class ArrivalDriverTests
{
    [Test]
    public void AnOpenLoopKeepsExactlyOneArrivalPendingAndDispatchesInOrder()
    {
        var ctx = new FakeSimContext();
        var dispatched = new List<(long Id, long AtNs)>();
        var source = ListRequestSource.Of((0.5, 10, 2), (0.25, 10, 2), (1.0, 10, 2));
        var driver = new ArrivalDriver(ctx, source, r => dispatched.Add((r.Id, ctx.Now.Nanoseconds)));

        driver.Pull();
        driver.Pull(); // a second pull while one arrival is pending offers nothing more
        Assert.That(ctx.Pending.Count(), Is.EqualTo(1), "O(in flight) memory: one arrival ahead of the clock");
        var first = ctx.Pending.Single();
        Assert.That(first.Time, Is.EqualTo(SimTime.FromSeconds(0.25)));
        Assert.That(first.Priority, Is.EqualTo(EventPriority.Arrival));

        ctx.FireAll();
        Assert.That(dispatched, Is.EqualTo(new[] { (1L, 250_000_000L), (0L, 500_000_000L), (2L, 1_000_000_000L) }));
        Assert.That(driver.Offered, Is.EqualTo(3));
        Assert.That(driver.IsDone, Is.True);
    }

    [Test]
    public void AClosedLoopOffersTheNextRequestOnlyAfterACompletion()
    {
        var ctx = new FakeSimContext();
        var source = new OneUserSource(requests: 2);
        var dispatched = new List<long>();
        var driver = new ArrivalDriver(ctx, source, r => dispatched.Add(r.Id));

        driver.Pull();
        ctx.FireAll();
        Assert.That(dispatched, Is.EqualTo(new long[] { 0 }));
        Assert.That(ctx.Pending, Is.Empty, "the only user waits for its answer");
        Assert.That(driver.IsDone, Is.False);

        ctx.AdvanceTo(SimTime.FromSeconds(2));
        driver.OnCompleted(0);
        Assert.That(ctx.Pending.Single().Time, Is.EqualTo(SimTime.FromSeconds(2)), "the user's next request arrives when the answer does");
        ctx.FireAll();
        driver.OnCompleted(1);
        Assert.That(dispatched, Is.EqualTo(new long[] { 0, 1 }));
        Assert.That(driver.IsDone, Is.True);
    }

    [Test]
    public void ASourceOfferingAnArrivalInThePastIsABug()
    {
        var ctx = new FakeSimContext();
        ctx.AdvanceTo(SimTime.FromSeconds(5));
        var driver = new ArrivalDriver(ctx, ListRequestSource.Of((1.0, 10, 2)), _ => { });
        Assert.Throws<InvalidOperationException>(driver.Pull);
    }

    /// <summary>One closed-loop user: sends a request, waits for its completion, sends the next at that instant.</summary>
    private sealed class OneUserSource(int requests) : IRequestSource
    {
        private long _next;
        private SimTime? _readyAt = SimTime.Zero;

        public bool IsExhausted => _next >= requests && _readyAt is null;

        public bool TryNext(out RequestSpec request)
        {
            if (_readyAt is not { } at || _next >= requests)
            {
                request = default;
                return false;
            }

            request = new RequestSpec(_next++, at, 10, 2);
            _readyAt = null;
            return true;
        }

        public void OnCompleted(long requestId, SimTime now) => _readyAt = _next < requests ? now : null;
    }
}
