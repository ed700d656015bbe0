using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Studies;

/// <summary><c>dessim plan</c> with pool layouts: with <c>--disaggregation</c> it ranks every prefill/decode split
/// (<see cref="PoolLayoutEnumerator"/>) together with the colocated layouts; on a cluster of several node groups
/// (<c>--gpu h100,h200</c>) the colocated layouts are replicas over the groups and the splits also choose which GPU serves
/// which phase.</summary>
/// <remarks>Each layout is assessed as <see cref="Planner"/> does (a run at the load, a saturated run, the SLO capacity
/// search), ranked by the same objective in one list (<see cref="Planner.Rank"/>, so a homogeneous plan's colocated rows
/// keep their order relative to each other), and each split's why-text is <see cref="PoolPlanExplainer.Why"/> against the
/// best colocated layout.</remarks>
public static class PoolPlanner
{
    /// <summary>The layouts to assess: the colocated ones (empty on a heterogeneous cluster, whose colocated layouts are pool
    /// layouts), the pool layouts, and every rejected candidate with its reason.</summary>
    /// <exception cref="InputException">Nothing fits, or no split can cover the cluster.</exception>
    public static (IReadOnlyList<ParallelPlan> Colocated, IReadOnlyList<PoolCandidate> Pools, IReadOnlyList<string> Rejected) Layouts(Scenario scenario, string directory, bool disaggregation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        IReadOnlyList<ParallelPlan> colocated = [];
        IReadOnlyList<string> rejected = [];
        if (!scenario.Deployment.Cluster.IsHeterogeneous)
        {
            (colocated, rejected) = Planner.Layouts(scenario);
        }

        var (pools, poolRejected) = PoolLayoutEnumerator.Enumerate(scenario, directory, disaggregation);
        var cluster = scenario.Deployment.Cluster;
        if (pools.Count == 0 && (colocated.Count == 0 || disaggregation))
        {
            string what = disaggregation ? "prefill/decode split" : "layout over the node groups";
            throw new InputException("plan", null, $"no {what} of {cluster.TotalGpus} GPUs ({string.Join(" + ", cluster.Groups.Select(g => $"{g.TotalGpus} {g.Gpu.Name}"))}) fits {scenario.Deployment.Model.Name}: {poolRejected.FirstOrDefault() ?? "no candidate"}", "add GPUs, use --precision fp8, or a smaller model");
        }

        return (colocated, pools, rejected.Concat(poolRejected).ToArray());
    }

    /// <summary>Plans <paramref name="scenario"/>: assesses every layout of <see cref="Layouts"/> (up to <paramref name="workers"/>
    /// at once) and ranks them under <paramref name="objective"/>.</summary>
    public static PlanResult Plan(Scenario scenario, string directory, bool disaggregation, PlanPreset preset, PlanObjective objective, int replications, int workers, CapacitySearch search, Action<string>? log = null) =>
        Plan(scenario, Layouts(scenario, directory, disaggregation), preset, objective, replications, workers, search, log);

    /// <summary>Plans <paramref name="scenario"/> over <paramref name="layouts"/> (from <see cref="Layouts"/>).</summary>
    public static PlanResult Plan(Scenario scenario, (IReadOnlyList<ParallelPlan> Colocated, IReadOnlyList<PoolCandidate> Pools, IReadOnlyList<string> Rejected) layouts, PlanPreset preset, PlanObjective objective, int replications, int workers, CapacitySearch search, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var (colocated, pools, rejected) = layouts;
        int count = colocated.Count + pools.Count;
        var results = new LayoutEvaluation[count];
        var gate = new object();
        ParallelInput.For(count, workers, i =>
        {
            bool plain = i < colocated.Count;
            var e = plain ? Planner.Assess(scenario, colocated[i], preset.Slo, replications, search) : Assess(pools[i - colocated.Count], preset.Slo, replications, search);
            results[i] = e;
            lock (gate)
            {
                log?.Invoke(Planner.Describe(plain ? colocated[i].ToString() : pools[i - colocated.Count].Layout.ToString(), e));
            }
        });

        return Rank(scenario, preset, objective, replications, colocated, pools.Select(p => p.Layout).ToArray(), results, rejected);
    }

    /// <summary>Runs the simulations of one pool layout: at the load, saturated, and the capacity search when the SLO has a bound.</summary>
    public static LayoutEvaluation Assess(PoolCandidate candidate, SloSpec slo, int replications, CapacitySearch search)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var s = candidate.Scenario;
        var plan = candidate.Layout.Equivalent;
        var load = PointEvaluator.Evaluate(s, replications, slo, plan);
        var sat = PointEvaluator.Evaluate(Planner.Saturate(s), replications, slo, plan);
        var cap = PointResult.Bounds(slo).Any() ? CapacityStudy.SearchLaidOut(s, plan, slo, replications, search) : null;
        return new LayoutEvaluation(load, sat, cap);
    }

    /// <summary>Ranks colocated layouts (first in <paramref name="evaluations"/>) and pool layouts (after them) in one list;
    /// deterministic in its inputs alone.</summary>
    public static PlanResult Rank(Scenario scenario, PlanPreset preset, PlanObjective objective, int replications, IReadOnlyList<ParallelPlan> colocated, IReadOnlyList<PoolLayout> pools, IReadOnlyList<LayoutEvaluation> evaluations, IReadOnlyList<string> rejected)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var layouts = colocated.Concat(pools.Select(p => p.Equivalent)).ToArray();
        var poolOf = colocated.Select(_ => (PoolLayout?)null).Concat(pools).ToArray();
        var plan = Planner.Rank(scenario, preset, objective, replications, layouts, evaluations, rejected, poolOf);
        var best = plan.Ranked.FirstOrDefault(a => a.Pools is not { Disaggregated: true });
        var ranked = plan.Ranked.Select(a => a.Pools switch
        {
            { Disaggregated: true } => a with { Why = PoolPlanExplainer.Why(a, best, objective, preset.Slo) },
            not null => a with { Why = PoolPlanExplainer.WhyOverGroups(a, a.Why) },
            _ => a,
        }).ToArray();
        return plan with { Ranked = ranked, DisaggregationVerdict = PoolPlanExplainer.Verdict(ranked, objective) };
    }
}
