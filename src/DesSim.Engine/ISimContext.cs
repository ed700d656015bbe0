namespace DesSim.Engine;

/// <summary>What models see of the simulator: the clock, scheduling, cancellation and random streams.</summary>
/// <remarks>
/// Models never touch the event queue directly. Events at the same time run in ascending
/// priority order (see <see cref="EventPriority"/>), then in the order they were scheduled.
/// </remarks>
public interface ISimContext
{
    /// <summary>The current simulated time.</summary>
    SimTime Now { get; }

    /// <summary>Named, independent random streams derived from the run's seed.</summary>
    RandomStreams Streams { get; }

    /// <summary>Schedules <paramref name="handler"/> to receive <paramref name="argument"/> after <paramref name="delay"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative (scheduling in the past).</exception>
    EventHandle Schedule(SimTime delay, IEventHandler handler, long argument = 0, int priority = EventPriority.Normal);

    /// <summary>Schedules at an absolute time, which must not be before <see cref="Now"/>.</summary>
    EventHandle ScheduleAt(SimTime time, IEventHandler handler, long argument = 0, int priority = EventPriority.Normal);

    /// <summary>Cancels a pending event; returns false if it already ran, was cancelled, or never existed.</summary>
    bool Cancel(EventHandle handle);
}
