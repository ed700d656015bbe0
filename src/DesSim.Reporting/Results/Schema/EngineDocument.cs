using System.Text.Json.Serialization;

namespace DesSim.Reporting.Results.Schema;

/// <summary>The <c>engine</c> object of <c>summary.json</c>: the engine the scenario asked for and the modeled version that ran it.</summary>
public sealed record EngineDocument
{
    /// <summary>Engine name (vllm, sglang, trtllm, ideal).</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The version the scenario asked for.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>The modeled version that ran it.</summary>
    [JsonPropertyName("modeled_as")]
    public required string ModeledAs { get; init; }
}
