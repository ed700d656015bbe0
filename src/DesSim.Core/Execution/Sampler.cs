using DesSim.Core.Configuration;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Samples the cluster's state at a fixed step until the run is over.</summary>
/// <remarks>A background event (<see cref="ISimContext.ScheduleBackground"/>, last at its instant): it never keeps the run
/// alive, and its last sample, after the last foreground event, closes the final interval.</remarks>
internal sealed class Sampler(ISimContext ctx, ServingSimulation simulation, long stepNanoseconds) : IEventHandler
{
    private long _rows;

    public void Start() => ctx.ScheduleBackground(SimTime.Zero, this);

    public void OnEvent(long argument)
    {
        if (++_rows > InputRanges.MaxTimeSeriesRows)
        {
            double step = stepNanoseconds / 1e9, now = ctx.Now.Seconds;
            throw new InputException(null, "outputs.timeseries_step_s",
                $"{now:G4} s simulated so far / a {step:G4} s step = {_rows:N0} rows of timeseries.csv, more than the {InputRanges.MaxTimeSeriesRows:N0} allowed, and the run is not over",
                $"use a step above {now / InputRanges.MaxTimeSeriesRows:G3} s (the run's length / {InputRanges.MaxTimeSeriesRows:N0}), or 0 for none");
        }

        simulation.Observer.OnSample(ctx.Now, simulation.Snapshot());
        if (!simulation.IsFinished)
        {
            ctx.ScheduleBackground(new SimTime(stepNanoseconds), this);
        }
    }
}
