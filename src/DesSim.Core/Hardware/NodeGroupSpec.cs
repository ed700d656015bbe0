namespace DesSim.Core.Hardware;

/// <summary>A group of identical nodes inside a cluster: <see cref="Nodes"/> × <see cref="GpusPerNode"/> GPUs of one kind
/// on one intra-node fabric (scenario key <c>cluster.node_groups</c>).</summary>
/// <remarks>Groups are numbered in scenario order; their GPUs take consecutive global ids, group 0 first.</remarks>
public sealed record NodeGroupSpec(GpuSpec Gpu, int Nodes, int GpusPerNode, IntraNodeFabric IntraNode)
{
    /// <summary>GPUs in the group.</summary>
    public int TotalGpus => Nodes * GpusPerNode;
}
