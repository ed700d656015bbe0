using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Studies;

/// <summary>Runs one scenario <c>R</c> times (seeds <c>seed, seed+1, …</c>) and aggregates the summaries.</summary>
/// <remarks>Only the summaries are kept (per-request records are dropped after each run), so a worker's memory is one run's.</remarks>
public static class PointEvaluator
{
    /// <summary>Runs <paramref name="scenario"/> with <paramref name="replications"/> seeds; the SLO is the scenario's unless <paramref name="slo"/> is given.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="replications">Seeds.</param>
    /// <param name="slo">The SLO (null: the scenario's).</param>
    /// <param name="layout">The layout the result is labelled with and whose GPUs divide the per-GPU figures (null: the
    /// scenario's <c>parallelism</c>; a pool layout passes its <see cref="PoolLayout.Equivalent"/>).</param>
    /// <remarks>Every run shares the scenario's plan (<see cref="Scenario.Planned"/>): it is planned once, not per seed.</remarks>
    public static PointResult Evaluate(Scenario scenario, int replications, SloSpec? slo = null, Parallelism.ParallelPlan? layout = null)
    {
        var runs = new RunSummary[replications];
        long events = 0;
        var quiet = scenario with { Outputs = scenario.Outputs with { TimeSeriesStepSeconds = 0, Timeline = scenario.Outputs.Timeline with { MaxSpans = 0 } } };
        for (int r = 0; r < replications; r++)
        {
            var run = ScenarioRunner.Run(quiet with { Seed = scenario.Seed + (ulong)r, Slo = slo ?? scenario.Slo });
            runs[r] = run.Result.Summary;
            events += run.EventsProcessed;
        }

        return PointResult.From(layout ?? scenario.Deployment.Plan, runs, slo ?? scenario.Slo, events);
    }
}
