namespace DesSim.Core.Metrics;

/// <summary>One sample of <c>timeseries.csv</c>.</summary>
/// <param name="TimeSeconds">Sample time.</param>
/// <param name="QueueLength">Requests waiting for admission.</param>
/// <param name="RunningRequests">Requests admitted (holding KV).</param>
/// <param name="BatchTokens">New tokens in the micro-batches in flight.</param>
/// <param name="KvOccupancy">Fraction of KV blocks in use, 0..1.</param>
/// <param name="OutputTokensPerSecond">Output tokens emitted since the previous sample, per second.</param>
public sealed record TimeSeriesRow(double TimeSeconds, int QueueLength, int RunningRequests, int BatchTokens, double KvOccupancy, double OutputTokensPerSecond)
{
    /// <summary>Mean board power of the cluster's GPUs over (previous sample, this sample] within the run, W (NaN without power figures).</summary>
    public double ClusterPowerWatts { get; init; } = double.NaN;
}
