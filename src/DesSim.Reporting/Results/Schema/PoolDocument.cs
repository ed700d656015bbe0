using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>One entry of <c>summary.json</c>'s <c>pools</c> array (<see cref="PoolSummary"/>).</summary>
public sealed record PoolDocument
{
    /// <summary>Pool name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>colocated, prefill or decode.</summary>
    [JsonPropertyName("role")]
    public required string Role { get; init; }

    /// <summary>The GPU model.</summary>
    [JsonPropertyName("gpu")]
    public required string Gpu { get; init; }

    /// <summary>Instances.</summary>
    [JsonPropertyName("instances")]
    public required int Instances { get; init; }

    /// <summary>TP degree per instance.</summary>
    [JsonPropertyName("tp")]
    public required int Tp { get; init; }

    /// <summary>PP degree per instance.</summary>
    [JsonPropertyName("pp")]
    public required int Pp { get; init; }

    /// <summary>GPUs of the pool.</summary>
    [JsonPropertyName("gpus")]
    public required int Gpus { get; init; }

    /// <summary>Busy share of the pool's GPU time.</summary>
    [JsonPropertyName("utilization")]
    public required double Utilization { get; init; }

    /// <summary>Where the pool's GPU time went.</summary>
    [JsonPropertyName("gpu_time_shares")]
    public required PoolSharesDocument GpuTimeShares { get; init; }

    /// <summary>Mean wait before the pool takes a request, ms.</summary>
    [JsonPropertyName("queue_ms")]
    public required double QueueMs { get; init; }

    /// <summary>The document of <paramref name="p"/>.</summary>
    public static PoolDocument From(PoolSummary p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Name = p.Name, Role = p.Role, Gpu = p.Gpu, Instances = p.Instances, Tp = p.Tp, Pp = p.Pp, Gpus = p.Gpus, Utilization = p.Utilization,
            GpuTimeShares = new() { Compute = p.ComputeShare, Comm = p.CommShare, Bubble = p.BubbleShare, Idle = p.IdleShare, KvTransfer = p.KvTransferShare },
            QueueMs = p.QueueMs,
        };
    }

    /// <summary>Back to the metrics type.</summary>
    public PoolSummary ToPool() => new(Name, Role, Gpu, Instances, Tp, Pp, Gpus, Utilization,
        GpuTimeShares.Compute, GpuTimeShares.Comm, GpuTimeShares.Bubble, GpuTimeShares.Idle, GpuTimeShares.KvTransfer, QueueMs);
}
