using System.Text.Json.Serialization;

namespace DesSim.Reporting.Results.Schema;

/// <summary>One entry of <c>summary.json</c>'s <c>faults.windows</c>: a fault window in simulated seconds.</summary>
public sealed record FaultWindowDocument
{
    /// <summary>Start, s.</summary>
    [JsonPropertyName("start_s")]
    public required double StartS { get; init; }

    /// <summary>End, s (open windows end at the run's end).</summary>
    [JsonPropertyName("end_s")]
    public required double EndS { get; init; }

    /// <summary>What the window is.</summary>
    [JsonPropertyName("label")]
    public required string Label { get; init; }
}
