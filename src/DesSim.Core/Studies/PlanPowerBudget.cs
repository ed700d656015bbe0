using System.Globalization;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Studies;

/// <summary>Turns <c>--power-budget-w</c> into a per-GPU power cap on a scenario.</summary>
/// <remarks>Why a cap and not a filter: a rack budget has to hold at every instant, and a GPU power limit (what
/// <c>nvidia-smi -pl</c> sets) is how operators make it hold. Each of the cluster's N GPUs gets budget / N (W); layouts are
/// then assessed under that cap, which slows compute-bound kernels (docs/energy.md), so the ranking shows what the budget
/// costs in latency and capacity.</remarks>
public static class PlanPowerBudget
{
    /// <summary><paramref name="scenario"/> with every GPU capped at <paramref name="budgetWatts"/> / GPUs (unchanged when null
    /// or when the share is at least TDP); <paramref name="note"/> says what was done.</summary>
    /// <exception cref="InputException">The budget is not above the cluster's idle power, or the GPU has no power figures.</exception>
    public static Scenario Apply(Scenario scenario, double? budgetWatts, out string? note)
    {
        note = null;
        if (budgetWatts is not { } budget)
        {
            return scenario;
        }

        var cluster = scenario.Deployment.Cluster;
        var gpu = cluster.Gpu;
        if (!gpu.HasPowerFigures)
        {
            throw new InputException("--power-budget-w", null, $"GPU {gpu.Name} has no idle/TDP power figures");
        }

        int n = cluster.TotalGpus;
        double idle = n * gpu.IdleWatts;
        if (!double.IsFinite(budget) || budget <= idle)
        {
            throw new InputException("--power-budget-w", budget.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"must be above the cluster's idle power ({n} × {gpu.IdleWatts:0.#} W = {idle:0.#} W)"));
        }

        double share = budget / n;
        if (share >= gpu.TdpWatts)
        {
            note = string.Create(CultureInfo.InvariantCulture, $"power budget {budget:0.#} W ≥ {n} × TDP {gpu.TdpWatts:0.#} W: no cap needed");
            return scenario;
        }

        var power = new Cost.PowerModel(gpu, share);
        note = string.Create(CultureInfo.InvariantCulture, $"power budget {budget:0.#} W: every GPU capped at {share:0.#} W (compute-bound kernels ×{power.ComputeSlowdown:0.000}, memory-bound ×{power.MemorySlowdown:0.000}; docs/energy.md)");
        return ScenarioVariants.WithDeployment(scenario, scenario.Deployment with { Cluster = cluster with { PowerCapWatts = share } }, string.Create(CultureInfo.InvariantCulture, $"power cap {share:0.#} W per GPU"));
    }
}
