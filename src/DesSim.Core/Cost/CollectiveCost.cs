namespace DesSim.Core.Cost;

/// <summary>Closed-form (alpha-beta) collective times over <c>n</c> GPUs joined by links of bandwidth B and per-step latency α.</summary>
/// <remarks>facts.md §4. Sizes in bytes, bandwidth in bytes/s per direction, α and results in seconds. n = 1 costs 0.
/// Ring all-reduce of S: <c>2(n−1)·α + 2(n−1)/n · S/B</c>. All-gather / reduce-scatter of S (the full, gathered size):
/// <c>(n−1)·α + (n−1)/n · S/B</c>. All-to-all where each GPU holds S to scatter: <c>(n−1)·α + (n−1)/n · S/B</c>.
/// Send/recv: <c>α + S/B</c>.</remarks>
public static class CollectiveCost
{
    /// <summary>Ring all-reduce of <paramref name="bytes"/> over <paramref name="gpus"/> GPUs.</summary>
    public static double RingAllReduceSeconds(long bytes, int gpus, double bandwidthBytesPerSecond, double alphaSeconds) =>
        gpus <= 1 ? 0 : (2.0 * (gpus - 1) * alphaSeconds) + (2.0 * (gpus - 1) / gpus * bytes / bandwidthBytesPerSecond);

    /// <summary>Ring all-gather producing <paramref name="bytes"/> on every GPU.</summary>
    public static double RingAllGatherSeconds(long bytes, int gpus, double bandwidthBytesPerSecond, double alphaSeconds) =>
        gpus <= 1 ? 0 : ((gpus - 1) * alphaSeconds) + ((double)(gpus - 1) / gpus * bytes / bandwidthBytesPerSecond);

    /// <summary>Ring reduce-scatter of <paramref name="bytes"/> (input size per GPU).</summary>
    public static double RingReduceScatterSeconds(long bytes, int gpus, double bandwidthBytesPerSecond, double alphaSeconds) =>
        RingAllGatherSeconds(bytes, gpus, bandwidthBytesPerSecond, alphaSeconds);

    /// <summary>All-to-all where each GPU sends (n−1)/n of its <paramref name="bytesPerGpu"/> to the others.</summary>
    public static double AllToAllSeconds(long bytesPerGpu, int gpus, double bandwidthBytesPerSecond, double alphaSeconds) =>
        gpus <= 1 ? 0 : ((gpus - 1) * alphaSeconds) + ((double)(gpus - 1) / gpus * bytesPerGpu / bandwidthBytesPerSecond);

    /// <summary>Point-to-point send of <paramref name="bytes"/>.</summary>
    public static double SendRecvSeconds(long bytes, double bandwidthBytesPerSecond, double alphaSeconds) =>
        alphaSeconds + (bytes / bandwidthBytesPerSecond);

    /// <summary>nccl-tests bus bandwidth of an all-reduce: algbw · 2(n−1)/n, algbw = S / time (bytes/s).</summary>
    public static double AllReduceBusBandwidthBytesPerSecond(long bytes, int gpus, double seconds) =>
        bytes / seconds * 2.0 * (gpus - 1) / gpus;
}
