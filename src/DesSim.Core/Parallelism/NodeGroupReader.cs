using DesSim.Core.Configuration;
using System.Globalization;
using DesSim.Core.Hardware;
using DesSim.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace DesSim.Core.Parallelism;

/// <summary>Reads <c>cluster.node_groups</c>: a list of <c>{gpu, nodes, gpus_per_node, intra_node}</c> mappings, the
/// alternative to the single-group keys of <c>cluster</c>.</summary>
internal static class NodeGroupReader
{
    private static readonly string[] SingleGroupKeys = ["gpu", "nodes", "gpus_per_node", "intra_node"];

    /// <summary>The groups, or null when <paramref name="cluster"/> has no <c>node_groups</c>.</summary>
    /// <exception cref="InputException">The list is empty, an item is not a mapping, or single-group keys are given too.</exception>
    public static IReadOnlyList<NodeGroupSpec>? Read(YamlSection cluster, Func<YamlSection, NodeGroupSpec> readGroup)
    {
        var list = cluster.GetList("node_groups");
        if (list is null)
        {
            return null;
        }

        foreach (var key in SingleGroupKeys)
        {
            if (cluster.Has(key))
            {
                throw cluster.Error(key, "conflicts with node_groups", $"move {key} into each node_groups item");
            }
        }

        if (list.Count == 0)
        {
            throw cluster.Error("node_groups", "is empty", "list at least one group, e.g. node_groups: [{ gpu: h100-sxm, nodes: 1, gpus_per_node: 8 }]");
        }

        var groups = new NodeGroupSpec[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{cluster.PathOf("node_groups")}[{i}]");
            if (list[i] is not YamlMappingNode m)
            {
                throw cluster.Error(list[i], path, "expected a mapping (key: value pairs)", "e.g. { gpu: h100-sxm, nodes: 1, gpus_per_node: 8, intra_node: nvswitch }");
            }

            var item = new YamlSection(m, cluster.File, path, cluster.Notes);
            if (!item.Has("gpu"))
            {
                throw item.Error("gpu", "is required in every node group", "name a catalog GPU (see 'dessim gpus') or define one inline");
            }

            groups[i] = readGroup(item);
            item.RejectUnknownKeys();
        }

        return groups;
    }
}
