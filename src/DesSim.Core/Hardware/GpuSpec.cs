using DesSim.Core.Units;

namespace DesSim.Core.Hardware;

/// <summary>One GPU model: dense tensor-core peaks, memory, and its links.</summary>
/// <remarks>
/// Units: FLOP/s, bytes, <see cref="BytesPerSecond"/> (per direction), seconds. <see cref="Fp8FlopsPerSecond"/> is 0 when the GPU has no FP8
/// tensor cores (A100); FP8 GEMMs then run at the BF16 rate. <see cref="FabricBandwidth"/> is per GPU to the
/// switch for NVSwitch, per bridge for NVLink pairs, per peer link for xGMI, 0 for PCIe-only cards.
/// <see cref="ProfileKey"/> names the embedded measured tables (null: roofline only).
/// </remarks>
public sealed record GpuSpec
{
    /// <summary>Canonical name, e.g. <c>H100-SXM5-80GB</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Other names accepted for lookup (compared case-insensitively, ignoring spaces, '-' and '_').</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Dense BF16/FP16 tensor-core peak, FLOP/s.</summary>
    public required double Bf16FlopsPerSecond { get; init; }

    /// <summary>Dense FP8 tensor-core peak, FLOP/s (0 = no FP8 support).</summary>
    public double Fp8FlopsPerSecond { get; init; }

    /// <summary>Memory capacity in bytes (vendor "GB", decimal).</summary>
    public required long MemoryBytes { get; init; }

    /// <summary>Peak memory bandwidth.</summary>
    public required BytesPerSecond MemoryBandwidth { get; init; }

    /// <summary>The intra-node fabric servers with this GPU usually have.</summary>
    public required IntraNodeFabric DefaultFabric { get; init; }

    /// <summary>GPU-to-GPU fabric bandwidth per direction (see remarks); zero for PCIe-only cards.</summary>
    public BytesPerSecond FabricBandwidth { get; init; }

    /// <summary>Achievable host (PCIe) link bandwidth per direction.</summary>
    public required BytesPerSecond HostLinkBandwidth { get; init; }

    /// <summary>What a GPU-to-GPU link of this GPU carries per direction: the fabric's bandwidth, or the host link's for
    /// PCIe-only cards (no fabric).</summary>
    public BytesPerSecond PeerBandwidth => FabricBandwidth.Value > 0 ? FabricBandwidth : HostLinkBandwidth;

    /// <summary>Key of the embedded measured tables (e.g. <c>h100_sxm</c>), or null.</summary>
    public string? ProfileKey { get; init; }

    /// <summary>Board power limit at default settings (TDP / max TGP), watts; 0 = unknown (no energy outputs).</summary>
    public double TdpWatts { get; init; }

    /// <summary>Board power with nothing running (clocks idle, memory refreshed), watts; 0 = unknown.</summary>
    public double IdleWatts { get; init; }

    /// <summary>Whether the GPU has power figures (<see cref="TdpWatts"/> &gt; <see cref="IdleWatts"/> &gt; 0).</summary>
    public bool HasPowerFigures => IdleWatts > 0 && TdpWatts > IdleWatts;

    /// <summary>Dense peak for GEMMs in <paramref name="precision"/>, FLOP/s.</summary>
    public double PeakFlopsPerSecond(Precision precision) =>
        precision.BytesPerElement == 1 && Fp8FlopsPerSecond > 0 ? Fp8FlopsPerSecond : Bf16FlopsPerSecond;
}
