using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>The <c>cost</c> object of <c>summary.json</c> (<see cref="CostSummary"/>): prices and what the run cost, USD.</summary>
public sealed record CostDocument
{
    /// <summary>One GPU for one hour, USD.</summary>
    [JsonPropertyName("gpu_hour_usd")]
    public required double GpuHourUsd { get; init; }

    /// <summary>One kWh at the facility meter, USD.</summary>
    [JsonPropertyName("energy_usd_per_kwh")]
    public required double EnergyUsdPerKwh { get; init; }

    /// <summary>Power usage effectiveness.</summary>
    [JsonPropertyName("pue")]
    public required double Pue { get; init; }

    /// <summary>Where the prices come from.</summary>
    [JsonPropertyName("prices_source")]
    public required string PricesSource { get; init; }

    /// <summary>GPUs billed.</summary>
    [JsonPropertyName("gpus")]
    public required int Gpus { get; init; }

    /// <summary>Cost of the run's duration.</summary>
    [JsonPropertyName("run_usd")]
    public required CostPartsDocument RunUsd { get; init; }

    /// <summary>Per million output tokens.</summary>
    [JsonPropertyName("usd_per_million_output_tokens")]
    public required CostPartsDocument UsdPerMillionOutputTokens { get; init; }

    /// <summary>Per thousand completed requests.</summary>
    [JsonPropertyName("usd_per_thousand_requests")]
    public required CostPartsDocument UsdPerThousandRequests { get; init; }

    /// <summary>Per hour of the run.</summary>
    [JsonPropertyName("usd_per_hour")]
    public required CostPartsDocument UsdPerHour { get; init; }

    /// <summary>The document of <paramref name="c"/>.</summary>
    public static CostDocument From(CostSummary c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            GpuHourUsd = c.Prices.GpuHourUsd, EnergyUsdPerKwh = c.Prices.EnergyUsdPerKwh, Pue = c.Prices.Pue, PricesSource = c.Prices.Source, Gpus = c.Gpus,
            RunUsd = CostPartsDocument.From(c.Run), UsdPerMillionOutputTokens = CostPartsDocument.From(c.UsdPerMillionOutputTokens),
            UsdPerThousandRequests = CostPartsDocument.From(c.UsdPerThousandRequests), UsdPerHour = CostPartsDocument.From(c.UsdPerHour),
        };
    }

    /// <summary>Back to the metrics type.</summary>
    public CostSummary ToSummary() => new(new PriceSpec(GpuHourUsd, EnergyUsdPerKwh, Pue, PricesSource), Gpus, RunUsd.ToParts(),
        UsdPerMillionOutputTokens.ToParts(), UsdPerThousandRequests.ToParts(), UsdPerHour.ToParts());
}
