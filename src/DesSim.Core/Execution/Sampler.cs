using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Samples the cluster's state at a fixed step until the run is over.</summary>
internal sealed class Sampler(ISimContext ctx, ServingSimulation simulation, long stepNanoseconds) : IEventHandler
{
    public void Start() => simulation.ScheduleMonitor(SimTime.Zero, this);

    public void OnEvent(long argument)
    {
        simulation.MonitorFired();
        simulation.Observer.OnSample(ctx.Now, simulation.Snapshot());
        if (simulation.NeedsMonitoring)
        {
            simulation.ScheduleMonitor(new SimTime(stepNanoseconds), this);
        }
    }
}
