using DesSim.Core.Execution;
using DesSim.Engine;

namespace DesSim.Core.Scenarios;

/// <summary>Reports progress every <see cref="StepSeconds"/> of simulated time (an event at sample priority; it never changes results).</summary>
internal sealed class ProgressReporter(Simulator sim, ServingSimulation serving, long? expected, Action<RunProgress> report) : IEventHandler
{
    /// <summary>Simulated seconds between reports.</summary>
    public const double StepSeconds = 10;

    public void Start() => serving.ScheduleMonitor(SimTime.Zero, this);

    public void OnEvent(long argument)
    {
        serving.MonitorFired();
        report(new RunProgress(sim.Now.Seconds, serving.Completed + serving.Rejected, expected));
        if (serving.NeedsMonitoring)
        {
            serving.ScheduleMonitor(SimTime.FromSeconds(StepSeconds), this);
        }
    }
}
