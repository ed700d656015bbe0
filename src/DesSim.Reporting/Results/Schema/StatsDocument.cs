using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>Mean and percentiles of one latency metric in <c>summary.json</c> (<c>ttft_ms</c>, <c>tpot_ms</c>, …).</summary>
/// <remarks>Milliseconds; NaN (no samples) is written as null and read back as NaN.</remarks>
public sealed record StatsDocument
{
    /// <summary>Mean, ms.</summary>
    [JsonPropertyName("mean")]
    public required double Mean { get; init; }

    /// <summary>Median, ms.</summary>
    [JsonPropertyName("median")]
    public required double Median { get; init; }

    /// <summary>90th percentile, ms.</summary>
    [JsonPropertyName("p90")]
    public required double P90 { get; init; }

    /// <summary>95th percentile, ms.</summary>
    [JsonPropertyName("p95")]
    public required double P95 { get; init; }

    /// <summary>99th percentile, ms.</summary>
    [JsonPropertyName("p99")]
    public required double P99 { get; init; }

    /// <summary>99.9th percentile, ms.</summary>
    [JsonPropertyName("p999")]
    public required double P999 { get; init; }

    /// <summary>Samples.</summary>
    [JsonPropertyName("count")]
    public required long Count { get; init; }

    /// <summary>The document of <paramref name="s"/>.</summary>
    public static StatsDocument From(LatencyStats s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new() { Mean = s.Mean, Median = s.Median, P90 = s.P90, P95 = s.P95, P99 = s.P99, P999 = s.P999, Count = s.Count };
    }

    /// <summary>Back to the metrics type.</summary>
    public LatencyStats ToStats() => new(Mean, Median, P90, P95, P99, P999, Count);
}
