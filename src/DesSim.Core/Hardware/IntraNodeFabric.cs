namespace DesSim.Core.Hardware;

/// <summary>How the GPUs inside one node talk to each other.</summary>
public enum IntraNodeFabric
{
    /// <summary>Every GPU has its NVLink bandwidth to a non-blocking NVSwitch (DGX/HGX).</summary>
    NvSwitch,

    /// <summary>NVLink bridges between GPU pairs (0-1, 2-3, …); everything else over PCIe (H100 NVL / A100 PCIe servers).</summary>
    NvLinkPairs,

    /// <summary>PCIe only: GPUs sit under PCIe switches whose uplinks are shared, so concurrent transfers contend.</summary>
    Pcie,

    /// <summary>AMD Infinity Fabric full mesh: one xGMI link per GPU pair (MI300X).</summary>
    Xgmi,
}
