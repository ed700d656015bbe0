using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Schedules the replica failures and recoveries of a <see cref="FaultPlan"/> on the simulator.</summary>
/// <remarks>Failures run at <see cref="EventPriority.Completion"/> − 1, before work finishing at the same instant, so a
/// micro-batch that would end exactly at the failure is lost too. Event argument: index into the sorted event list.</remarks>
internal sealed class FaultInjector(ISimContext ctx, ServingSimulation simulation, FaultPlan plan) : IEventHandler
{
    private readonly (long AtNs, int Replica, bool Down)[] _events = plan.Failures
        .SelectMany(f => f.RecoverSeconds is { } rec
            ? new[] { (Nanoseconds.FromSeconds(f.AtSeconds), f.Replica, true), (Nanoseconds.FromSeconds(rec), f.Replica, false) }
            : [(Nanoseconds.FromSeconds(f.AtSeconds), f.Replica, true)])
        .OrderBy(e => e.Item1).ThenBy(e => e.Item2).ThenBy(e => e.Item3)
        .ToArray();

    /// <summary>Puts every failure and recovery on the event queue.</summary>
    public void Start()
    {
        for (int i = 0; i < _events.Length; i++)
        {
            ctx.ScheduleAt(new SimTime(_events[i].AtNs), this, i, EventPriority.Completion - 1);
        }
    }

    public void OnEvent(long argument)
    {
        var (_, replica, down) = _events[argument];
        if (down)
        {
            simulation.FailReplica(replica);
        }
        else
        {
            simulation.RecoverReplica(replica);
        }
    }
}
