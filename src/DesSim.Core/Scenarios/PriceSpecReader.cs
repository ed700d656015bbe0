using DesSim.Core.Configuration;
using DesSim.Core.Hardware;
using DesSim.Core.Metrics;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Scenarios;

/// <summary>Reads the scenario's <c>cost:</c> section: <c>gpu_hour_usd</c> (GPU name → USD per GPU-hour),
/// <c>energy_usd_per_kwh</c>, <c>pue</c>; missing values fall back to <see cref="PriceDefaults"/>.</summary>
public static class PriceSpecReader
{
    /// <summary>Most USD per GPU-hour accepted (a typo guard).</summary>
    public const double MaxGpuHourUsd = 1000;

    /// <summary>Most USD per kWh accepted (a typo guard).</summary>
    public const double MaxEnergyUsdPerKwh = 10;

    /// <summary>Largest PUE accepted (a typo guard; the worst facilities report ≈ 2.5).</summary>
    public const double MaxPue = 5;

    /// <summary>The prices for a cluster of <paramref name="gpu"/>, or null when no GPU-hour price is known for it.</summary>
    /// <exception cref="InputException">A bad price, an unknown GPU name in <c>gpu_hour_usd</c>, or an unknown key.</exception>
    public static PriceSpec? Read(YamlSection root, GpuSpec gpu)
    {
        var s = root.GetSection("cost");
        double? gpuHour = PriceDefaults.GpuHourUsd(gpu.Name);
        bool fromScenario = false;
        double kwh = PriceDefaults.EnergyUsdPerKwh, pue = PriceDefaults.Pue;
        if (s is not null)
        {
            if (s.GetSection("gpu_hour_usd") is { } prices)
            {
                foreach (var key in prices.Node.Children.Select(c => (c.Key as YamlScalarNode)?.Value ?? c.Key.ToString()).ToArray())
                {
                    double price = prices.GetDouble(key, null, 0, MaxGpuHourUsd)!.Value;
                    var named = GpuCatalog.TryGet(key);
                    if (named is null && !string.Equals(key, gpu.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        throw prices.Error(key, $"unknown GPU '{key}'", GpuCatalog.UnknownHint(key));
                    }

                    if (named?.Name == gpu.Name || string.Equals(key, gpu.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        gpuHour = price;
                        fromScenario = true;
                    }
                }
            }

            kwh = s.GetDouble("energy_usd_per_kwh", PriceDefaults.EnergyUsdPerKwh, 0, MaxEnergyUsdPerKwh)!.Value;
            pue = s.GetDouble("pue", PriceDefaults.Pue, 1, MaxPue)!.Value;
            fromScenario |= s.Has("energy_usd_per_kwh") || s.Has("pue");
            s.RejectUnknownKeys();
        }

        return gpuHour is { } h ? new PriceSpec(h, kwh, pue, fromScenario ? "scenario cost: section (missing prices: " + PriceDefaults.Source + ")" : PriceDefaults.Source) : null;
    }
}
