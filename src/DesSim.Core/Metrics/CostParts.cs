namespace DesSim.Core.Metrics;

/// <summary>A price split into the GPU-time part and the energy part, US dollars.</summary>
/// <param name="GpuUsd">From GPU hours (rental or amortized purchase).</param>
/// <param name="EnergyUsd">From the energy drawn, times the PUE.</param>
public readonly record struct CostParts(double GpuUsd, double EnergyUsd)
{
    /// <summary>GpuUsd + EnergyUsd.</summary>
    public double TotalUsd => GpuUsd + EnergyUsd;

    /// <summary>Both parts times <paramref name="factor"/>.</summary>
    public CostParts Scale(double factor) => new(GpuUsd * factor, EnergyUsd * factor);
}
