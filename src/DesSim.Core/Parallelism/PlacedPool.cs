namespace DesSim.Core.Parallelism;

/// <summary>A validated pool: its spec, the deployment plan that sizes its instances (a run leases the deployment that prices
/// them from it), and the global GPU ids of every instance.</summary>
/// <remarks><see cref="GpuIds"/> is indexed [instance][stage] → the stage's TP ranks' global GPU ids (shared: do not modify).
/// <see cref="Deployment"/> is planned on the pool's node group alone, with dp = the pool's instances.</remarks>
public sealed record PlacedPool(PoolSpec Spec, DeploymentPlan Deployment, int[][][] GpuIds)
{
    /// <summary>Every GPU id of the pool, ascending.</summary>
    public IEnumerable<int> AllGpus => GpuIds.SelectMany(i => i.SelectMany(s => s)).Order();
}
