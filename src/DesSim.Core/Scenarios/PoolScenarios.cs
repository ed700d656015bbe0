using DesSim.Core.Configuration;
using System.Globalization;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Scenarios;

/// <summary>Turns a scenario's <c>cluster.node_groups</c> and <c>disaggregation:</c> into pools of instances, and places them.</summary>
/// <remarks>Without disaggregation on a heterogeneous cluster, <c>parallelism.dp</c> replicas of one <c>tp × pp</c> layout fill
/// the node groups in order (as many per group as fit, docs/disaggregation.md); each group's replicas form a colocated pool.</remarks>
internal static class PoolScenarios
{
    /// <summary>The pools of <paramref name="root"/>, or null when the scenario is one homogeneous layout.</summary>
    /// <exception cref="InputException">A layout the pools cannot express, or more replicas than the groups hold.</exception>
    public static IReadOnlyList<PoolSpec>? Read(YamlSection root, DeploymentSpec deployment)
    {
        var cluster = deployment.Cluster;
        if (!cluster.IsHeterogeneous)
        {
            return null;
        }

        var plan = deployment.Plan;
        if (plan.Ep > 1 || plan.Cp > 1)
        {
            throw At(root, plan.Ep > 1 ? "parallelism.ep" : "parallelism.cp", "expert and context parallelism are not supported with cluster.node_groups", "use one node group, or ep = cp = 1");
        }

        if (deployment.StageLayers is not null)
        {
            throw At(root, "stage_layers", "is not supported with cluster.node_groups (each group balances its own stages)", "remove stage_layers");
        }

        int size = plan.Tp * plan.Pp, remaining = plan.Dp;
        var pools = new List<PoolSpec>();
        var fits = new List<int>();
        for (int g = 0; g < cluster.Groups.Count; g++)
        {
            int fit = Capacity(cluster.Groups[g].Nodes, cluster.Groups[g].GpusPerNode, size);
            fits.Add(fit);
            int n = Math.Min(remaining, fit);
            if (n > 0)
            {
                pools.Add(new PoolSpec(PoolRole.Colocated, g, n, plan.Tp, plan.Pp, "parallelism"));
                remaining -= n;
            }
        }

        if (remaining > 0)
        {
            throw At(root, "parallelism.dp", Inv($"dp {plan.Dp} replicas of tp {plan.Tp} × pp {plan.Pp} = {size} GPUs do not fit: the node groups hold {string.Join(" + ", fits)} = {fits.Sum()} such replicas"),
                Inv($"lower dp to {fits.Sum()}, or add nodes (a replica never crosses a node group, nor a node boundary it fits inside)"));
        }

        return pools;
    }

    /// <summary>Places <paramref name="pools"/>; errors name the line of the pool's key in <paramref name="root"/>.</summary>
    public static IReadOnlyList<PlacedPool> Place(DeploymentSpec deployment, IReadOnlyList<PoolSpec> pools, YamlSection root)
    {
        try
        {
            return PoolPlacement.Place(deployment, pools);
        }
        catch (InputException e) when (e.Source is null)
        {
            throw Deployment.Locate(e, root, pools[0].KeyPath);
        }
    }

    /// <summary>Instances of <paramref name="size"/> GPUs that fit on <paramref name="nodes"/> nodes of <paramref name="gpusPerNode"/>
    /// under the placement rule (<see cref="PoolPlacement"/>).</summary>
    public static int Capacity(int nodes, int gpusPerNode, int size) =>
        size <= gpusPerNode ? nodes * (gpusPerNode / size) : nodes / ((size + gpusPerNode - 1) / gpusPerNode);

    private static InputException At(YamlSection root, string key, string reason, string hint) =>
        Deployment.Locate(new InputException(null, key, reason, hint), root, key.Split('.')[0]);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
