using DesSim.Core.Configuration;
using System.Globalization;
using DesSim.Core.Execution;
using DesSim.Core.Hardware;
using DesSim.Core.Parallelism;
using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Scenarios;

/// <summary>Turns a scenario's <c>cluster.node_groups</c> and <c>disaggregation:</c> into pools of instances, and places them.</summary>
/// <remarks>Without disaggregation on a heterogeneous cluster, <c>parallelism.dp</c> replicas of one <c>tp × pp</c> layout fill
/// the node groups in order (as many per group as fit, docs/disaggregation.md); each group's replicas form a colocated pool.</remarks>
internal static class PoolScenarios
{
    /// <summary>The pools of <paramref name="root"/>, or null when the scenario is one homogeneous layout.</summary>
    /// <exception cref="InputException">A layout the pools cannot express, or more replicas than the groups hold.</exception>
    public static (IReadOnlyList<PoolSpec>? Pools, DisaggregationConfig? Disaggregation) Read(YamlSection root, DeploymentSpec deployment)
    {
        var cluster = deployment.Cluster;
        if (root.GetSection("disaggregation") is { } d)
        {
            return ReadDisaggregation(root, d, cluster);
        }

        return (cluster.IsHeterogeneous ? ReadDataParallel(root, deployment) : null, null);
    }

    private static readonly string[] Modes = ["layerwise", "after_prefill"];
    private static readonly string[] PrefillRouters = ["least-outstanding", "round-robin", "power-of-two", "prefix-aware"];
    private static readonly string[] DecodeRouters = ["least-kv", "round-robin", "least-outstanding"];

    private static (IReadOnlyList<PoolSpec>, DisaggregationConfig) ReadDisaggregation(YamlSection root, YamlSection d, ClusterSpec cluster)
    {
        if (root.Has("parallelism"))
        {
            throw root.Error("parallelism", "conflicts with disaggregation (each pool gives its own tp and pp)", "remove parallelism, or remove disaggregation for a colocated run");
        }

        if (root.Has("stage_layers"))
        {
            throw root.Error("stage_layers", "is not supported with disaggregation (each pool balances its own stages)", "remove stage_layers");
        }

        var prefill = ReadPool(d, "prefill", PoolRole.Prefill, cluster);
        var decode = ReadPool(d, "decode", PoolRole.Decode, cluster);
        var mode = KvTransferMode.Layerwise;
        double setup = DisaggregationConfig.DefaultSetupSeconds;
        if (d.GetSection("kv_transfer") is { } k)
        {
            mode = k.GetEnum("mode", Modes, "layerwise") == "after_prefill" ? KvTransferMode.AfterPrefill : KvTransferMode.Layerwise;
            setup = k.GetDouble("setup_ms", DisaggregationConfig.DefaultSetupSeconds * 1e3, 0, InputRanges.MaxSloMs)!.Value / 1e3;
            k.RejectUnknownKeys();
        }

        var prefillRouter = RouterKind.LeastOutstanding;
        var decodeRouter = DecodeRouterKind.LeastKv;
        if (d.GetSection("router") is { } r)
        {
            prefillRouter = r.GetEnum("prefill", PrefillRouters, "least-outstanding") switch
            {
                "round-robin" => RouterKind.RoundRobin,
                "power-of-two" => RouterKind.PowerOfTwo,
                "prefix-aware" => RouterKind.PrefixAware,
                _ => RouterKind.LeastOutstanding,
            };
            decodeRouter = r.GetEnum("decode", DecodeRouters, "least-kv") switch
            {
                "round-robin" => DecodeRouterKind.RoundRobin,
                "least-outstanding" => DecodeRouterKind.LeastOutstanding,
                _ => DecodeRouterKind.LeastKv,
            };
            r.RejectUnknownKeys();
        }

        d.RejectUnknownKeys();
        return ([prefill, decode], new DisaggregationConfig(mode, SimTime.FromSeconds(setup), prefillRouter, decodeRouter));
    }

    private static PoolSpec ReadPool(YamlSection d, string key, PoolRole role, ClusterSpec cluster)
    {
        var p = d.GetSection(key) ?? throw d.Error(key, "is required: { instances, tp, pp, gpu }", $"e.g. {key}: {{ instances: 1, tp: 4, pp: 1 }}");
        int group = 0;
        if (p.GetString("gpu") is { } name)
        {
            var wanted = GpuCatalog.TryGet(name)?.Name;
            group = -1;
            for (int g = 0; g < cluster.Groups.Count && group < 0; g++)
            {
                var gpu = cluster.Groups[g].Gpu;
                if (gpu.Name == wanted || string.Equals(gpu.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    group = g;
                }
            }

            if (group < 0)
            {
                throw p.Error("gpu", $"'{name}' names no node group of the cluster", "groups: " + string.Join(", ", cluster.Groups.Select((g, i) => Inv($"{i}: {g.Gpu.Name}"))));
            }
        }

        var spec = new PoolSpec(role, group, p.GetInt("instances", 1, 1, 1 << 16)!.Value, p.GetInt("tp", 1, 1, 4096)!.Value, p.GetInt("pp", 1, 1, 4096)!.Value, p.Path);
        p.RejectUnknownKeys();
        return spec;
    }

    private static IReadOnlyList<PoolSpec> ReadDataParallel(YamlSection root, DeploymentSpec deployment)
    {
        var cluster = deployment.Cluster;

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
    public static IReadOnlyList<PlacedPool> Place(DeploymentSpec deployment, IReadOnlyList<PoolSpec> pools, YamlSection root, DeploymentPlanCache? plans = null)
    {
        try
        {
            return PoolPlacement.Place(deployment, pools, plans);
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
