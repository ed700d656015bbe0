namespace DesSim.Core.Metrics;

/// <summary>What a run cost: the <c>cost</c> object of <c>summary.json</c> (formulas in docs/metrics.md).</summary>
/// <param name="Prices">The prices used.</param>
/// <param name="Gpus">GPUs billed (the whole cluster).</param>
/// <param name="Run">Cost of the run's duration.</param>
/// <param name="UsdPerMillionOutputTokens">Run / output tokens × 10⁶ (NaN parts without tokens).</param>
/// <param name="UsdPerThousandRequests">Run / completed requests × 10³ (NaN parts without requests).</param>
/// <param name="UsdPerHour">Run / duration in hours.</param>
public sealed record CostSummary(PriceSpec Prices, int Gpus, CostParts Run, CostParts UsdPerMillionOutputTokens, CostParts UsdPerThousandRequests, CostParts UsdPerHour)
{
    /// <summary>Joules per kWh.</summary>
    public const double JoulesPerKilowattHour = 3.6e6;

    /// <summary>Seconds per hour.</summary>
    public const double SecondsPerHour = 3600;

    /// <summary>Costs <paramref name="gpus"/> GPUs for <paramref name="durationSeconds"/> drawing <paramref name="energyJoules"/>
    /// (board energy; the PUE is applied here).</summary>
    public static CostSummary From(PriceSpec prices, int gpus, double durationSeconds, double energyJoules, long outputTokens, long requests)
    {
        double hours = durationSeconds / SecondsPerHour;
        var run = new CostParts(gpus * prices.GpuHourUsd * hours, energyJoules / JoulesPerKilowattHour * prices.Pue * prices.EnergyUsdPerKwh);
        return new CostSummary(
            prices,
            gpus,
            run,
            run.Scale(outputTokens > 0 ? 1e6 / outputTokens : double.NaN),
            run.Scale(requests > 0 ? 1e3 / requests : double.NaN),
            run.Scale(hours > 0 ? 1 / hours : double.NaN));
    }
}
