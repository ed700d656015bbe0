using DesSim.Core.Units;

namespace DesSim.Core.Hardware;

/// <summary>One directed link of the topology.</summary>
/// <param name="Name">Stable name, e.g. <c>node0/gpu3->nvswitch</c>.</param>
/// <param name="Kind">nvlink, pcie, pcie-uplink, xgmi, ib.</param>
/// <param name="Bandwidth">Bandwidth per direction.</param>
/// <param name="LatencySeconds">Latency added by crossing this link, seconds.</param>
public sealed record LinkSpec(string Name, string Kind, BytesPerSecond Bandwidth, double LatencySeconds);
