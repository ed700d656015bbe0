using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>The <c>slo</c> object of <c>summary.json</c>: each bound in ms, null when not set (always written).</summary>
public sealed record SloDocument
{
    /// <summary>TTFT bound, ms.</summary>
    [JsonPropertyName("ttft_ms")]
    public required double? TtftMs { get; init; }

    /// <summary>TPOT bound, ms.</summary>
    [JsonPropertyName("tpot_ms")]
    public required double? TpotMs { get; init; }

    /// <summary>E2EL bound, ms.</summary>
    [JsonPropertyName("e2el_ms")]
    public required double? E2elMs { get; init; }

    /// <summary>Queueing-delay bound, ms.</summary>
    [JsonPropertyName("queue_ms")]
    public required double? QueueMs { get; init; }

    /// <summary>The document of <paramref name="slo"/>.</summary>
    public static SloDocument From(SloSpec slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        return new() { TtftMs = slo.TtftMs, TpotMs = slo.TpotMs, E2elMs = slo.E2elMs, QueueMs = slo.QueueMs };
    }

    /// <summary>Back to the metrics type.</summary>
    public SloSpec ToSlo() => new(TtftMs, TpotMs, E2elMs, QueueMs);
}
