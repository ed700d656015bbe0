using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;

namespace DesSim.Core.Studies;

/// <summary>Lists every TP × PP × DP layout of a cluster's GPUs under which a model fits in memory, with expert parallelism
/// (EP) for mixture-of-experts models and context parallelism (CP) for workloads with long prompts.</summary>
/// <remarks>
/// Candidates, in this order (the order is part of a sweep's point numbering, so the EP = CP = 1 block keeps its place):
/// <list type="number">
/// <item>every TP × PP × DP factorization with EP = CP = 1, TP descending then PP descending (TP-heavy first);</item>
/// <item>MoE models (<see cref="Model.ModelSpec.NumExperts"/> &gt; 0): each of those with every EP &gt; 1 dividing the expert
/// count, same order, EP descending within a TP × PP × DP;</item>
/// <item>when <c>longPrompts</c>: every TP × PP × CP × DP factorization with CP &gt; 1 and EP = 1 (EP and CP together are not
/// modeled), TP descending, then CP descending, then PP descending.</item>
/// </list>
/// A candidate is kept when <see cref="DeploymentPlan.Create(DeploymentSpec)"/> accepts it (TP divides the heads, PP ≤ layers, the
/// EP/CP combination rules of docs/parallelism-ep-cp.md, weights + KV + activations fit). Rejections are listed with their
/// reason, except EP degrees that do not combine with the TP × DP (an error at <c>parallelism.ep</c>): those are not layouts
/// that fail to fit, only combinations that do not exist.
/// </remarks>
public static class LayoutEnumerator
{
    /// <summary>Feasible layouts for <paramref name="scenario"/>: EP when its model is MoE, CP when its workload has long prompts
    /// (<see cref="LongPromptProbe"/>); a layout its fault plan cannot run on (a failing replica or straggling GPU it
    /// does not have, every replica down for good) is rejected with the fault plan's reason.</summary>
    /// <exception cref="InputException">The workload cannot be read (trace or lengths file).</exception>
    public static (IReadOnlyList<ParallelPlan> Feasible, IReadOnlyList<string> Rejected) Enumerate(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        bool longPrompts;
        try
        {
            longPrompts = LongPromptProbe.HasLongPrompts(scenario.Workload, scenario.Seed);
        }
        catch (InputException e) when (e.Source is null && e.Location is not null)
        {
            // Why: the probe draws from the workload, whose errors name only the key; the user needs the file too.
            throw new InputException(scenario.SourcePath, e.Location, e.Reason, e.Hint);
        }

        var (feasible, rejected) = Enumerate(scenario.Deployment, longPrompts, scenario.Plans);
        if (scenario.Faults.IsEmpty)
        {
            return (feasible, rejected);
        }

        // Why: the loader checks the faults against the scenario's own layout only; a variant with fewer replicas
        // would otherwise reach the simulator and fail there (an internal error, exit 1, instead of a reason).
        var kept = new List<ParallelPlan>();
        var dropped = rejected.ToList();
        foreach (var plan in feasible)
        {
            if (scenario.Faults.Problem(plan.Dp, plan.GpuCount) is { } problem)
            {
                dropped.Add($"{plan}: faults: {problem}");
            }
            else
            {
                kept.Add(plan);
            }
        }

        return (kept, dropped);
    }

    /// <summary>Feasible layouts using all of <paramref name="spec"/>'s cluster GPUs, with the reason each other one was dropped.</summary>
    /// <param name="spec">The deployment (its plan and stage layers are replaced).</param>
    /// <param name="longPrompts">Also enumerate CP &gt; 1 layouts.</param>
    /// <param name="plans">Where the candidates are planned (a scenario's: its studies then reuse the plans); null: a cache of its own.</param>
    public static (IReadOnlyList<ParallelPlan> Feasible, IReadOnlyList<string> Rejected) Enumerate(DeploymentSpec spec, bool longPrompts = false, DeploymentPlanCache? plans = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        plans ??= new DeploymentPlanCache();
        int gpus = spec.Cluster.TotalGpus;
        var feasible = new List<ParallelPlan>();
        var rejected = new List<string>();
        var basic = Factorizations(gpus).ToArray();
        foreach (var plan in basic)
        {
            Try(plans, spec, plan, feasible, rejected);
        }

        int experts = spec.Model.NumExperts;
        if (experts > 0)
        {
            foreach (var plan in basic)
            {
                foreach (var ep in Divisors(experts).Where(e => e > 1).Reverse())
                {
                    Try(plans, spec, plan with { Ep = ep }, feasible, rejected);
                }
            }
        }

        if (longPrompts)
        {
            foreach (var tp in Divisors(gpus).Reverse())
            {
                foreach (var cp in Divisors(gpus / tp).Where(c => c > 1).Reverse())
                {
                    foreach (var pp in Divisors(gpus / (tp * cp)).Reverse())
                    {
                        Try(plans, spec, new ParallelPlan(tp, pp, gpus / (tp * cp * pp), Cp: cp), feasible, rejected);
                    }
                }
            }
        }

        return (feasible, rejected);
    }

    /// <summary>Divisors of <paramref name="n"/> in ascending order.</summary>
    public static IEnumerable<int> Divisors(int n) => Enumerable.Range(1, n).Where(d => n % d == 0);

    private static IEnumerable<ParallelPlan> Factorizations(int gpus)
    {
        foreach (var tp in Divisors(gpus).Reverse())
        {
            foreach (var pp in Divisors(gpus / tp).Reverse())
            {
                yield return new ParallelPlan(tp, pp, gpus / (tp * pp));
            }
        }
    }

    private static void Try(DeploymentPlanCache plans, DeploymentSpec spec, ParallelPlan plan, List<ParallelPlan> feasible, List<string> rejected)
    {
        try
        {
            _ = plans.Get(spec with { Plan = plan, StageLayers = null });
            feasible.Add(plan);
        }
        catch (InputException e) when (plan.Ep > 1 && e.Location == "parallelism.ep")
        {
            // Why: this EP degree does not combine with the TP × DP (not a layout that fails to fit): not worth listing.
        }
        catch (InputException e)
        {
            rejected.Add($"{plan}: {e.Reason}");
        }
    }
}
