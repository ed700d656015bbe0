using System.Globalization;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Studies;

/// <summary>A layout <c>dessim plan</c> assesses as pools on node groups: a prefill/decode split (<see cref="Disaggregated"/>),
/// or data-parallel replicas of one <c>tp × pp</c> over several node groups (a heterogeneous colocated layout).</summary>
/// <remarks>Every candidate uses every GPU of the cluster (<see cref="PoolLayoutEnumerator"/>). A split's pools are
/// prefill then decode; a colocated layout has one pool per node group, all of the same <c>tp × pp</c>.</remarks>
/// <param name="Pools">The pools, in placement order.</param>
/// <param name="Disaggregated">Whether the pools are a prefill pool and a decode pool.</param>
/// <param name="GroupGpus">The GPU name of each node group of the cluster (labels name a pool's GPU when there are several).</param>
public sealed record PoolLayout(IReadOnlyList<PoolSpec> Pools, bool Disaggregated, IReadOnlyList<string> GroupGpus)
{
    /// <summary>GPUs the layout uses.</summary>
    public int GpuCount => Pools.Sum(p => p.Instances * p.GpusPerInstance);

    /// <summary>The prefill pool of a split (null for a colocated layout).</summary>
    public PoolSpec? Prefill => Disaggregated ? Pools[0] : null;

    /// <summary>The decode pool of a split (null for a colocated layout).</summary>
    public PoolSpec? Decode => Disaggregated ? Pools[1] : null;

    /// <summary>The layout as a <see cref="ParallelPlan"/> for the planner's tables: a colocated layout's own TP × PP × DP;
    /// for a split, TP1 × PP1 × DP(GPUs), which only carries the GPU count (per-GPU figures divide by it).</summary>
    public ParallelPlan Equivalent => Disaggregated
        ? new ParallelPlan(1, 1, GpuCount)
        : new ParallelPlan(Pools[0].Tp, Pools[0].Pp, Pools.Sum(p => p.Instances));

    /// <summary>The GPU of <paramref name="pool"/>.</summary>
    public string GpuOf(PoolSpec pool) => GroupGpus[pool.Group];

    /// <summary>Short label: <c>PD 3P1D TP2/TP4</c> for a split of 3 prefill instances of TP2 and 1 decode instance of TP4
    /// (<c>xPPn</c> when pp &gt; 1, <c>@GPU</c> when the cluster has several node groups), <c>TP4xPP1xDP4 (2@GPU + 2@GPU)</c> for
    /// a colocated layout over node groups.</summary>
    public override string ToString() => Disaggregated
        ? Inv($"PD {Pools[0].Instances}P{Pools[1].Instances}D {Shape(Pools[0])}/{Shape(Pools[1])}")
        : $"{Equivalent} ({string.Join(" + ", Pools.Select(p => Inv($"{p.Instances}@{GpuOf(p)}")))})";

    private string Shape(PoolSpec p)
    {
        var s = Inv($"TP{p.Tp}");
        if (p.Pp > 1)
        {
            s += Inv($"xPP{p.Pp}");
        }

        return GroupGpus.Count > 1 ? $"{s}@{GpuOf(p)}" : s;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
