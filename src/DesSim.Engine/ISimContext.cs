namespace DesSim.Engine;

/// <summary>What models see of the simulator: the clock, scheduling, cancellation and random streams.</summary>
/// <remarks>
/// <para>Models never touch the event queue directly. Events at the same time run in ascending
/// priority order (see <see cref="EventPriority"/>), then in the order they were scheduled.</para>
/// <para><b>Event lifecycle.</b> <see cref="Schedule"/>, <see cref="ScheduleAt"/> or <see cref="ScheduleBackground"/>
/// creates an event and returns its <see cref="EventHandle"/>; the event is then <i>pending</i>. When it reaches the head
/// of the queue it <i>fires</i>: the clock moves to its time and its handler's <see cref="IEventHandler.OnEvent"/> runs
/// once; then it is gone. <see cref="Cancel"/> on a pending event makes it <i>cancelled</i>: it never fires (and is not
/// counted as pending or processed). Fired, cancelled and never-issued handles cancel nothing.</para>
/// <para><b>Foreground and background.</b> A foreground event (<see cref="Schedule"/>, <see cref="ScheduleAt"/>) is work:
/// a run goes on while one is pending. A background event (<see cref="ScheduleBackground"/>) only observes the work — a
/// time-series sampler, a progress reporter — and never keeps a run alive: while a run is under way, a background event
/// is queued only if some foreground event is pending; otherwise it is dropped and the returned handle is
/// <see cref="EventHandle.None"/>. Background events already pending when the last foreground event has fired still fire
/// at their times — each monitor's last look, which closes the interval in which the work ended — and the run ends
/// when the queue is empty. A background event that schedules foreground work keeps the run alive as any event does.
/// Before a run starts (while models set up) every background event is queued.</para>
/// </remarks>
public interface ISimContext
{
    /// <summary>The current simulated time.</summary>
    SimTime Now { get; }

    /// <summary>Named, independent random streams derived from the run's seed.</summary>
    RandomStreams Streams { get; }

    /// <summary>Schedules a foreground event: <paramref name="handler"/> receives <paramref name="argument"/> after <paramref name="delay"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative (scheduling in the past).</exception>
    EventHandle Schedule(SimTime delay, IEventHandler handler, long argument = 0, int priority = EventPriority.Normal);

    /// <summary>Schedules a foreground event at an absolute time, which must not be before <see cref="Now"/>.</summary>
    EventHandle ScheduleAt(SimTime time, IEventHandler handler, long argument = 0, int priority = EventPriority.Normal);

    /// <summary>Schedules a background event after <paramref name="delay"/> (by default last at its instant,
    /// <see cref="EventPriority.Sample"/>, as observers are); returns <see cref="EventHandle.None"/> when a run is under way
    /// and no foreground event is pending (see the lifecycle above).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative (scheduling in the past).</exception>
    EventHandle ScheduleBackground(SimTime delay, IEventHandler handler, long argument = 0, int priority = EventPriority.Sample);

    /// <summary>Cancels a pending event; returns false if it already ran, was cancelled, or never existed.</summary>
    bool Cancel(EventHandle handle);
}
