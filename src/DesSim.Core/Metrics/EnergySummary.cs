namespace DesSim.Core.Metrics;

/// <summary>Energy and power of a run: the <c>energy</c> object of <c>summary.json</c> (formulas in docs/metrics.md).</summary>
/// <remarks>Joules over the run's duration (first arrival to last completion); watts are board power of the GPUs (no host,
/// no cooling: PUE enters only the cost). Peaks are means over one time bin (the time series step).</remarks>
/// <param name="TotalJoules">Energy of every cluster GPU, J.</param>
/// <param name="JoulesPerOutputToken">TotalJoules / output tokens of completed requests, J (NaN without tokens).</param>
/// <param name="JoulesPerRequest">TotalJoules / completed requests, J (NaN without requests).</param>
/// <param name="AverageWatts">Cluster power averaged over the duration, W.</param>
/// <param name="PeakWatts">Highest cluster power over one time bin, W.</param>
/// <param name="GpuAverageWatts">Mean over GPUs of each GPU's average power, W.</param>
/// <param name="GpuPeakWatts">Highest span-average power of any GPU, W.</param>
/// <param name="Pools">Per pool (serving GPUs, unused GPUs).</param>
/// <param name="IdleWatts">The model's idle power per GPU, W.</param>
/// <param name="TdpWatts">The GPU's TDP, W.</param>
/// <param name="CapWatts">The power cap per GPU, W, or null.</param>
/// <param name="ComputeSlowdown">Time factor of compute-bound kernels under the cap (1 without).</param>
/// <param name="MemorySlowdown">Time factor of memory-bound kernels under the cap (1 without).</param>
public sealed record EnergySummary(
    double TotalJoules,
    double JoulesPerOutputToken,
    double JoulesPerRequest,
    double AverageWatts,
    double PeakWatts,
    double GpuAverageWatts,
    double GpuPeakWatts,
    IReadOnlyList<PoolPower> Pools,
    double IdleWatts,
    double TdpWatts,
    double? CapWatts,
    double ComputeSlowdown,
    double MemorySlowdown)
{
    /// <summary>Value equality, pools compared element by element (a record compares lists by reference).</summary>
    public bool Equals(EnergySummary? other) =>
        other is not null && TotalJoules.Equals(other.TotalJoules) && JoulesPerOutputToken.Equals(other.JoulesPerOutputToken)
        && JoulesPerRequest.Equals(other.JoulesPerRequest) && AverageWatts.Equals(other.AverageWatts) && PeakWatts.Equals(other.PeakWatts)
        && GpuAverageWatts.Equals(other.GpuAverageWatts) && GpuPeakWatts.Equals(other.GpuPeakWatts) && Pools.SequenceEqual(other.Pools)
        && IdleWatts.Equals(other.IdleWatts) && TdpWatts.Equals(other.TdpWatts) && Nullable.Equals(CapWatts, other.CapWatts)
        && ComputeSlowdown.Equals(other.ComputeSlowdown) && MemorySlowdown.Equals(other.MemorySlowdown);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TotalJoules, AverageWatts, PeakWatts, Pools.Count, CapWatts);
}
