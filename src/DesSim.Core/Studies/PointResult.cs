using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Studies;

/// <summary>The metrics of one sweep point over its replications, and its p99 SLO verdict.</summary>
/// <remarks><see cref="Values"/> align with <see cref="RunMetrics.All"/>. The SLO <em>holds</em> when the mean p99 of every
/// configured objective (TTFT, TPOT, E2EL, queueing delay) is at or under its bound; <see cref="VerdictWithinNoise"/> is
/// set when a bound lies inside a p99's 95% confidence interval (only possible with ≥ 2 replications).</remarks>
public sealed record PointResult(ParallelPlan Layout, IReadOnlyList<ReplicatedValue> Values, bool SloHolds, bool VerdictWithinNoise, IReadOnlyList<RunSummary> Runs, long EventsProcessed)
{
    /// <summary>The value of <paramref name="metric"/>.</summary>
    public ReplicatedValue this[RunMetric metric] => Values[RunMetrics.IndexOf(metric)];

    /// <summary>The value of the metric named <paramref name="name"/> (a column name of <see cref="RunMetrics.All"/>).</summary>
    public ReplicatedValue this[string name] => this[RunMetrics.Get(name)];

    /// <summary>Aggregates the summaries of one point's replications under <paramref name="slo"/>.</summary>
    public static PointResult From(ParallelPlan layout, IReadOnlyList<RunSummary> runs, SloSpec slo, long events)
    {
        var values = RunMetrics.All
            .Select(m => ReplicatedValue.Of(runs.Select(r => m.PerGpu ? m.Read(r) / layout.GpuCount : m.Read(r))))
            .ToArray();
        var probe = new PointResult(layout, values, false, false, runs, events);
        bool holds = true;
        bool noisy = false;
        foreach (var (metric, bound) in Bounds(slo))
        {
            var v = probe[metric];
            holds &= !double.IsNaN(v.Mean) && v.Mean <= bound;
            noisy |= v.Straddles(bound);
        }

        return probe with { SloHolds = holds, VerdictWithinNoise = noisy };
    }

    /// <summary>The p99 metric each configured objective of <paramref name="slo"/> bounds.</summary>
    public static IEnumerable<(RunMetric Metric, double BoundMs)> Bounds(SloSpec slo)
    {
        if (slo.TtftMs is { } t) yield return (RunMetrics.TtftP99Ms, t);
        if (slo.TpotMs is { } p) yield return (RunMetrics.TpotP99Ms, p);
        if (slo.E2elMs is { } e) yield return (RunMetrics.E2elP99Ms, e);
        if (slo.QueueMs is { } q) yield return (RunMetrics.QueueP99Ms, q);
    }
}
