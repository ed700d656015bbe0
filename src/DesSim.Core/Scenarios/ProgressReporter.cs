using DesSim.Core.Execution;
using DesSim.Engine;

namespace DesSim.Core.Scenarios;

/// <summary>Reports progress every <see cref="StepSeconds"/> of simulated time (an event at sample priority; it never changes results).</summary>
internal sealed class ProgressReporter(Simulator sim, ServingSimulation serving, long? expected, Action<RunProgress> report) : IEventHandler
{
    /// <summary>Simulated seconds between reports.</summary>
    public const double StepSeconds = 10;

    public void Start() => sim.Schedule(SimTime.Zero, this, 0, EventPriority.Sample);

    public void OnEvent(long argument)
    {
        report(new RunProgress(sim.Now.Seconds, serving.Completed + serving.Rejected, expected));
        if (!serving.IsFinished)
        {
            sim.Schedule(SimTime.FromSeconds(StepSeconds), this, 0, EventPriority.Sample);
        }
    }
}
