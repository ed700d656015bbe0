namespace DesSim.Core.Studies;

/// <summary>What <c>dessim plan</c> ranks layouts by.</summary>
public enum PlanObjective
{
    /// <summary>Lowest p99 end-to-end latency at the given load (ties: lower p99 TTFT).</summary>
    Latency,

    /// <summary>Highest saturated output tokens/s per GPU (all requests at once).</summary>
    Throughput,

    /// <summary>Lowest USD per million output tokens at the SLO-meeting rate (the capacity point; the saturated run when the
    /// SLO has no latency bound): GPU-hours and energy at the scenario's prices (docs/energy.md).</summary>
    Cost,

    /// <summary>Lowest GPU energy per output token (J) at the SLO-meeting rate, as for <see cref="Cost"/>.</summary>
    Energy,
}
