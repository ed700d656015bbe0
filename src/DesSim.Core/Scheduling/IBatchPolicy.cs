namespace DesSim.Core.Scheduling;

/// <summary>Decides the next micro-batch of a replica from its queue and cache state.</summary>
/// <remarks>No clock: a policy is a function of <see cref="SchedulerState"/>, unit-testable alone. It may admit and
/// preempt (through the state) and fills the plan; sequences already in flight are never chosen.
/// An empty plan means there is nothing to run now.</remarks>
public interface IBatchPolicy
{
    /// <summary>Forms the next micro-batch into <paramref name="plan"/> (cleared first).</summary>
    void Plan(SchedulerState state, BatchPlan plan);
}
