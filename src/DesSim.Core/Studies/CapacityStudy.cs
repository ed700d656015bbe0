using System.Collections.Concurrent;
using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Studies;

/// <summary>Runs a capacity search per layout, layouts in parallel (each search is sequential: its probes depend on each other).</summary>
public static class CapacityStudy
{
    /// <summary><paramref name="scenario"/> moved to <paramref name="layout"/> (explicit stage layers dropped).</summary>
    public static Scenario WithLayout(Scenario scenario, ParallelPlan layout) =>
        scenario with { Deployment = scenario.Deployment with { Plan = layout, StageLayers = layout == scenario.Deployment.Plan ? scenario.Deployment.StageLayers : null } };

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
    /// <remarks>Every probe runs on one deployment of the layout (<see cref="SharedDeployment"/>).</remarks>
    public static CapacityResult Search(Scenario scenario, ParallelPlan layout, SloSpec slo, int replications, CapacitySearch search)
    {
        var s = WithLayout(scenario, layout);
        return Search(s, slo, replications, search, SharedDeployment(s), null);
    }

    /// <summary>The capacity search of <paramref name="laidOut"/> as it is (e.g. a scenario of pools), from its own rate (1 when
    /// it has none); per-GPU figures divide by <paramref name="layout"/>'s GPUs. <paramref name="atOwnRate"/>, when given, is
    /// the point already evaluated at the scenario's own rate (labelled with <paramref name="layout"/>): the first probe.</summary>
    public static CapacityResult SearchLaidOut(Scenario laidOut, ParallelPlan layout, SloSpec slo, int replications, CapacitySearch search, PointResult? atOwnRate = null)
    {
        ArgumentNullException.ThrowIfNull(laidOut);
        ArgumentNullException.ThrowIfNull(layout);
        return Find(laidOut, layout, slo, replications, search, SharedDeployment(laidOut), atOwnRate);
    }

    /// <summary>One deployment for every run of <paramref name="atLayout"/>'s layout (its cost model's memos then carry
    /// over from probe to probe, with results identical to fresh deployments), or null for a pooled scenario, whose
    /// runs plan their pools themselves.</summary>
    public static Deployment? SharedDeployment(Scenario atLayout)
    {
        ArgumentNullException.ThrowIfNull(atLayout);
        return atLayout.Pools is null ? Deployment.Create(atLayout.Deployment) : null;
    }

    /// <summary>The capacity search of <paramref name="atLayout"/> (a scenario already moved to its layout,
    /// <see cref="WithLayout"/>) from its own rate (1 when it has none), every probe on <paramref name="shared"/> when
    /// given (a deployment planned from its <see cref="Scenario.Deployment"/>). <paramref name="atOwnRate"/>, when given,
    /// is the point already evaluated at the scenario's own rate under the same SLO and replications: the first probe,
    /// which would simulate exactly that point again (same scenario, same seeds), takes it instead.</summary>
    public static CapacityResult Search(Scenario atLayout, SloSpec slo, int replications, CapacitySearch search, Deployment? shared, PointResult? atOwnRate)
    {
        ArgumentNullException.ThrowIfNull(atLayout);
        return Find(atLayout, atLayout.Deployment.Plan, slo, replications, search, shared, atOwnRate);
    }

    private static CapacityResult Find(Scenario s, ParallelPlan layout, SloSpec slo, int replications, CapacitySearch search, Deployment? shared, PointResult? atOwnRate)
    {
        ArgumentNullException.ThrowIfNull(search);
        var knob = RateKnob.Of(s);
        return search.Find(
            rate => atOwnRate is not null && knob.Current > 0 && rate == knob.Current ? atOwnRate : PointEvaluator.Evaluate(RateKnob.Apply(s, rate), replications, slo, layout, shared),
            knob.Current > 0 ? knob.Current : 1,
            layout.GpuCount,
            (rate, r) => knob.IsRequestsPerSecond ? rate : r[RunMetrics.RequestThroughput].Mean);
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
