namespace DesSim.Engine;

/// <summary>The discrete-event simulator: a clock, a stable event queue and the run's random streams.</summary>
/// <remarks>
/// Lifecycle: construct with a seed, let models schedule their first events, then <see cref="Run()"/>,
/// <see cref="Run(SimTime)"/> or <see cref="Step"/>. Events at the same time run by ascending priority, then
/// FIFO by scheduling order. Cancellation is lazy: a cancelled event stays queued and is skipped when it
/// surfaces. Background events (<see cref="ScheduleBackground"/>) never keep a run alive; the event lifecycle,
/// foreground and background, is on <see cref="ISimContext"/>. Single-threaded; one simulator per run.
/// </remarks>
public sealed class Simulator : ISimContext
{
    private readonly EventQueue _queue = new();
    private readonly HashSet<long> _cancelled = [];
    private long _nextSequence = 1;
    private int _background; // live (queued, not cancelled) background events
    private bool _running;
    private bool _stopRequested;

    /// <summary>Creates a simulator whose random streams derive from <paramref name="seed"/>.</summary>
    public Simulator(ulong seed = 0) => Streams = new RandomStreams(seed);

    /// <inheritdoc />
    public SimTime Now { get; private set; }

    /// <inheritdoc />
    public RandomStreams Streams { get; }

    /// <summary>Events handled so far (cancelled events are not counted).</summary>
    public long ProcessedEvents { get; private set; }

    /// <summary>Events still queued and not cancelled, foreground and background.</summary>
    public int PendingEvents => _queue.Count - _cancelled.Count;

    /// <summary>The part of <see cref="PendingEvents"/> that is background events (<see cref="ScheduleBackground"/>).</summary>
    public int BackgroundEvents => _background;

    /// <summary>The part of <see cref="PendingEvents"/> that is foreground events: the work that keeps a run going.</summary>
    public int ForegroundEvents => PendingEvents - _background;

    /// <summary>Time of the next live event, or <see cref="SimTime.MaxValue"/> when none is pending.</summary>
    public SimTime NextEventTime
    {
        get
        {
            DropCancelledHead();
            return _queue.Count == 0 ? SimTime.MaxValue : new SimTime(_queue.PeekTime());
        }
    }

    /// <inheritdoc />
    public EventHandle Schedule(SimTime delay, IEventHandler handler, long argument = 0, int priority = EventPriority.Normal)
    {
        if (delay.Nanoseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "cannot schedule an event in the past (negative delay)");
        }

        return Enqueue(Now.Nanoseconds + delay.Nanoseconds, handler, argument, priority, background: false);
    }

    /// <inheritdoc />
    public EventHandle ScheduleBackground(SimTime delay, IEventHandler handler, long argument = 0, int priority = EventPriority.Sample)
    {
        if (delay.Nanoseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "cannot schedule an event in the past (negative delay)");
        }

        if (_running && PendingEvents == _background)
        {
            return EventHandle.None; // no foreground work is left to observe: the run is ending
        }

        var handle = Enqueue(Now.Nanoseconds + delay.Nanoseconds, handler, argument, priority, background: true);
        _background++;
        return handle;
    }

    /// <inheritdoc />
    public EventHandle ScheduleAt(SimTime time, IEventHandler handler, long argument = 0, int priority = EventPriority.Normal)
    {
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"cannot schedule an event in the past (now is {Now})");
        }

        return Enqueue(time.Nanoseconds, handler, argument, priority, background: false);
    }

    /// <inheritdoc />
    /// <remarks>Returns true only when the handle names an event of this simulator that is still pending (scheduled, not
    /// yet run, not cancelled before); that event will not run. Cancelling an event that already ran, was already
    /// cancelled or was never scheduled here returns false and changes nothing (<see cref="PendingEvents"/> included).
    /// Cost: O(pending events) for the check that the event is still queued; no model cancels on a hot path.</remarks>
    public bool Cancel(EventHandle handle)
    {
        if (!handle.IsValid || handle.Sequence >= _nextSequence || _queue.Count == 0 || _cancelled.Contains(handle.Sequence)
            || !_queue.TryFindKey(handle.Sequence, out long key))
        {
            return false;
        }

        _cancelled.Add(handle.Sequence);
        if (EventQueue.IsBackground(key))
        {
            _background--;
        }

        return true;
    }

    /// <summary>Makes the current <see cref="Run()"/> return after the event being handled.</summary>
    public void Stop() => _stopRequested = true;

    /// <summary>Handles the next live event (foreground or background); returns false when none is pending. The event's
    /// handler runs as in <see cref="Run()"/>: a background event it schedules with no foreground event pending is dropped.</summary>
    public bool Step()
    {
        _running = true;
        try
        {
            while (_queue.Count > 0)
            {
                var e = _queue.Pop();
                if (_cancelled.Count > 0 && _cancelled.Remove(EventQueue.SequenceOf(e.Key)))
                {
                    continue;
                }

                Fire(e);
                return true;
            }
        }
        finally
        {
            _running = false;
        }

        _cancelled.Clear();
        return false;
    }

    /// <summary>Runs until no event is pending or <see cref="Stop"/> is called. Background events never keep it going: once
    /// no foreground event is pending, the background events already queued fire and cannot renew (<see cref="ISimContext"/>).</summary>
    public void Run() => Run(SimTime.MaxValue);

    /// <summary>Runs every event at or before <paramref name="until"/>, then sets the clock to <paramref name="until"/>
    /// (unless the queue ran dry first with <paramref name="until"/> = <see cref="SimTime.MaxValue"/>, or <see cref="Stop"/> was called).</summary>
    public void Run(SimTime until)
    {
        if (until < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"cannot run until a time in the past (now is {Now})");
        }

        _stopRequested = false;
        long limit = until.Nanoseconds;
        _running = true;
        try
        {
            while (!_stopRequested && _queue.Count > 0)
            {
                if (_queue.PeekTime() > limit)
                {
                    break;
                }

                var e = _queue.Pop();
                if (_cancelled.Count > 0 && _cancelled.Remove(EventQueue.SequenceOf(e.Key)))
                {
                    continue;
                }

                Fire(e);
            }
        }
        finally
        {
            _running = false;
        }

        if (_queue.Count == 0)
        {
            _cancelled.Clear();
        }

        if (!_stopRequested && until != SimTime.MaxValue)
        {
            Now = until;
        }
    }

    /// <summary>Runs the handler of popped live event <paramref name="e"/> with the clock at its time.</summary>
    private void Fire(in EventQueue.Entry e)
    {
        if (EventQueue.IsBackground(e.Key))
        {
            _background--;
        }

        Now = new SimTime(e.Time);
        ProcessedEvents++;
        e.Handler.OnEvent(e.Argument);
    }

    private EventHandle Enqueue(long time, IEventHandler handler, long argument, int priority, bool background)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (priority < EventPriority.Min || priority > EventPriority.Max)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, $"priority must be in {EventPriority.Min}..{EventPriority.Max}");
        }

        long seq = _nextSequence++;
        if (seq > EventQueue.MaxSequence)
        {
            throw new InvalidOperationException("event sequence space exhausted");
        }

        _queue.Push(time, EventQueue.PackKey(priority, seq, background), handler, argument);
        return new EventHandle(seq);
    }

    private void DropCancelledHead()
    {
        while (_queue.Count > 0 && _cancelled.Count > 0 && _cancelled.Contains(EventQueue.SequenceOf(_queue.PeekKey())))
        {
            _cancelled.Remove(EventQueue.SequenceOf(_queue.Pop().Key));
        }
    }
}
