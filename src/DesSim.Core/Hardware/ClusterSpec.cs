namespace DesSim.Core.Hardware;

/// <summary>A cluster: node groups of GPUs (one group of <see cref="Nodes"/> × <see cref="GpusPerNode"/> GPUs of one kind in
/// the common case), an intra-node fabric per group and one inter-node network.</summary>
/// <remarks>GPU ids are global: group 0's nodes first, then group 1's, …; within a group node <c>n</c> holds GPUs
/// <c>n·GpusPerNode … (n+1)·GpusPerNode − 1</c> after the group's first id. The positional members describe group 0;
/// <see cref="Groups"/> lists every group (heterogeneous clusters, scenario key <c>cluster.node_groups</c>).</remarks>
public sealed record ClusterSpec(GpuSpec Gpu, int Nodes, int GpusPerNode, IntraNodeFabric IntraNode, InterNodeLinkSpec InterNode)
{
    private readonly IReadOnlyList<NodeGroupSpec>? _groups;

    /// <summary>Per-GPU board power limit set by the operator (<c>cluster.power_cap_w</c>), watts; null = the GPU's TDP.</summary>
    public double? PowerCapWatts { get; init; }

    /// <summary>The node groups in id order (one group, made of the positional members, unless set).</summary>
    public IReadOnlyList<NodeGroupSpec> Groups
    {
        get => _groups ?? [new NodeGroupSpec(Gpu, Nodes, GpusPerNode, IntraNode)];
        init => _groups = value is { Count: > 0 } ? value : null;
    }

    /// <summary>Whether the cluster has more than one node group.</summary>
    public bool IsHeterogeneous => _groups is { Count: > 1 };

    /// <summary>GPUs in the cluster.</summary>
    public int TotalGpus => _groups is null ? Nodes * GpusPerNode : _groups.Sum(g => g.TotalGpus);

    /// <summary>Nodes in the cluster.</summary>
    public int TotalNodes => _groups is null ? Nodes : _groups.Sum(g => g.Nodes);

    /// <summary>First global GPU id of group <paramref name="group"/>.</summary>
    public int FirstGpu(int group)
    {
        int first = 0;
        for (int i = 0; i < group; i++)
        {
            first += Groups[i].TotalGpus;
        }

        return first;
    }

    /// <summary>Group <paramref name="group"/> as a cluster of its own (same inter-node network, no power cap).</summary>
    public ClusterSpec GroupCluster(int group)
    {
        var g = Groups[group];
        return new ClusterSpec(g.Gpu, g.Nodes, g.GpusPerNode, g.IntraNode, InterNode) { PowerCapWatts = _groups is null ? PowerCapWatts : null };
    }

    /// <summary>One node of <paramref name="gpusPerNode"/> GPUs with the GPU's default fabric and NDR InfiniBand.</summary>
    public static ClusterSpec SingleNode(GpuSpec gpu, int gpusPerNode) => new(gpu, 1, gpusPerNode, gpu.DefaultFabric, InterNodeLinkSpec.IbNdr);
}
