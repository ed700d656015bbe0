using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>One entry of <c>summary.json</c>'s <c>energy.pools</c> (<see cref="PoolPower"/>).</summary>
public sealed record EnergyPoolDocument
{
    /// <summary><c>serving</c> or <c>unused</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>GPUs in the pool.</summary>
    [JsonPropertyName("gpus")]
    public required int Gpus { get; init; }

    /// <summary>Energy over the run, J.</summary>
    [JsonPropertyName("energy_j")]
    public required double EnergyJ { get; init; }

    /// <summary>Average power, W.</summary>
    [JsonPropertyName("average_w")]
    public required double AverageW { get; init; }

    /// <summary>Peak power over one time bin, W.</summary>
    [JsonPropertyName("peak_w")]
    public required double PeakW { get; init; }

    /// <summary>The document of <paramref name="p"/>.</summary>
    public static EnergyPoolDocument From(PoolPower p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new() { Name = p.Name, Gpus = p.Gpus, EnergyJ = p.EnergyJoules, AverageW = p.AverageWatts, PeakW = p.PeakWatts };
    }

    /// <summary>Back to the metrics type.</summary>
    public PoolPower ToPool() => new(Name, Gpus, EnergyJ, AverageW, PeakW);
}
