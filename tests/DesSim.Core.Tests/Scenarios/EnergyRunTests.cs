using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Tests.Scenarios;

/// <summary>Energy, power and cost of whole runs: the time series integrates to the total, unused GPUs draw idle power,
/// a power cap slows prefill by at most the compute-bound factor, and prices are read from the scenario.</summary>
public sealed class EnergyRunTests
{
    private static Scenario Load(string extraCluster = "", string extra = "", int tp = 4, int requests = 20) =>
        ScenarioLoader.Read(YamlDocumentLoader.Parse($$"""
            name: energy
            seed: 3
            model: llama-3.1-8b
            precision: bf16
            cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 8{{extraCluster}} }
            parallelism: { tp: {{tp}} }
            cost_model: roofline
            link_model: closed-form
            engine: none
            workload:
              requests: {{requests}}
              arrival: { process: constant, rate: 4 }
              input_tokens: 2048
              output_tokens: 32
            outputs: { timeseries_step_s: 0.5 }
            {{extra}}
            """, "energy.yaml"), "energy.yaml", Path.GetTempPath());

    [Test]
    public void EnergyEqualsTheIntegralOfTheClusterPowerSeries()
    {
        var r = ScenarioRunner.Run(Load()).Result;
        var e = r.Summary.Energy!;
        double integral = 0, previous = 0;
        foreach (var row in r.TimeSeries)
        {
            integral += row.ClusterPowerWatts * (row.TimeSeconds - previous);
            previous = row.TimeSeconds;
        }

        Assert.That(integral, Is.EqualTo(e.TotalJoules).Within(1e-9 * e.TotalJoules));
        Assert.That(r.Gpus.Sum(g => g.EnergyJoules) + e.Pools.Where(p => p.Name == "unused").Sum(p => p.EnergyJoules), Is.EqualTo(e.TotalJoules).Within(1e-6));
        Assert.That(e.JoulesPerOutputToken, Is.EqualTo(e.TotalJoules / r.Requests.Sum(q => q.OutputTokens)).Within(1e-12));
    }

    [Test]
    public void GpusOutsideTheLayoutDrawIdlePowerExactly()
    {
        var r = ScenarioRunner.Run(Load()).Result;
        var unused = r.Summary.Energy!.Pools.Single(p => p.Name == "unused");
        var h100 = GpuCatalog.Get("h100");
        Assert.That(unused.Gpus, Is.EqualTo(4));
        Assert.That(unused.AverageWatts, Is.EqualTo(4 * h100.IdleWatts));
        Assert.That(unused.EnergyJoules, Is.EqualTo(4 * h100.IdleWatts * r.Summary.DurationSeconds).Within(1e-9));
        Assert.That(r.Gpus.All(g => g.AveragePowerWatts > h100.IdleWatts && g.PeakPowerWatts <= h100.TdpWatts + 1e-9), Is.True);
    }

    [Test]
    public void ACapSlowsPrefillByAtMostTheComputeBoundFactorAndACapAtTdpChangesNothing()
    {
        var free = ScenarioRunner.Run(Load(requests: 1)).Result;
        var atTdp = ScenarioRunner.Run(Load(", power_cap_w: 700", requests: 1)).Result;
        var capped = ScenarioRunner.Run(Load(", power_cap_fraction: 0.5", requests: 1)).Result;
        Assert.That(atTdp.Requests, Is.EqualTo(free.Requests));
        var p = new PowerModel(GpuCatalog.Get("h100"), 350);
        double ttft = capped.Requests[0].TtftMs / free.Requests[0].TtftMs;
        double decode = (capped.Requests[0].E2elMs - capped.Requests[0].TtftMs) / (free.Requests[0].E2elMs - free.Requests[0].TtftMs);
        Assert.That(ttft, Is.GreaterThan(1.0).And.LessThanOrEqualTo(p.ComputeSlowdown + 1e-9));
        Assert.That(decode, Is.LessThan(ttft), "memory-bound decode slows less than compute-bound prefill");
        Assert.That(capped.Summary.Energy!.GpuPeakWatts, Is.LessThanOrEqualTo(350 + 1e-9));
    }

    [Test]
    public void PricesComeFromTheScenarioOrTheShippedEstimates()
    {
        var shipped = ScenarioRunner.Run(Load()).Result.Summary.Cost!;
        Assert.That(shipped.Prices.GpuHourUsd, Is.EqualTo(3.0));
        Assert.That(shipped.Gpus, Is.EqualTo(8));
        var mine = ScenarioRunner.Run(Load(extra: "cost: { gpu_hour_usd: { h100: 2.0, a100: 1.0 }, energy_usd_per_kwh: 0.2, pue: 1.1 }")).Result.Summary;
        var c = mine.Cost!;
        Assert.That(c.Prices, Is.EqualTo(c.Prices with { GpuHourUsd = 2.0, EnergyUsdPerKwh = 0.2, Pue = 1.1 }));
        Assert.That(c.Run.GpuUsd, Is.EqualTo(8 * 2.0 * mine.DurationSeconds / 3600).Within(1e-12));
        Assert.That(c.Run.EnergyUsd, Is.EqualTo(mine.Energy!.TotalJoules / 3.6e6 * 1.1 * 0.2).Within(1e-12));
    }

    [TestCase(", power_cap_w: 800", "above the TDP")]
    [TestCase(", power_cap_w: 50", "power_cap_w")]
    [TestCase(", power_cap_w: 300, power_cap_fraction: 0.5", "conflicts")]
    public void BadCapsAreRejected(string cluster, string message) =>
        Assert.That(() => Load(cluster), Throws.TypeOf<InputException>().With.Message.Contains(message));

    [TestCase("cost: { gpu_hour_usd: { h1000: 2.0 } }", "unknown GPU")]
    [TestCase("cost: { pue: 0.9 }", "pue")]
    [TestCase("cost: { energy_usd_per_kwh: -1 }", "energy_usd_per_kwh")]
    [TestCase("cost: { gpu_hours: 1 }", "unknown key")]
    public void BadPricesAreRejected(string extra, string message) =>
        Assert.That(() => Load(extra: extra), Throws.TypeOf<InputException>().With.Message.Contains(message));
}
