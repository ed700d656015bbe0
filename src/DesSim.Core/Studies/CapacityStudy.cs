using System.Collections.Concurrent;
using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Studies;

/// <summary>Runs a capacity search per layout, layouts in parallel (each search is sequential: its probes depend on each other).</summary>
public static class CapacityStudy
{
    /// <summary>Searches each of <paramref name="layouts"/> under <paramref name="slo"/>, starting at the scenario's rate.</summary>
    /// <param name="scenario">Base scenario; its load knob (<see cref="RateKnob"/>) is moved.</param>
    /// <param name="layouts">Layouts to search.</param>
    /// <param name="slo">The SLO (p99 bounds).</param>
    /// <param name="replications">Seeds per probe.</param>
    /// <param name="search">Tolerance and budget.</param>
    /// <param name="workers">Layouts searched at once.</param>
    /// <param name="onDone">Called (serialized) as each layout finishes.</param>
    public static IReadOnlyList<LayoutCapacity> Run(Scenario scenario, IReadOnlyList<ParallelPlan> layouts, SloSpec slo, int replications, CapacitySearch search, int workers, Action<LayoutCapacity>? onDone = null)
    {
        RequireBound(slo);
        var results = new ConcurrentDictionary<int, LayoutCapacity>();
        var gate = new object();
        ParallelInput.For(layouts.Count, workers, i =>
        {
            var cap = Search(scenario, layouts[i], slo, replications, search);
            var lc = new LayoutCapacity(layouts[i], cap);
            results[i] = lc;
            lock (gate)
            {
                onDone?.Invoke(lc);
            }
        });
        return results.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToArray();
    }

    /// <summary>The capacity search of one layout, from the scenario's own rate (1 when it has none).</summary>
    /// <remarks>Every probe runs on the layout's one plan (<see cref="ScenarioVariants.WithLayout"/>).</remarks>
    public static CapacityResult Search(Scenario scenario, ParallelPlan layout, SloSpec slo, int replications, CapacitySearch search) =>
        Search(ScenarioVariants.WithLayout(scenario, layout), slo, replications, search, null);

    /// <summary>The capacity search of <paramref name="laidOut"/> as it is (e.g. a scenario of pools), from its own rate (1 when
    /// it has none); per-GPU figures divide by <paramref name="layout"/>'s GPUs. <paramref name="atOwnRate"/>, when given, is
    /// the point already evaluated at the scenario's own rate (labelled with <paramref name="layout"/>): the first probe.</summary>
    public static CapacityResult SearchLaidOut(Scenario laidOut, ParallelPlan layout, SloSpec slo, int replications, CapacitySearch search, PointResult? atOwnRate = null)
    {
        ArgumentNullException.ThrowIfNull(laidOut);
        ArgumentNullException.ThrowIfNull(layout);
        return Find(laidOut, layout, slo, replications, search, atOwnRate);
    }

    /// <summary>The capacity search of <paramref name="atLayout"/> (a scenario already moved to its layout,
    /// <see cref="ScenarioVariants.WithLayout"/>) from its own rate (1 when it has none), every probe on its plan.
    /// <paramref name="atOwnRate"/>, when given,
    /// is the point already evaluated at the scenario's own rate under the same SLO and replications: the first probe,
    /// which would simulate exactly that point again (same scenario, same seeds), takes it instead.</summary>
    public static CapacityResult Search(Scenario atLayout, SloSpec slo, int replications, CapacitySearch search, PointResult? atOwnRate)
    {
        ArgumentNullException.ThrowIfNull(atLayout);
        return Find(atLayout, atLayout.Deployment.Plan, slo, replications, search, atOwnRate);
    }

    private static CapacityResult Find(Scenario s, ParallelPlan layout, SloSpec slo, int replications, CapacitySearch search, PointResult? atOwnRate)
    {
        ArgumentNullException.ThrowIfNull(search);
        var knob = RateKnob.Of(s);
        int reused = 0;
        var found = search.Find(
            rate =>
            {
                if (atOwnRate is not null && knob.Current > 0 && rate == knob.Current)
                {
                    reused++;
                    return atOwnRate;
                }

                return PointEvaluator.Evaluate(RateKnob.Apply(s, rate), replications, slo, layout);
            },
            knob.Current > 0 ? knob.Current : 1,
            layout.GpuCount,
            (rate, r) => knob.IsRequestsPerSecond ? rate : r[RunMetrics.RequestThroughput].Mean);
        // Why: a probe that took the point already simulated is in Probes but ran no simulation (plan printed 84 for 77).
        return found with { Simulations = found.Simulations - reused };
    }

    /// <summary><paramref name="results"/> in the order of <paramref name="objective"/>: null keeps the layouts' order;
    /// <see cref="PlanObjective.Cost"/> by USD per million output tokens at capacity and <see cref="PlanObjective.Energy"/> by
    /// J per output token at capacity, lowest first (a layout without a capacity point, or without prices/power figures, last),
    /// ties by capacity per GPU (highest first), then the layouts' order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Another objective.</exception>
    public static IReadOnlyList<LayoutCapacity> Order(IReadOnlyList<LayoutCapacity> results, PlanObjective? objective)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (objective is null)
        {
            return results;
        }

        var metric = objective switch
        {
            PlanObjective.Cost => "usd_per_million_output_tokens",
            PlanObjective.Energy => "energy_j_per_output_token",
            _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, "capacity orders by cost or energy only"),
        };
        static double Key(double x) => double.IsNaN(x) ? double.PositiveInfinity : x;
        return results.Select((r, i) => (r, i))
            .OrderBy(x => Key(x.r.Capacity.AtCapacity?[metric].Mean ?? double.NaN))
            .ThenByDescending(x => x.r.Capacity.RequestsPerSecondPerGpu)
            .ThenBy(x => x.i)
            .Select(x => x.r)
            .ToArray();
    }

    /// <summary>Refuses an SLO without a latency bound (capacity is undefined then).</summary>
    /// <exception cref="InputException">No bound.</exception>
    public static void RequireBound(SloSpec slo)
    {
        if (!PointResult.Bounds(slo).Any())
        {
            throw new InputException("--slo", null, "capacity needs at least one latency bound (ttft_ms, tpot_ms, e2el_ms or queue_ms)");
        }
    }
}
