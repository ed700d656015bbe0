using DesSim.Core.Parallelism;

namespace DesSim.Core.Sweeps;

/// <summary>Lists every TP × PP × DP factorization of a cluster's GPUs under which a model fits in memory.</summary>
/// <remarks>EP and CP stay at 1. A layout is feasible when <see cref="Deployment.Create(DeploymentSpec)"/> accepts it
/// (TP divides the heads, PP ≤ layers, weights + KV + activations fit). Order: TP descending, then PP descending, so
/// TP-heavy layouts come first; the order is part of a sweep's point numbering.</remarks>
public static class LayoutEnumerator
{
    /// <summary>Feasible layouts using all of <paramref name="spec"/>'s cluster GPUs, with the reason each other one was dropped.</summary>
    public static (IReadOnlyList<ParallelPlan> Feasible, IReadOnlyList<string> Rejected) Enumerate(DeploymentSpec spec)
    {
        int gpus = spec.Cluster.TotalGpus;
        var feasible = new List<ParallelPlan>();
        var rejected = new List<string>();
        foreach (var tp in Divisors(gpus).Reverse())
        {
            foreach (var pp in Divisors(gpus / tp).Reverse())
            {
                var plan = new ParallelPlan(tp, pp, gpus / (tp * pp));
                try
                {
                    _ = Deployment.Create(spec with { Plan = plan, StageLayers = null });
                    feasible.Add(plan);
                }
                catch (InputException e)
                {
                    rejected.Add($"{plan}: {e.Reason}");
                }
            }
        }

        return (feasible, rejected);
    }

    /// <summary>Divisors of <paramref name="n"/> in ascending order.</summary>
    public static IEnumerable<int> Divisors(int n) => Enumerable.Range(1, n).Where(d => n % d == 0);
}
