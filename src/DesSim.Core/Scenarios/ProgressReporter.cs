using DesSim.Core.Execution;
using DesSim.Engine;

namespace DesSim.Core.Scenarios;

/// <summary>Reports progress every <see cref="StepSeconds"/> of simulated time (a background event at sample priority: it
/// never keeps the run alive nor changes results).</summary>
internal sealed class ProgressReporter(ISimContext ctx, ServingSimulation serving, long? expected, Action<RunProgress> report) : IEventHandler
{
    /// <summary>Simulated seconds between reports.</summary>
    public const double StepSeconds = 10;

    public void Start() => ctx.ScheduleBackground(SimTime.Zero, this);

    public void OnEvent(long argument)
    {
        report(new RunProgress(ctx.Now.Seconds, serving.Completed + serving.Rejected, expected));
        if (!serving.IsFinished)
        {
            ctx.ScheduleBackground(SimTime.FromSeconds(StepSeconds), this);
        }
    }
}
