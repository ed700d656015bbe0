namespace DesSim.Core.Metrics;

/// <summary>Where one GPU's time went: the row of <c>gpus.csv</c>. Seconds, and shares of the run's duration.</summary>
public sealed record GpuRecord(
    int Gpu,
    int Replica,
    int Stage,
    int TpRank,
    double ComputeSeconds,
    double TpCommSeconds,
    double PpCommSeconds,
    double OtherCommSeconds,
    double BubbleSeconds,
    double IdleSeconds,
    long MicroBatches)
{
    /// <summary>Seconds of <see cref="ComputeSeconds"/> in compute-bound kernels.</summary>
    public double ComputeBoundSeconds { get; init; }

    /// <summary>Energy over the run's duration, J (NaN without power figures).</summary>
    public double EnergyJoules { get; init; } = double.NaN;

    /// <summary>EnergyJoules / duration, W (NaN without power figures).</summary>
    public double AveragePowerWatts { get; init; } = double.NaN;

    /// <summary>Highest span-average power, W (NaN without power figures).</summary>
    public double PeakPowerWatts { get; init; } = double.NaN;

    /// <summary>Total of the six categories (= the run's duration).</summary>
    public double TotalSeconds => ComputeSeconds + TpCommSeconds + PpCommSeconds + OtherCommSeconds + BubbleSeconds + IdleSeconds;

    /// <summary>Share of the duration in <paramref name="seconds"/>.</summary>
    public double Share(double seconds) => TotalSeconds > 0 ? seconds / TotalSeconds : 0;
}
