namespace DesSim.Core.Studies;

/// <summary>The simulations <c>dessim plan</c> runs for one layout, before ranking: at the workload's own load, saturated, and
/// the SLO capacity search (null when the SLO has no latency bound).</summary>
/// <remarks>An evaluation depends only on the scenario, the layout, the SLO, the replications and the search settings, never on
/// the objective or the other layouts: that is what lets a cluster evaluate layouts in separate shards and rank them in the
/// merge (<see cref="Planner.Rank"/>).</remarks>
public sealed record LayoutEvaluation(PointResult AtLoad, PointResult Saturated, CapacityResult? Capacity)
{
    /// <summary>Simulations this evaluation ran (all replications, all capacity probes).</summary>
    public int Simulations(int replications) => replications * (2 + (Capacity?.Simulations ?? 0));
}
