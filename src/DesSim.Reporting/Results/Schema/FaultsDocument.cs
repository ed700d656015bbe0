using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>The <c>faults</c> object of <c>summary.json</c> (<see cref="FaultSummary"/>).</summary>
public sealed record FaultsDocument
{
    /// <summary>Restarts after a replica failure.</summary>
    [JsonPropertyName("retries")]
    public required long Retries { get; init; }

    /// <summary>Distinct requests restarted.</summary>
    [JsonPropertyName("retried_requests")]
    public required long RetriedRequests { get; init; }

    /// <summary>Output tokens thrown away by failures.</summary>
    [JsonPropertyName("discarded_tokens")]
    public required long DiscardedTokens { get; init; }

    /// <summary>E2EL of retried requests, ms.</summary>
    [JsonPropertyName("e2el_ms_retried")]
    public required StatsDocument E2elMsRetried { get; init; }

    /// <summary>E2EL of completed requests never retried, ms.</summary>
    [JsonPropertyName("e2el_ms_not_retried")]
    public required StatsDocument E2elMsNotRetried { get; init; }

    /// <summary>TTFT of retried requests, ms.</summary>
    [JsonPropertyName("ttft_ms_retried")]
    public required StatsDocument TtftMsRetried { get; init; }

    /// <summary>Mean E2EL penalty of a retried request, ms.</summary>
    [JsonPropertyName("e2el_hit_ms")]
    public required double E2elHitMs { get; init; }

    /// <summary>Fault windows.</summary>
    [JsonPropertyName("windows")]
    public required IReadOnlyList<FaultWindowDocument> Windows { get; init; }

    /// <summary>The document of <paramref name="f"/>.</summary>
    public static FaultsDocument From(FaultSummary f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new()
        {
            Retries = f.Retries, RetriedRequests = f.RetriedRequests, DiscardedTokens = f.DiscardedTokens,
            E2elMsRetried = StatsDocument.From(f.E2elRetriedMs), E2elMsNotRetried = StatsDocument.From(f.E2elNotRetriedMs), TtftMsRetried = StatsDocument.From(f.TtftRetriedMs),
            E2elHitMs = f.E2elHitMs,
            Windows = f.Windows.Select(w => new FaultWindowDocument { StartS = w.StartSeconds, EndS = w.EndSeconds, Label = w.Label }).ToArray(),
        };
    }

    /// <summary>Back to the metrics type.</summary>
    public FaultSummary ToSummary() => new(Retries, RetriedRequests, DiscardedTokens, E2elMsRetried.ToStats(), E2elMsNotRetried.ToStats(), TtftMsRetried.ToStats(), E2elHitMs)
    {
        Windows = Windows.Select(w => (w.StartS, w.EndS, w.Label)).ToArray(),
    };
}
