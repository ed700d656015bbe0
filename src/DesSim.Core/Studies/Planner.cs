using DesSim.Core.Parallelism;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;
using DesSim.Core.Statistics;
using DesSim.Core.Workload;

namespace DesSim.Core.Studies;

/// <summary>Assesses and ranks every feasible layout of a scenario's cluster for a use case: TP × PP × DP, with EP for MoE models
/// and CP for long-prompt workloads (<see cref="LayoutEnumerator"/>).</summary>
/// <remarks>Per layout (layouts in parallel): a run at the workload's own load, a saturated run, and (when the SLO has a
/// bound) a capacity search. Ranking: <see cref="PlanObjective.Latency"/> by p99 E2EL at the load; <see cref="PlanObjective.Throughput"/>
/// by saturated tokens/s per GPU; <see cref="PlanObjective.Cost"/> by USD per million output tokens and
/// <see cref="PlanObjective.Energy"/> by J per output token, both at the SLO capacity point (ties by capacity per GPU). The Pareto
/// frontier is over (p99 E2EL at load, saturated tokens/s per GPU).</remarks>
public static class Planner
{
    /// <summary>How much faster a trace is replayed for the saturated run (its gaps shrink 1000×: effectively all at once).</summary>
    public const double SaturationRateScale = 1000;

    /// <summary>Plans <paramref name="scenario"/> (its layout is ignored) for <paramref name="preset"/> under <paramref name="objective"/>.</summary>
    public static PlanResult Plan(Scenario scenario, PlanPreset preset, PlanObjective objective, int replications, int workers, CapacitySearch search, Action<string>? log = null)
    {
        var (layouts, rejected) = Layouts(scenario);
        var results = new LayoutEvaluation[layouts.Count];
        var gate = new object();
        ParallelInput.For(layouts.Count, workers, i =>
        {
            var e = Assess(scenario, layouts[i], preset.Slo, replications, search);
            results[i] = e;
            lock (gate)
            {
                log?.Invoke(Describe(layouts[i], e));
            }
        });

        return Rank(scenario, preset, objective, replications, layouts, results, rejected);
    }

    /// <summary>The feasible layouts of <paramref name="scenario"/>'s cluster (in a fixed order) and the rejected ones with the reason.</summary>
    /// <exception cref="InputException">No layout fits.</exception>
    public static (IReadOnlyList<ParallelPlan> Layouts, IReadOnlyList<string> Rejected) Layouts(Scenario scenario)
    {
        var (layouts, rejected) = LayoutEnumerator.Enumerate(scenario);
        if (layouts.Count == 0)
        {
            throw new InputException("plan", null, $"no TP × PP × DP (× EP/CP) layout of {scenario.Deployment.Cluster.TotalGpus} GPUs fits {scenario.Deployment.Model.Name}", "add GPUs, use --precision fp8, or a smaller model");
        }

        return (layouts, rejected);
    }

    /// <summary>Runs the simulations of one layout: at the load, saturated, and the capacity search when the SLO has a bound.</summary>
    public static LayoutEvaluation Assess(Scenario scenario, ParallelPlan layout, SloSpec slo, int replications, CapacitySearch search)
    {
        // Why the load point handed to the search: its first probe (the workload's own rate) is exactly the load point
        // already simulated. Every run of the layout shares its one plan (ScenarioVariants.WithLayout: the enumerator's).
        var s = ScenarioVariants.WithLayout(scenario, layout);
        var load = PointEvaluator.Evaluate(s, replications, slo);
        var sat = PointEvaluator.Evaluate(Saturate(s), replications, slo);
        var cap = PointResult.Bounds(slo).Any() ? CapacityStudy.Search(s, slo, replications, search, load) : null;
        return new LayoutEvaluation(load, sat, cap);
    }

    /// <summary>The progress line of one evaluated layout.</summary>
    public static string Describe(ParallelPlan layout, LayoutEvaluation e) => Describe(layout.ToString(), e);

    /// <summary>The progress line of one evaluated layout labelled <paramref name="label"/>.</summary>
    public static string Describe(string label, LayoutEvaluation e) =>
        $"  {label}: p99 TTFT {e.AtLoad[RunMetrics.TtftP99Ms].Mean:F0} ms, p99 TPOT {e.AtLoad[RunMetrics.TpotP99Ms].Mean:F1} ms, max {e.Saturated[RunMetrics.OutputThroughputPerGpu].Mean:F0} tok/s/GPU" + (e.Capacity is null ? string.Empty : $", capacity {e.Capacity.RequestsPerSecond:F2} req/s");

    /// <summary>Ranks the evaluated <paramref name="layouts"/> (<paramref name="evaluations"/> aligned with them) under
    /// <paramref name="objective"/>: the Pareto frontier, the order and the why-text. Deterministic in its inputs alone.</summary>
    /// <remarks><paramref name="pools"/>, when given, is aligned with <paramref name="layouts"/>: the pool layout a row stands
    /// for, null for a plain layout (<see cref="PoolPlanner"/> rewrites those rows' why-text).</remarks>
    public static PlanResult Rank(Scenario scenario, PlanPreset preset, PlanObjective objective, int replications, IReadOnlyList<ParallelPlan> layouts, IReadOnlyList<LayoutEvaluation> evaluations, IReadOnlyList<string> rejected, IReadOnlyList<PoolLayout?>? pools = null)
    {
        var slo = preset.Slo;
        var rows = Enumerable.Range(0, layouts.Count).Select(i => (Layout: layouts[i], Load: evaluations[i].AtLoad, Sat: evaluations[i].Saturated, Cap: evaluations[i].Capacity)).ToArray();
        var frontier = ParetoFrontier.Membership(rows.Select(r => r.Load[RunMetrics.E2elP99Ms].Mean).ToArray(), rows.Select(r => r.Sat[RunMetrics.OutputThroughputPerGpu].Mean).ToArray());
        var order = Order(rows.Select((r, i) => (i, r.Load, r.Sat, r.Cap)).ToArray(), objective);
        var fabric = Hardware.FabricNames.Name(scenario.Deployment.Cluster.IntraNode);
        var ranked = order.Select((i, rank) =>
        {
            var r = rows[i];
            var a = new LayoutAssessment(r.Layout, r.Load, r.Sat, r.Cap, frontier[i], rank + 1, string.Empty) { Pools = pools?[i] };
            return a with { Why = PlanExplainer.Why(a, objective, fabric, slo) };
        }).ToArray();
        return new PlanResult(scenario, preset, objective, replications, ranked, rejected, evaluations.Sum(e => e.Simulations(replications)));
    }

    /// <summary>The scenario with every request at t = 0 (synthetic) or the trace replayed <see cref="SaturationRateScale"/>× faster.</summary>
    public static Scenario Saturate(Scenario s) => s.Workload switch
    {
        SyntheticWorkloadSpec w when w.Arrival.Process != ArrivalProcess.ClosedLoop => ScenarioVariants.WithWorkload(s, w with { Arrival = new ArrivalSpec(ArrivalProcess.Burst) }),
        TraceWorkloadSpec t => ScenarioVariants.WithWorkload(s, t with { RateScale = t.RateScale * SaturationRateScale }),
        _ => s,
    };

    private static double AtSloRate(PointResult saturated, CapacityResult? capacity, string metric) =>
        (capacity is null ? saturated : capacity.AtCapacity)?[metric].Mean ?? double.NaN;

    private static int[] Order(IReadOnlyList<(int Index, PointResult Load, PointResult Sat, CapacityResult? Cap)> rows, PlanObjective objective)
    {
        static double Key(double x, bool higherBetter) => double.IsNaN(x) ? double.PositiveInfinity : higherBetter ? -x : x;
        IOrderedEnumerable<(int Index, PointResult Load, PointResult Sat, CapacityResult? Cap)> sorted = objective switch
        {
            PlanObjective.Latency => rows.OrderBy(r => Key(r.Load[RunMetrics.E2elP99Ms].Mean, false)).ThenBy(r => Key(r.Load[RunMetrics.TtftP99Ms].Mean, false)),
            PlanObjective.Throughput => rows.OrderBy(r => Key(r.Sat[RunMetrics.OutputThroughputPerGpu].Mean, true)),
            PlanObjective.Cost => rows.OrderBy(r => Key(AtSloRate(r.Sat, r.Cap, "usd_per_million_output_tokens"), false)).ThenBy(r => Key(r.Cap?.RequestsPerSecondPerGpu ?? double.NaN, true)),
            _ => rows.OrderBy(r => Key(AtSloRate(r.Sat, r.Cap, "energy_j_per_output_token"), false)).ThenBy(r => Key(r.Cap?.RequestsPerSecondPerGpu ?? double.NaN, true)),
        };
        return sorted.ThenBy(r => r.Index).Select(r => r.Index).ToArray();
    }
}
