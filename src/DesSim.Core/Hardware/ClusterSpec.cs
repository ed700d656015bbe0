namespace DesSim.Core.Hardware;

/// <summary>A cluster: <see cref="Nodes"/> × <see cref="GpusPerNode"/> GPUs of one kind, an intra-node fabric and an inter-node network.</summary>
/// <remarks>GPU ids are global: node <c>n</c> holds GPUs <c>n·GpusPerNode … (n+1)·GpusPerNode − 1</c>.</remarks>
public sealed record ClusterSpec(GpuSpec Gpu, int Nodes, int GpusPerNode, IntraNodeFabric IntraNode, InterNodeLinkSpec InterNode)
{
    /// <summary>Per-GPU board power limit set by the operator (<c>cluster.power_cap_w</c>), watts; null = the GPU's TDP.</summary>
    public double? PowerCapWatts { get; init; }

    /// <summary>GPUs in the cluster.</summary>
    public int TotalGpus => Nodes * GpusPerNode;

    /// <summary>One node of <paramref name="gpusPerNode"/> GPUs with the GPU's default fabric and NDR InfiniBand.</summary>
    public static ClusterSpec SingleNode(GpuSpec gpu, int gpusPerNode) => new(gpu, 1, gpusPerNode, gpu.DefaultFabric, InterNodeLinkSpec.IbNdr);
}
