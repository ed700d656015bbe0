namespace DesSim.Core.Cost;

/// <summary>Per-step latency α of ring collectives by link type (seconds).</summary>
/// <remarks>Calibrated on Cost/Data/nccl_h100_sxm.csv: an 8-GPU NVSwitch all-reduce of 512 bytes takes 15.5 µs over
/// 14 ring steps ≈ 1.1 µs per step. Other link types: facts.md §3 "small messages are latency-bound (a few to ~20 µs)";
/// PCIe, xGMI and network figures are assumed multiples of the NVLink step.</remarks>
public static class CollectiveLatencies
{
    /// <summary>NVLink / NVSwitch ring step.</summary>
    public const double NvLinkStepSeconds = 1.1e-6;

    /// <summary>xGMI ring step.</summary>
    public const double XgmiStepSeconds = 1.5e-6;

    /// <summary>PCIe ring step (through host bridges).</summary>
    public const double PcieStepSeconds = 3e-6;

    /// <summary>InfiniBand / RoCE ring step across nodes.</summary>
    public const double NetworkStepSeconds = 5e-6;
}
