namespace DesSim.Core.Hardware;

/// <summary>Scenario names of <see cref="IntraNodeFabric"/> values (nvswitch | nvlink-pairs | pcie | xgmi).</summary>
public static class FabricNames
{
    /// <summary>Accepted names, lower case.</summary>
    public static readonly IReadOnlyList<string> All = ["nvswitch", "nvlink-pairs", "pcie", "xgmi"];

    /// <summary>The scenario name of a fabric.</summary>
    public static string Name(IntraNodeFabric fabric) => fabric switch
    {
        IntraNodeFabric.NvSwitch => "nvswitch",
        IntraNodeFabric.NvLinkPairs => "nvlink-pairs",
        IntraNodeFabric.Pcie => "pcie",
        _ => "xgmi",
    };

    /// <summary>Parses a name from <see cref="All"/>; null when unknown.</summary>
    public static IntraNodeFabric? TryParse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "nvswitch" => IntraNodeFabric.NvSwitch,
        "nvlink-pairs" or "nvlink_pairs" or "nvlink" => IntraNodeFabric.NvLinkPairs,
        "pcie" => IntraNodeFabric.Pcie,
        "xgmi" or "infinity-fabric" => IntraNodeFabric.Xgmi,
        _ => null,
    };
}
