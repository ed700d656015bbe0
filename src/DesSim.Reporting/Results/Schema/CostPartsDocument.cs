using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>A price in <c>summary.json</c>'s <c>cost</c> object: total, GPU-time part and energy part, USD (<see cref="CostParts"/>).</summary>
public sealed record CostPartsDocument
{
    /// <summary>gpu + energy, USD.</summary>
    [JsonPropertyName("total")]
    public required double Total { get; init; }

    /// <summary>From GPU hours, USD.</summary>
    [JsonPropertyName("gpu")]
    public required double Gpu { get; init; }

    /// <summary>From the energy drawn times the PUE, USD.</summary>
    [JsonPropertyName("energy")]
    public required double Energy { get; init; }

    /// <summary>The document of <paramref name="p"/>.</summary>
    public static CostPartsDocument From(CostParts p) => new() { Total = p.TotalUsd, Gpu = p.GpuUsd, Energy = p.EnergyUsd };

    /// <summary>Back to the metrics type (its total is the sum of the two parts as read).</summary>
    public CostParts ToParts() => new(Gpu, Energy);
}
