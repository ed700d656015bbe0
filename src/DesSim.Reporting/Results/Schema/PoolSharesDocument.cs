using System.Text.Json.Serialization;

namespace DesSim.Reporting.Results.Schema;

/// <summary>A pool's <c>gpu_time_shares</c> in <c>summary.json</c>: shares 0..1 of the pool's GPU time.</summary>
public sealed record PoolSharesDocument
{
    /// <summary>Compute.</summary>
    [JsonPropertyName("compute")]
    public required double Compute { get; init; }

    /// <summary>TP, PP and other communication.</summary>
    [JsonPropertyName("comm")]
    public required double Comm { get; init; }

    /// <summary>Pipeline bubbles.</summary>
    [JsonPropertyName("bubble")]
    public required double Bubble { get; init; }

    /// <summary>Idle.</summary>
    [JsonPropertyName("idle")]
    public required double Idle { get; init; }

    /// <summary>With a KV transfer from or to the GPU in flight (overlaps the others).</summary>
    [JsonPropertyName("kv_transfer")]
    public required double KvTransfer { get; init; }
}
