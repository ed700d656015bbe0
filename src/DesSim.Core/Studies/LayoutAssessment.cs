using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Studies;

/// <summary>How one layout did in <c>dessim plan</c>: at the given load, at saturation, and its SLO capacity.</summary>
/// <remarks><see cref="AtLoad"/>: the workload at its own rate. <see cref="Saturated"/>: the same requests all at t = 0 (trace:
/// replayed <see cref="Planner.SaturationRateScale"/>× faster), whose output tokens/s per GPU is the layout's max throughput.
/// <see cref="Capacity"/> is null when the SLO has no latency bound. <see cref="Rank"/> is 1-based under the objective;
/// <see cref="Why"/> is a plain-language explanation from the time breakdown.</remarks>
public sealed record LayoutAssessment(
    ParallelPlan Layout,
    PointResult AtLoad,
    PointResult Saturated,
    CapacityResult? Capacity,
    bool OnParetoFrontier,
    int Rank,
    string Why)
{
    /// <summary>The pool layout this row stands for (a prefill/decode split, or replicas over node groups); null for a plain
    /// layout. For a split, <see cref="Layout"/> only carries the GPU count (<see cref="PoolLayout.Equivalent"/>).</summary>
    public PoolLayout? Pools { get; init; }

    /// <summary>The row's label: the pool layout's, else the layout's.</summary>
    public string Label => Pools?.ToString() ?? Layout.ToString();

    /// <summary>p99 end-to-end latency at the given load, ms (the latency objective and the Pareto x axis).</summary>
    public double LatencyMs => AtLoad[RunMetrics.E2elP99Ms].Mean;

    /// <summary>The run the cost and energy objectives read: the capacity point (null when the SLO failed even at the lowest
    /// probe), or the saturated run when the SLO has no latency bound.</summary>
    public PointResult? AtSloRate => Capacity is null ? Saturated : Capacity.AtCapacity;

    /// <summary>USD per million output tokens at <see cref="AtSloRate"/> (NaN when unknown).</summary>
    public double UsdPerMillionTokens => AtSloRate?[RunMetrics.UsdPerMillionOutputTokens].Mean ?? double.NaN;

    /// <summary>GPU energy per output token at <see cref="AtSloRate"/>, J (NaN when unknown).</summary>
    public double JoulesPerToken => AtSloRate?[RunMetrics.EnergyPerOutputToken].Mean ?? double.NaN;

    /// <summary>Saturated output tokens/s per GPU (the throughput objective and the Pareto y axis).</summary>
    public double MaxThroughputPerGpu => Saturated[RunMetrics.OutputThroughputPerGpu].Mean;
}
