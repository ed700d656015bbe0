using DesSim.Core.Execution;

namespace DesSim.Core.Metrics;

/// <summary>What injected faults cost a run: retries and the latency of the requests they hit (the <c>faults</c> object of summary.json).</summary>
/// <remarks>Latencies in ms from the request's original arrival, so a retried request's E2EL includes the work lost at the failure.
/// <see cref="E2elHitMs"/> = mean E2EL of retried requests − mean E2EL of the others (NaN when either group is empty).</remarks>
/// <param name="Retries">Restarts after a replica failure (a request may restart more than once).</param>
/// <param name="RetriedRequests">Distinct requests restarted at least once.</param>
/// <param name="DiscardedTokens">Output tokens produced and then thrown away by a failure.</param>
/// <param name="E2elRetriedMs">E2EL of the retried requests.</param>
/// <param name="E2elNotRetriedMs">E2EL of the completed requests never retried.</param>
/// <param name="TtftRetriedMs">TTFT of the retried requests (to the first token of the successful attempt).</param>
/// <param name="E2elHitMs">Mean E2EL penalty of a retried request.</param>
public sealed record FaultSummary(
    long Retries,
    long RetriedRequests,
    long DiscardedTokens,
    LatencyStats E2elRetriedMs,
    LatencyStats E2elNotRetriedMs,
    LatencyStats TtftRetriedMs,
    double E2elHitMs)
{
    /// <summary>Fault windows (start and end in seconds, label) for shaded chart bands; open windows end at the run's end.</summary>
    public IReadOnlyList<(double StartSeconds, double EndSeconds, string Label)> Windows { get; init; } = [];

    /// <summary>The summary of a finished simulation, or null when it had no faults or variability configured.</summary>
    public static FaultSummary? From(ServingSimulation simulation, MetricsCollector collector, IReadOnlyList<RequestRecord> completed)
    {
        var config = simulation.Config;
        if (config.Faults.IsEmpty && config.Variability.KernelCv <= 0)
        {
            return null;
        }

        var retried = completed.Where(r => collector.WasRetried(r.Id)).ToArray();
        var others = completed.Where(r => !collector.WasRetried(r.Id)).ToArray();
        var hit = retried.Length > 0 && others.Length > 0 ? retried.Average(r => r.E2elMs) - others.Average(r => r.E2elMs) : double.NaN;
        return new FaultSummary(
            simulation.Retries,
            simulation.RetriedRequests,
            simulation.DiscardedTokens,
            LatencyStats.FromMilliseconds(retried.Select(r => r.E2elMs).ToArray()),
            LatencyStats.FromMilliseconds(others.Select(r => r.E2elMs).ToArray()),
            LatencyStats.FromMilliseconds(retried.Select(r => r.TtftMs).ToArray()),
            hit)
        {
            Windows = config.Faults.Windows(collector.Samples.Count > 0 ? collector.Samples[^1].TimeSeconds : simulation.LastCompletion.Seconds),
        };
    }
}
