using DesSim.Core.Cost;
using DesSim.Core.Hardware;

namespace DesSim.Core.Parallelism;

/// <summary>Picks the bottleneck link of a GPU group (EP all-to-all domain, CP ring) from the cluster's fabric.</summary>
/// <remarks>Inside one node: the GPU's fabric bandwidth (NVSwitch: per-GPU NVLink; xGMI mesh: all peer links at once;
/// PCIe or pairs: the host link) with that fabric's step latency; across nodes: each GPU's NIC (inter-node bandwidth) with
/// the network step latency. Bytes/s per direction, seconds.</remarks>
internal static class GroupLinks
{
    public static GroupLink For(DeploymentSpec spec, int[] gpuIds)
    {
        var c = spec.Cluster;
        int n = gpuIds.Length;
        bool oneNode = gpuIds.All(id => id / c.GpusPerNode == gpuIds[0] / c.GpusPerNode);
        if (!oneNode)
        {
            return new GroupLink(n, c.InterNode.Bandwidth, CollectiveLatencies.NetworkStepSeconds);
        }

        var gpu = c.Gpu;
        var host = gpu.HostLinkBandwidth;
        var fabric = gpu.PeerBandwidth;
        return c.IntraNode switch
        {
            IntraNodeFabric.NvSwitch => new GroupLink(n, fabric, CollectiveLatencies.NvLinkStepSeconds),
            IntraNodeFabric.Xgmi => new GroupLink(n, fabric.Scaled(Math.Max(1, n - 1)), CollectiveLatencies.XgmiStepSeconds),
            _ => new GroupLink(n, host, CollectiveLatencies.PcieStepSeconds),
        };
    }
}
