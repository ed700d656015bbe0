using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Samples the cluster's state at a fixed step until the run is over.</summary>
internal sealed class Sampler(ISimContext ctx, ServingSimulation simulation, long stepNanoseconds) : IEventHandler
{
    public void Start() => ctx.Schedule(SimTime.Zero, this, 0, EventPriority.Sample);

    public void OnEvent(long argument)
    {
        simulation.Observer.OnSample(ctx.Now, simulation.Snapshot());
        if (!simulation.IsFinished)
        {
            ctx.Schedule(new SimTime(stepNanoseconds), this, 0, EventPriority.Sample);
        }
    }
}
