using System.Globalization;
using DesSim.Core.Hardware;

namespace DesSim.Core.Parallelism;

/// <summary>Places pools of instances onto a cluster's node groups and plans each pool's deployment.</summary>
/// <remarks>
/// The rule (docs/disaggregation.md): pools are placed in scenario order; a pool takes GPUs of its own node group only,
/// from the first GPU its group's earlier pools left free. Each instance takes <c>tp · pp</c> consecutive GPUs (stage s
/// of an instance on the tp GPUs at offset s·tp). An instance that fits in a node never crosses a node boundary (it
/// starts at the next node instead); a larger instance starts at a node boundary. Deterministic: same spec, same ids.
/// </remarks>
public static class PoolPlacement
{
    /// <summary>Validates and places <paramref name="pools"/> on <paramref name="baseSpec"/>'s cluster; each pool's deployment is
    /// <paramref name="baseSpec"/> on the pool's group with the pool's layout.</summary>
    /// <exception cref="InputException">A pool does not fit its group, or its layout cannot run; the location is the pool's key.</exception>
    /// <param name="baseSpec">The scenario's deployment.</param>
    /// <param name="pools">The pools, in scenario order.</param>
    /// <param name="plans">Where each pool's deployment is planned (null: a cache of its own).</param>
    public static IReadOnlyList<PlacedPool> Place(DeploymentSpec baseSpec, IReadOnlyList<PoolSpec> pools, DeploymentPlanCache? plans = null)
    {
        plans ??= new DeploymentPlanCache();
        var cluster = baseSpec.Cluster;
        var cursor = cluster.Groups.Select((_, g) => cluster.FirstGpu(g)).ToArray();
        var placed = new List<PlacedPool>(pools.Count);
        foreach (var pool in pools)
        {
            var group = cluster.Groups[pool.Group];
            int first = cluster.FirstGpu(pool.Group), end = first + group.TotalGpus, size = pool.GpusPerInstance;
            string where = Inv($"node group {pool.Group} ({group.Nodes} × {group.GpusPerNode} {group.Gpu.Name} = {group.TotalGpus} GPUs)");
            if ((long)pool.Instances * size > group.TotalGpus)
            {
                throw new InputException(null, pool.KeyPath, Inv($"{pool.Instances} instances × tp {pool.Tp} × pp {pool.Pp} = {(long)pool.Instances * size} GPUs do not fit in {where}"),
                    Inv($"use at most {group.TotalGpus / size} instances of this layout, or add nodes to the group"));
            }

            var ids = new int[pool.Instances][][];
            for (int i = 0; i < pool.Instances; i++)
            {
                int at = NextStart(cursor[pool.Group], first, size, group.GpusPerNode);
                if (at + size > end)
                {
                    int used = cursor[pool.Group] - first;
                    throw new InputException(null, pool.KeyPath,
                        Inv($"instance {i} of {pool.Instances} (tp {pool.Tp} × pp {pool.Pp} = {size} GPUs) does not fit in {where}: {used} GPUs are taken by earlier pools and instances, {end - at} left from the next node-aligned start"),
                        "fewer instances, a smaller layout, or another node group (instances never cross a node boundary they fit inside)");
                }

                ids[i] = new int[pool.Pp][];
                for (int s = 0; s < pool.Pp; s++)
                {
                    ids[i][s] = Enumerable.Range(at + (s * pool.Tp), pool.Tp).ToArray();
                }

                cursor[pool.Group] = at + size;
            }

            var spec = baseSpec with { Cluster = cluster.GroupCluster(pool.Group), Plan = new ParallelPlan(pool.Tp, pool.Pp, pool.Instances), StageLayers = null };
            placed.Add(new PlacedPool(pool, PlanPool(plans, spec, pool), ids));
        }

        return placed;
    }

    // The first GPU at or after cursor where an instance of size GPUs may start.
    private static int NextStart(int cursor, int groupFirst, int size, int gpusPerNode)
    {
        int offset = cursor - groupFirst, inNode = offset % gpusPerNode;
        bool cross = size <= gpusPerNode ? inNode + size > gpusPerNode : inNode != 0;
        return cross ? cursor + (gpusPerNode - inNode) : cursor;
    }

    private static DeploymentPlan PlanPool(DeploymentPlanCache plans, DeploymentSpec spec, PoolSpec pool)
    {
        try
        {
            return plans.Get(spec);
        }
        catch (InputException e) when (e.Source is null)
        {
            // Why: the pool's own key is where the user changes its layout; "parallelism.tp" becomes "<pool>.tp".
            var location = e.Location is { } l && l.StartsWith("parallelism.", StringComparison.Ordinal) ? pool.KeyPath + l["parallelism".Length..] : pool.KeyPath;
            throw new InputException(null, location, Inv($"{pool.Name} pool on {spec.Cluster.Gpu.Name}: {e.Reason}"), e.Hint);
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
