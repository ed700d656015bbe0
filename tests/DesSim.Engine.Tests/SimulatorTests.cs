using DesSim.Engine;

namespace DesSim.Engine.Tests;

public sealed class SimulatorTests
{
    [Test]
    public void EventsRunInTimeOrder()
    {
        var sim = new Simulator();
        var r = new Recorder(sim);
        sim.Schedule(SimTime.FromNanoseconds(30), r, 3);
        sim.Schedule(SimTime.FromNanoseconds(10), r, 1);
        sim.Schedule(SimTime.FromNanoseconds(20), r, 2);
        sim.Run();
        Assert.That(r.Fired, Is.EqualTo(new[] { (10L, 1L), (20L, 2L), (30L, 3L) }));
        Assert.That(sim.ProcessedEvents, Is.EqualTo(3));
        Assert.That(sim.Now.Nanoseconds, Is.EqualTo(30));
    }

    [Test]
    public void SameTimeEventsRunByPriorityThenFifo()
    {
        var sim = new Simulator();
        var r = new Recorder(sim);
        var t = SimTime.FromNanoseconds(5);
        sim.Schedule(t, r, 1, EventPriority.Decision);
        sim.Schedule(t, r, 2, EventPriority.Normal);
        sim.Schedule(t, r, 3, EventPriority.Completion);
        sim.Schedule(t, r, 4, EventPriority.Normal);
        sim.Schedule(t, r, 5, EventPriority.Completion);
        sim.Schedule(t, r, 6, EventPriority.Arrival);
        sim.Run();
        Assert.That(r.Fired.Select(f => f.Argument), Is.EqualTo(new long[] { 3, 5, 6, 2, 4, 1 }));
    }

    [Test]
    public void FifoTiesHoldForManyEventsAndHeapGrowth()
    {
        var sim = new Simulator();
        var r = new Recorder(sim);
        for (int i = 0; i < 5000; i++)
        {
            sim.Schedule(SimTime.FromNanoseconds(i % 7), r, i);
        }

        sim.Run();
        var expected = Enumerable.Range(0, 5000).OrderBy(i => i % 7).ThenBy(i => i).Select(i => (long)i);
        Assert.That(r.Fired.Select(f => f.Argument), Is.EqualTo(expected));
    }

    [Test]
    public void CancelledEventsDoNotRun()
    {
        var sim = new Simulator();
        var r = new Recorder(sim);
        var a = sim.Schedule(SimTime.FromNanoseconds(10), r, 1);
        sim.Schedule(SimTime.FromNanoseconds(20), r, 2);
        Assert.That(sim.Cancel(a), Is.True);
        Assert.That(sim.Cancel(a), Is.False, "a second cancel of the same event");
        Assert.That(sim.Cancel(EventHandle.None), Is.False);
        Assert.That(sim.Cancel(new EventHandle(999)), Is.False, "a handle never issued");
        Assert.That(sim.PendingEvents, Is.EqualTo(1));
        Assert.That(sim.NextEventTime.Nanoseconds, Is.EqualTo(20));
        sim.Run();
        Assert.That(r.Fired, Is.EqualTo(new[] { (20L, 2L) }));
        Assert.That(sim.ProcessedEvents, Is.EqualTo(1));
    }

    [Test]
    public void CancellingAnEventThatAlreadyRanReturnsFalseAndChangesNothing()
    {
        var sim = new Simulator();
        var r = new Recorder(sim);
        var first = sim.Schedule(SimTime.FromNanoseconds(10), r, 1);
        sim.Schedule(SimTime.FromNanoseconds(20), r, 2);
        Assert.That(sim.Step(), Is.True);
        Assert.That(sim.Cancel(first), Is.False, "the event already ran");
        Assert.That(sim.PendingEvents, Is.EqualTo(1), "a stale cancel must not hide a live event");
        Assert.That(sim.NextEventTime.Nanoseconds, Is.EqualTo(20));
        sim.Run();
        Assert.That(r.Fired.Select(f => f.Argument), Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public void CancelMatchesAModelOfPendingEventsAcrossEveryQueueRung()
    {
        // Enough events at spread times that they sit in the near heap, the time buckets and the overflow.
        var sim = new Simulator();
        var r = new Recorder(sim);
        var random = new Random(7);
        var pending = new Dictionary<long, EventHandle>();
        var fired = new List<EventHandle>();
        for (int i = 0; i < 5000; i++)
        {
            pending[i] = sim.Schedule(SimTime.FromNanoseconds(random.Next(1, 1_000_000)), r, i);
        }

        var cancelled = new HashSet<long>();
        for (int round = 0; round < 2000; round++)
        {
            if (round % 3 == 0 && sim.Step())
            {
                long ran = r.Fired[^1].Argument;
                fired.Add(pending[ran]);
                pending.Remove(ran);
                continue;
            }

            bool pickFired = fired.Count > 0 && random.Next(4) == 0;
            if (pickFired)
            {
                Assert.That(sim.Cancel(fired[random.Next(fired.Count)]), Is.False, "already ran");
            }
            else if (pending.Count > 0)
            {
                long key = pending.Keys.ElementAt(random.Next(pending.Count));
                Assert.That(sim.Cancel(pending[key]), Is.EqualTo(!cancelled.Contains(key)), "pending: true once, then false");
                cancelled.Add(key);
            }

            Assert.That(sim.PendingEvents, Is.EqualTo(pending.Keys.Count(k => !cancelled.Contains(k))));
        }

        sim.Run();
        Assert.That(r.Fired.Select(f => f.Argument).Intersect(cancelled), Is.Empty, "no cancelled event ran");
        Assert.That(r.Fired, Has.Count.EqualTo(5000 - cancelled.Count));
    }

    [Test]
    public void HandlerCanCancelALaterEvent()
    {
        var sim = new Simulator();
        var r = new Recorder(sim);
        var later = sim.Schedule(SimTime.FromNanoseconds(50), r, 99);
        var canceller = new ActionHandler(() => sim.Cancel(later));
        sim.Schedule(SimTime.FromNanoseconds(10), canceller);
        sim.Run();
        Assert.That(r.Fired, Is.Empty);
    }

    [Test]
    public void RunUntilStopsAtTheLimitAndAdvancesTheClock()
    {
        var sim = new Simulator();
        var r = new Recorder(sim);
        sim.Schedule(SimTime.FromNanoseconds(10), r, 1);
        sim.Schedule(SimTime.FromNanoseconds(20), r, 2);
        sim.Schedule(SimTime.FromNanoseconds(30), r, 3);
        sim.Run(SimTime.FromNanoseconds(20));
        Assert.That(r.Fired.Select(f => f.Argument), Is.EqualTo(new long[] { 1, 2 }), "events at the limit run");
        Assert.That(sim.Now.Nanoseconds, Is.EqualTo(20));
        sim.Run(SimTime.FromNanoseconds(25));
        Assert.That(sim.Now.Nanoseconds, Is.EqualTo(25));
        Assert.That(r.Fired, Has.Count.EqualTo(2));
        sim.Run();
        Assert.That(r.Fired.Select(f => f.Argument), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(SimTime.FromNanoseconds(1)));
    }

    [Test]
    public void StepRunsOneEventAtATime()
    {
        var sim = new Simulator();
        var r = new Recorder(sim);
        sim.Schedule(SimTime.FromNanoseconds(1), r, 1);
        sim.Schedule(SimTime.FromNanoseconds(2), r, 2);
        Assert.That(sim.Step(), Is.True);
        Assert.That(r.Fired, Has.Count.EqualTo(1));
        Assert.That(sim.Step(), Is.True);
        Assert.That(sim.Step(), Is.False);
    }

    [Test]
    public void StopEndsRunAfterTheCurrentEvent()
    {
        var sim = new Simulator();
        var r = new Recorder(sim);
        sim.Schedule(SimTime.FromNanoseconds(1), new ActionHandler(sim.Stop));
        sim.Schedule(SimTime.FromNanoseconds(2), r, 2);
        sim.Run();
        Assert.That(r.Fired, Is.Empty);
        Assert.That(sim.Now.Nanoseconds, Is.EqualTo(1));
        sim.Run();
        Assert.That(r.Fired, Has.Count.EqualTo(1));
    }

    [Test]
    public void SchedulingInThePastIsAnError()
    {
        var sim = new Simulator();
        var r = new Recorder(sim);
        sim.Schedule(SimTime.FromNanoseconds(100), r);
        sim.Run();
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(SimTime.FromNanoseconds(-1), r));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.ScheduleAt(SimTime.FromNanoseconds(99), r));
        Assert.DoesNotThrow(() => sim.ScheduleAt(SimTime.FromNanoseconds(100), r));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(SimTime.Zero, r, 0, 1 << 20));
    }

    [Test]
    public void TwoRunsWithTheSameSeedGiveTheSameEventTrace()
    {
        var first = HoldTrace(seed: 7);
        Assert.That(HoldTrace(seed: 7), Is.EqualTo(first));
        Assert.That(first, Has.Count.GreaterThan(100));
        Assert.That(HoldTrace(seed: 7), Is.Not.EqualTo(HoldTrace(seed: 8)));
    }

    [Test]
    public void NoAllocationPerEventOverAMillionEvents()
    {
        var sim = new Simulator(seed: 3);
        var rng = sim.Streams.Get("hold");
        var holder = new SelfRescheduler(sim, rng);
        for (int i = 0; i < 1000; i++)
        {
            holder.OnEvent(0);
        }

        for (int i = 0; i < 10_000; i++)
        {
            sim.Step(); // warm-up: JIT and queue growth
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000_000; i++)
        {
            sim.Step();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.LessThan(1_000), $"allocated {allocated} bytes over 1M events");
        Assert.That(sim.ProcessedEvents, Is.EqualTo(1_010_000));
    }

    private static List<(long, long)> HoldTrace(ulong seed)
    {
        var sim = new Simulator(seed);
        var log = new List<(long, long)>();
        var h = new TracingHolder(sim, sim.Streams.Get("hold"), log);
        for (int i = 0; i < 50; i++)
        {
            h.OnEvent(i);
        }

        sim.Run(SimTime.FromMilliseconds(20));
        return log;
    }

    private sealed class ActionHandler(Action action) : IEventHandler
    {
        public void OnEvent(long argument) => action();
    }

    private sealed class SelfRescheduler(Simulator sim, RandomStream rng) : IEventHandler
    {
        public void OnEvent(long argument) => sim.Schedule(SimTime.FromNanoseconds((long)rng.NextExponential(1000)), this, argument + 1);
    }

    private sealed class TracingHolder(Simulator sim, RandomStream rng, List<(long, long)> log) : IEventHandler
    {
        public void OnEvent(long argument)
        {
            log.Add((sim.Now.Nanoseconds, argument));
            sim.Schedule(SimTime.FromNanoseconds((long)rng.NextExponential(100_000)), this, argument);
        }
    }
}
