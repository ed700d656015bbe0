using DesSim.Core.Units;

namespace DesSim.Core.Cost;

/// <summary>The bottleneck link of a group of GPUs exchanging data (EP all-to-all, CP ring): bandwidth and per-step latency.</summary>
/// <remarks>Bandwidth per direction per GPU; α in seconds per step (facts.md §4 alpha-beta model).</remarks>
public sealed record GroupLink(int Gpus, BytesPerSecond Bandwidth, double AlphaSeconds)
{
    /// <summary>All-to-all where each GPU holds <paramref name="bytesPerGpu"/> to scatter, seconds.</summary>
    public double AllToAllSeconds(long bytesPerGpu) => CollectiveCost.AllToAllSeconds(bytesPerGpu, Gpus, Bandwidth.Value, AlphaSeconds);

    /// <summary>Ring all-reduce of <paramref name="bytes"/>, seconds.</summary>
    public double AllReduceSeconds(long bytes) => CollectiveCost.RingAllReduceSeconds(bytes, Gpus, Bandwidth.Value, AlphaSeconds);

    /// <summary>One point-to-point step of <paramref name="bytes"/> (a ring hop), seconds.</summary>
    public double StepSeconds(long bytes) => CollectiveCost.SendRecvSeconds(bytes, Bandwidth.Value, AlphaSeconds);
}
