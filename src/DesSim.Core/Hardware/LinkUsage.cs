namespace DesSim.Core.Hardware;

/// <summary>What one link carried during a run.</summary>
/// <param name="Name">Stable link name, e.g. <c>node0/gpu3-&gt;nvswitch</c>.</param>
/// <param name="Kind">Link type: nvlink, pcie, pcie-uplink, xgmi, ib…</param>
/// <param name="Bytes">Bytes carried.</param>
/// <param name="BusySeconds">Seconds the link was occupied.</param>
/// <param name="Transfers">Transfers carried.</param>
public sealed record LinkUsage(string Name, string Kind, long Bytes, double BusySeconds, long Transfers);
