namespace DesSim.Core.Metrics;

/// <summary>The prices a run is costed at (the scenario's <c>cost:</c> section, resolved for the cluster's GPU).</summary>
/// <param name="GpuHourUsd">Price of one GPU for one hour, USD (≥ 0).</param>
/// <param name="EnergyUsdPerKwh">Price of one kWh at the facility meter, USD (≥ 0).</param>
/// <param name="Pue">Power usage effectiveness: facility energy / IT energy (≥ 1).</param>
/// <param name="Source">Where the prices come from ("scenario" or the shipped estimate's source and date).</param>
public sealed record PriceSpec(double GpuHourUsd, double EnergyUsdPerKwh, double Pue, string Source);
