namespace DesSim.Core.Metrics;

/// <summary>The shipped price ESTIMATES used when a scenario's <c>cost:</c> section leaves a price out.</summary>
/// <remarks>
/// Checked 2026-12-01; public list prices change often, so set your own in the scenario. GPU-hour prices are typical
/// on-demand cloud prices per GPU of 8-GPU instances: H100 SXM 3.00 USD (Lambda on-demand 8×H100 SXM, 2.99/GPU-h, 2025),
/// A100 SXM 80GB 1.80 (Lambda 1.79/GPU-h, 2025), H100 PCIe 2.50 (Lambda 2.49, 2025), H200 3.80 (2025 neo-cloud on-demand
/// range 3.5-4.0), B200 5.00 (2025 neo-cloud on-demand range 4.5-6), L40S 1.00, L40 0.90 (2025 marketplace range),
/// L4 0.70 (Google Cloud g2-standard-4 on-demand, us-central1, 2025), MI300X 2.50 (2025 neo-cloud on-demand range).
/// Energy: 0.10 USD/kWh (US industrial average 2024 ≈ 0.08-0.09, commercial ≈ 0.13: U.S. EIA Electric Power Monthly,
/// table 5.6.A); PUE 1.3 (between hyperscale fleets ≈ 1.1 and the 2024 industry average 1.56 of the Uptime Institute
/// Global Data Center Survey). A cloud GPU-hour price usually includes power: set <c>energy_usd_per_kwh: 0</c> then.
/// </remarks>
public static class PriceDefaults
{
    /// <summary>Default electricity price, USD per kWh (estimate, see remarks).</summary>
    public const double EnergyUsdPerKwh = 0.10;

    /// <summary>Default power usage effectiveness (estimate, see remarks).</summary>
    public const double Pue = 1.3;

    /// <summary>Label of the shipped estimates.</summary>
    public const string Source = "estimate: shipped default prices checked 2026-12-01 (docs/energy.md)";

    private static readonly Dictionary<string, double> GpuHour = new(StringComparer.Ordinal)
    {
        ["A100-SXM4-80GB"] = 1.80,
        ["H100-SXM5-80GB"] = 3.00,
        ["H100-PCIe-80GB"] = 2.50,
        ["H200-SXM-141GB"] = 3.80,
        ["B200"] = 5.00,
        ["L40S"] = 1.00,
        ["L40"] = 0.90,
        ["L4"] = 0.70,
        ["MI300X"] = 2.50,
    };

    /// <summary>The default GPU-hour price of catalog GPU <paramref name="canonicalName"/>, USD, or null.</summary>
    public static double? GpuHourUsd(string canonicalName) => GpuHour.TryGetValue(canonicalName, out var p) ? p : null;
}
