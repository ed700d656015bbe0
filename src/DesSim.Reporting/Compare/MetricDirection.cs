namespace DesSim.Reporting.Compare;

/// <summary>Which way a metric of the comparison table is better, for marking the best run of a row.</summary>
public enum MetricDirection
{
    /// <summary>No direction (e.g. GPU count): nothing is marked.</summary>
    None,

    /// <summary>Smaller is better (latencies, shares of waste, energy, cost).</summary>
    LowerIsBetter,

    /// <summary>Larger is better (throughput, goodput, SLO attainment).</summary>
    HigherIsBetter,
}
