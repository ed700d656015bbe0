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
    /// <param name="simulation">The finished simulation.</param>
    /// <param name="collector">Its collector (which requests were retried, the samples).</param>
    /// <param name="completed">The completed requests in id order; enumerated twice, never held.</param>
    /// <param name="percentiles">How the latency percentiles are computed.</param>
    public static FaultSummary? From(ServingSimulation simulation, MetricsCollector collector, IEnumerable<RequestRecord> completed, PercentileMode percentiles = PercentileMode.Auto)
    {
        var config = simulation.Config;
        if (config.Faults.IsEmpty && config.Variability.KernelCv <= 0)
        {
            return null;
        }

        long retriedCount = 0, othersCount = 0;
        foreach (var r in completed)
        {
            _ = collector.WasRetried(r.Id) ? retriedCount++ : othersCount++;
        }

        var retriedE2el = new LatencyAccumulator(percentiles, retriedCount);
        var retriedTtft = new LatencyAccumulator(percentiles, retriedCount);
        var othersE2el = new LatencyAccumulator(percentiles, othersCount);
        double retriedSum = 0, othersSum = 0; // Why sums in id order: the means are those LINQ's Average gave before
        foreach (var r in completed)
        {
            if (collector.WasRetried(r.Id))
            {
                retriedE2el.Add(r.E2elMs);
                retriedTtft.Add(r.TtftMs);
                retriedSum += r.E2elMs;
            }
            else
            {
                othersE2el.Add(r.E2elMs);
                othersSum += r.E2elMs;
            }
        }

        var hit = retriedCount > 0 && othersCount > 0 ? (retriedSum / retriedCount) - (othersSum / othersCount) : double.NaN;
        return new FaultSummary(
            simulation.Retries,
            simulation.RetriedRequests,
            simulation.DiscardedTokens,
            retriedE2el.Stats(),
            othersE2el.Stats(),
            retriedTtft.Stats(),
            hit)
        {
            Windows = config.Faults.Windows(collector.Samples.Count > 0 ? collector.Samples[^1].TimeSeconds : simulation.LastCompletion.Seconds),
        };
    }
}
