using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>The <c>energy</c> object of <c>summary.json</c> (<see cref="EnergySummary"/>): joules and board watts.</summary>
public sealed record EnergyDocument
{
    /// <summary>Energy of every cluster GPU, J.</summary>
    [JsonPropertyName("total_j")]
    public required double TotalJ { get; init; }

    /// <summary>J per output token.</summary>
    [JsonPropertyName("j_per_output_token")]
    public required double JPerOutputToken { get; init; }

    /// <summary>J per completed request.</summary>
    [JsonPropertyName("j_per_request")]
    public required double JPerRequest { get; init; }

    /// <summary>Cluster power averaged over the duration, W.</summary>
    [JsonPropertyName("average_w")]
    public required double AverageW { get; init; }

    /// <summary>Highest cluster power over one time bin, W.</summary>
    [JsonPropertyName("peak_w")]
    public required double PeakW { get; init; }

    /// <summary>Mean over GPUs of each GPU's average power, W.</summary>
    [JsonPropertyName("gpu_average_w")]
    public required double GpuAverageW { get; init; }

    /// <summary>Highest span-average power of any GPU, W.</summary>
    [JsonPropertyName("gpu_peak_w")]
    public required double GpuPeakW { get; init; }

    /// <summary>Idle power per GPU, W.</summary>
    [JsonPropertyName("gpu_idle_w")]
    public required double GpuIdleW { get; init; }

    /// <summary>TDP per GPU, W.</summary>
    [JsonPropertyName("gpu_tdp_w")]
    public required double GpuTdpW { get; init; }

    /// <summary>Power cap per GPU, W; null without one (always written).</summary>
    [JsonPropertyName("power_cap_w")]
    public required double? PowerCapW { get; init; }

    /// <summary>Time factor of compute-bound kernels under the cap.</summary>
    [JsonPropertyName("compute_slowdown")]
    public required double ComputeSlowdown { get; init; }

    /// <summary>Time factor of memory-bound kernels under the cap.</summary>
    [JsonPropertyName("memory_slowdown")]
    public required double MemorySlowdown { get; init; }

    /// <summary>Per pool.</summary>
    [JsonPropertyName("pools")]
    public required IReadOnlyList<EnergyPoolDocument> Pools { get; init; }

    /// <summary>The document of <paramref name="e"/>.</summary>
    public static EnergyDocument From(EnergySummary e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new()
        {
            TotalJ = e.TotalJoules, JPerOutputToken = e.JoulesPerOutputToken, JPerRequest = e.JoulesPerRequest, AverageW = e.AverageWatts, PeakW = e.PeakWatts,
            GpuAverageW = e.GpuAverageWatts, GpuPeakW = e.GpuPeakWatts, GpuIdleW = e.IdleWatts, GpuTdpW = e.TdpWatts, PowerCapW = e.CapWatts,
            ComputeSlowdown = e.ComputeSlowdown, MemorySlowdown = e.MemorySlowdown, Pools = e.Pools.Select(EnergyPoolDocument.From).ToArray(),
        };
    }

    /// <summary>Back to the metrics type.</summary>
    public EnergySummary ToSummary() => new(TotalJ, JPerOutputToken, JPerRequest, AverageW, PeakW, GpuAverageW, GpuPeakW,
        Pools.Select(p => p.ToPool()).ToArray(), GpuIdleW, GpuTdpW, PowerCapW, ComputeSlowdown, MemorySlowdown);
}
