using DesSim.Engine;
using DesSim.Engine.Testing;

namespace DesSim.Engine.Tests.Testing;

public sealed class FakeSimContextTests
{
    private sealed class Pinger(ISimContext ctx) : IEventHandler
    {
        public int Count { get; private set; }

        public void OnEvent(long argument)
        {
            Count++;
            if (argument > 0)
            {
                ctx.Schedule(SimTime.FromMilliseconds(1), this, argument - 1);
            }
        }
    }

    [Test]
    public void RecordsAndFiresEventsInOrder()
    {
        var ctx = new FakeSimContext();
        var p = new Pinger(ctx);
        ctx.Schedule(SimTime.FromMilliseconds(2), p, 0, EventPriority.Decision);
        ctx.Schedule(SimTime.FromMilliseconds(2), p, 2, EventPriority.Completion);
        Assert.That(ctx.Scheduled, Has.Count.EqualTo(2));
        var first = ctx.FireNext();
        Assert.That(first!.Argument, Is.EqualTo(2), "completion before decision at the same time");
        Assert.That(ctx.Now, Is.EqualTo(SimTime.FromMilliseconds(2)));
        Assert.That(ctx.FireAll(), Is.EqualTo(3));
        Assert.That(p.Count, Is.EqualTo(4));
        Assert.That(ctx.Now, Is.EqualTo(SimTime.FromMilliseconds(4)));
    }

    [Test]
    public void CancelAndClockRules()
    {
        var ctx = new FakeSimContext();
        var p = new Pinger(ctx);
        var h = ctx.Schedule(SimTime.FromMilliseconds(1), p);
        Assert.That(ctx.Cancel(h), Is.True);
        Assert.That(ctx.Cancel(h), Is.False);
        Assert.That(ctx.FireNext(), Is.Null);
        ctx.AdvanceTo(SimTime.FromMilliseconds(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ctx.AdvanceTo(SimTime.FromMilliseconds(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ctx.ScheduleAt(SimTime.FromMilliseconds(4), p));
    }
}
