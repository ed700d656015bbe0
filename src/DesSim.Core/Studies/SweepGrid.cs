using DesSim.Core.Parallelism;

namespace DesSim.Core.Studies;

/// <summary>A Cartesian sweep grid: layouts × axes (in order) × seeds, each point run <see cref="Replications"/> times.</summary>
/// <remarks><see cref="AllLayouts"/> means every TP × PP × DP factorization of the cluster's GPUs that fits in memory, with
/// EP for MoE models and CP for long prompts (<see cref="LayoutEnumerator"/>); otherwise <see cref="Layouts"/> lists them, and an empty list keeps the scenario's own
/// layout. Replication r runs with seed <c>seed + r</c>. Point order: layouts outermost, then axes in file order.</remarks>
public sealed record SweepGrid(bool AllLayouts, IReadOnlyList<ParallelPlan> Layouts, IReadOnlyList<SweepAxis> Axes, int Replications = 1)
{
    /// <summary>A grid with only the scenario's layout and no axes: one point.</summary>
    public static SweepGrid Single { get; } = new(false, [], [], 1);
}
