namespace DesSim.Engine.Testing;

/// <summary>A hand-driven context for unit-testing event handlers without running the engine.</summary>
/// <remarks>
/// Records every scheduled event in <see cref="Scheduled"/>; a test inspects them, moves the clock with
/// <see cref="AdvanceTo"/>, or fires the next event with <see cref="FireNext"/> (same ordering rules as
/// <see cref="Simulator"/>, and the same background rule: while an event fires, a background event scheduled with no
/// foreground event pending is dropped, so <see cref="FireAll"/> ends as a run does).
/// </remarks>
public sealed class FakeSimContext : ISimContext
{
    private long _nextSequence = 1;
    private bool _firing;

    /// <summary>Creates a fake context at time zero.</summary>
    public FakeSimContext(ulong seed = 0) => Streams = new RandomStreams(seed);

    /// <summary>One event a handler scheduled.</summary>
    public sealed record ScheduledEvent(SimTime Time, int Priority, long Sequence, IEventHandler Handler, long Argument)
    {
        /// <summary>Whether it was cancelled.</summary>
        public bool Cancelled { get; internal set; }

        /// <summary>Whether it has been fired.</summary>
        public bool Fired { get; internal set; }

        /// <summary>Whether it is a background event (<see cref="ISimContext.ScheduleBackground"/>).</summary>
        public bool Background { get; init; }
    }

    /// <inheritdoc />
    public SimTime Now { get; private set; }

    /// <inheritdoc />
    public RandomStreams Streams { get; }

    /// <summary>Every event scheduled, in scheduling order.</summary>
    public List<ScheduledEvent> Scheduled { get; } = [];

    /// <summary>Events neither fired nor cancelled, in the order they would run.</summary>
    public IEnumerable<ScheduledEvent> Pending =>
        Scheduled.Where(e => !e.Cancelled && !e.Fired).OrderBy(e => e.Time).ThenBy(e => e.Priority).ThenBy(e => e.Sequence);

    /// <inheritdoc />
    public EventHandle Schedule(SimTime delay, IEventHandler handler, long argument = 0, int priority = EventPriority.Normal)
    {
        if (delay.Nanoseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "cannot schedule an event in the past (negative delay)");
        }

        return ScheduleAt(Now + delay, handler, argument, priority);
    }

    /// <inheritdoc />
    public EventHandle ScheduleAt(SimTime time, IEventHandler handler, long argument = 0, int priority = EventPriority.Normal) =>
        Add(time, handler, argument, priority, background: false);

    /// <inheritdoc />
    public EventHandle ScheduleBackground(SimTime delay, IEventHandler handler, long argument = 0, int priority = EventPriority.Sample)
    {
        if (delay.Nanoseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "cannot schedule an event in the past (negative delay)");
        }

        if (_firing && !Pending.Any(e => !e.Background))
        {
            return EventHandle.None;
        }

        return Add(Now + delay, handler, argument, priority, background: true);
    }

    /// <inheritdoc />
    public bool Cancel(EventHandle handle)
    {
        var e = Scheduled.Find(s => s.Sequence == handle.Sequence);
        if (e is null || e.Cancelled || e.Fired)
        {
            return false;
        }

        e.Cancelled = true;
        return true;
    }

    /// <summary>Moves the clock forward without firing anything.</summary>
    public void AdvanceTo(SimTime time)
    {
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "the clock cannot go backwards");
        }

        Now = time;
    }

    /// <summary>Fires the next pending event (moving the clock to it); returns it, or null when none is pending.</summary>
    public ScheduledEvent? FireNext()
    {
        var next = Pending.FirstOrDefault();
        if (next is null)
        {
            return null;
        }

        Now = next.Time;
        next.Fired = true;
        _firing = true;
        try
        {
            next.Handler.OnEvent(next.Argument);
        }
        finally
        {
            _firing = false;
        }

        return next;
    }

    /// <summary>Fires events until none is pending; returns how many fired.</summary>
    public int FireAll()
    {
        int n = 0;
        while (FireNext() is not null)
        {
            n++;
        }

        return n;
    }

    private EventHandle Add(SimTime time, IEventHandler handler, long argument, int priority, bool background)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "cannot schedule an event in the past");
        }

        var e = new ScheduledEvent(time, priority, _nextSequence++, handler, argument) { Background = background };
        Scheduled.Add(e);
        return new EventHandle(e.Sequence);
    }
}
