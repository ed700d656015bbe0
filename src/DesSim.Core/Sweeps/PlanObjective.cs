namespace DesSim.Core.Sweeps;

/// <summary>What <c>dessim plan</c> ranks layouts by.</summary>
public enum PlanObjective
{
    /// <summary>Lowest p99 end-to-end latency at the given load (ties: lower p99 TTFT).</summary>
    Latency,

    /// <summary>Highest saturated output tokens/s per GPU (all requests at once).</summary>
    Throughput,

    /// <summary>Highest SLO capacity in requests/s per GPU: the fewest GPUs per request served within the SLO.</summary>
    Cost,
}
