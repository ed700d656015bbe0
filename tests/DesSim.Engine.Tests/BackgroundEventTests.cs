using DesSim.Engine;
using DesSim.Engine.Testing;

namespace DesSim.Engine.Tests;

/// <summary>The background-event contract (<see cref="ISimContext"/>, "Foreground and background"): background events never
/// keep a run alive, each pending one gets its last look after the foreground work ends, and they are counted apart.</summary>
public sealed class BackgroundEventTests
{
    private static readonly SimTime Step = SimTime.FromMilliseconds(10);

    /// <summary>A monitor that renews itself every <see cref="Step"/> with no condition of its own: only the engine ends it.</summary>
    private sealed class Ticker(ISimContext ctx) : IEventHandler
    {
        public List<long> FiredAtNs { get; } = [];

        public List<EventHandle> Renewals { get; } = [];

        public void OnEvent(long argument)
        {
            FiredAtNs.Add(ctx.Now.Nanoseconds);
            Renewals.Add(ctx.ScheduleBackground(Step, this));
        }
    }

    /// <summary>A background event that, on its first firing, schedules foreground work <paramref name="work"/> later.</summary>
    private sealed class Spawner(ISimContext ctx, IEventHandler target, SimTime work) : IEventHandler
    {
        public int Fired { get; private set; }

        public void OnEvent(long argument)
        {
            if (Fired++ == 0)
            {
                ctx.Schedule(work, target, 42);
            }

            ctx.ScheduleBackground(Step, this);
        }
    }

    [Test]
    public void ARunWithOnlyBackgroundEventsEnds()
    {
        var sim = new Simulator();
        var ticker = new Ticker(sim);
        sim.ScheduleBackground(SimTime.Zero, ticker);
        sim.Run();
        Assert.That(ticker.FiredAtNs, Is.EqualTo(new long[] { 0 }), "its one last look, then no renewal");
        Assert.That(ticker.Renewals, Is.EqualTo(new[] { EventHandle.None }), "no foreground work pending: dropped");
        Assert.That(sim.PendingEvents, Is.Zero);
        Assert.That(sim.BackgroundEvents, Is.Zero);
        Assert.That(sim.ProcessedEvents, Is.EqualTo(1));
    }

    [Test]
    public void BackgroundEventsRunWhileForegroundWorkIsPendingThenTakeOneLastLook()
    {
        var sim = new Simulator();
        var ticker = new Ticker(sim);
        var work = new Recorder(sim);
        sim.ScheduleBackground(SimTime.Zero, ticker);
        sim.Schedule(SimTime.FromMilliseconds(25), work, 1);
        sim.Run();
        Assert.That(work.Fired, Is.EqualTo(new[] { (25_000_000L, 1L) }));
        // 0, 10, 20 while the work is pending; 30 is the last look (it was queued at 20, when the work was still pending).
        Assert.That(ticker.FiredAtNs, Is.EqualTo(new long[] { 0, 10_000_000, 20_000_000, 30_000_000 }));
        Assert.That(ticker.Renewals[^1], Is.EqualTo(EventHandle.None));
        Assert.That(ticker.Renewals.Take(3).All(h => h.IsValid), Is.True);
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromMilliseconds(30)));
    }

    [Test]
    public void EveryPendingMonitorGetsItsLastLook()
    {
        var sim = new Simulator();
        var a = new Ticker(sim);
        var b = new Ticker(sim);
        sim.ScheduleBackground(SimTime.Zero, a);
        sim.ScheduleBackground(SimTime.FromMilliseconds(5), b);
        sim.Schedule(SimTime.FromMilliseconds(12), new Recorder(sim));
        sim.Run();
        Assert.That(a.FiredAtNs, Is.EqualTo(new long[] { 0, 10_000_000, 20_000_000 }));
        Assert.That(b.FiredAtNs, Is.EqualTo(new long[] { 5_000_000, 15_000_000 }), "b's last look comes after a's, both fire");
    }

    [Test]
    public void ABackgroundEventSchedulingForegroundWorkKeepsTheRunAlive()
    {
        var sim = new Simulator();
        var work = new Recorder(sim);
        var spawner = new Spawner(sim, work, SimTime.FromMilliseconds(35));
        sim.ScheduleBackground(SimTime.Zero, spawner);
        sim.Run();
        Assert.That(work.Fired, Is.EqualTo(new[] { (35_000_000L, 42L) }), "the work it spawned ran");
        Assert.That(spawner.Fired, Is.EqualTo(5), "0, 10, 20, 30 while the work is pending, 40 its last look");
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromMilliseconds(40)));
    }

    [Test]
    public void PendingEventsCountBothKindsAndBackgroundEventsOnlyTheBackground()
    {
        var sim = new Simulator();
        var r = new Recorder(sim);
        var fg = sim.Schedule(SimTime.FromMilliseconds(1), r, 1);
        var bg1 = sim.ScheduleBackground(SimTime.FromMilliseconds(2), r, 2);
        sim.ScheduleBackground(SimTime.FromMilliseconds(3), r, 3);
        Assert.That((sim.PendingEvents, sim.BackgroundEvents, sim.ForegroundEvents), Is.EqualTo((3, 2, 1)));

        Assert.That(sim.Cancel(bg1), Is.True);
        Assert.That(sim.Cancel(bg1), Is.False, "a second cancel changes nothing");
        Assert.That((sim.PendingEvents, sim.BackgroundEvents, sim.ForegroundEvents), Is.EqualTo((2, 1, 1)));

        Assert.That(sim.Step(), Is.True);
        Assert.That(r.Fired[^1].Argument, Is.EqualTo(1));
        Assert.That(sim.Cancel(fg), Is.False, "already fired");
        Assert.That((sim.PendingEvents, sim.BackgroundEvents, sim.ForegroundEvents), Is.EqualTo((1, 1, 0)));

        sim.Run();
        Assert.That(r.Fired.Select(f => f.Argument), Is.EqualTo(new long[] { 1, 3 }), "the cancelled background event never fired");
        Assert.That((sim.PendingEvents, sim.BackgroundEvents, sim.ForegroundEvents), Is.EqualTo((0, 0, 0)));
    }

    [Test]
    public void BackgroundFlagNeverChangesTheSameTimeOrder()
    {
        // Same time and priority: FIFO by scheduling order whatever the kind (the flag rides below the sequence number).
        var sim = new Simulator();
        var r = new Recorder(sim);
        var t = SimTime.FromNanoseconds(7);
        for (int i = 0; i < 200; i++)
        {
            if (i % 3 == 0)
            {
                sim.ScheduleBackground(t, r, i, EventPriority.Normal);
            }
            else
            {
                sim.Schedule(t, r, i);
            }
        }

        sim.Run();
        Assert.That(r.Fired.Select(f => f.Argument), Is.EqualTo(Enumerable.Range(0, 200).Select(i => (long)i)));
    }

    [Test]
    public void CancellingAForegroundEventCanLeaveOnlyBackgroundWork()
    {
        var sim = new Simulator();
        var ticker = new Ticker(sim);
        sim.ScheduleBackground(SimTime.Zero, ticker);
        var work = sim.Schedule(SimTime.FromSeconds(1), new Recorder(sim));
        Assert.That(sim.Step(), Is.True, "the ticker at 0 renews: work is pending");
        Assert.That(sim.Cancel(work), Is.True);
        Assert.That(sim.ForegroundEvents, Is.Zero);
        sim.Run();
        Assert.That(ticker.FiredAtNs, Is.EqualTo(new long[] { 0, 10_000_000 }), "the cancelled work keeps nothing alive");
    }

    [Test]
    public void TheFakeContextEndsAsTheSimulatorDoes()
    {
        var fake = new FakeSimContext();
        var ticker = new Ticker(fake);
        fake.ScheduleBackground(SimTime.Zero, ticker);
        fake.Schedule(SimTime.FromMilliseconds(25), new Recorder(fake));
        Assert.That(fake.Scheduled.Select(e => e.Background), Is.EqualTo(new[] { true, false }));
        Assert.That(fake.FireAll(), Is.EqualTo(5));
        Assert.That(ticker.FiredAtNs, Is.EqualTo(new long[] { 0, 10_000_000, 20_000_000, 30_000_000 }));
        Assert.That(ticker.Renewals[^1], Is.EqualTo(EventHandle.None));
    }

    [Test]
    public void NegativeDelayIsAnError()
    {
        var sim = new Simulator();
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.ScheduleBackground(SimTime.FromNanoseconds(-1), new Recorder(sim)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FakeSimContext().ScheduleBackground(SimTime.FromNanoseconds(-1), new Recorder(sim)));
    }
}
