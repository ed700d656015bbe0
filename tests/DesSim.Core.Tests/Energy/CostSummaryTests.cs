using DesSim.Core.Metrics;

namespace DesSim.Core.Tests.Energy;

/// <summary>Cost arithmetic on a hand-made case.</summary>
public sealed class CostSummaryTests
{
    [Test]
    public void HandMadeCaseIsExact()
    {
        // 4 GPUs at 2 USD/h for half an hour = 4 USD; 3.6 MJ = 1 kWh × PUE 1.5 × 0.1 USD = 0.15 USD.
        var c = CostSummary.From(new PriceSpec(2, 0.1, 1.5, "test"), gpus: 4, durationSeconds: 1800, energyJoules: 3.6e6, outputTokens: 1000, requests: 10);
        Assert.That(c.Run.GpuUsd, Is.EqualTo(4).Within(1e-12));
        Assert.That(c.Run.EnergyUsd, Is.EqualTo(0.15).Within(1e-12));
        Assert.That(c.UsdPerMillionOutputTokens.GpuUsd, Is.EqualTo(4000).Within(1e-9));
        Assert.That(c.UsdPerMillionOutputTokens.EnergyUsd, Is.EqualTo(150).Within(1e-9));
        Assert.That(c.UsdPerThousandRequests.TotalUsd, Is.EqualTo(415).Within(1e-9));
        Assert.That(c.UsdPerHour.GpuUsd, Is.EqualTo(8).Within(1e-12));
        Assert.That(c.UsdPerHour.EnergyUsd, Is.EqualTo(0.3).Within(1e-12));
    }

    [Test]
    public void NoTokensGivesNoPerTokenPrice()
    {
        var c = CostSummary.From(new PriceSpec(2, 0.1, 1.5, "test"), 1, 10, 100, 0, 0);
        Assert.That(c.UsdPerMillionOutputTokens.TotalUsd, Is.NaN);
        Assert.That(c.UsdPerThousandRequests.TotalUsd, Is.NaN);
    }
}
