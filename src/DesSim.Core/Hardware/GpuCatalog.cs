using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;
using DesSim.Core.Units;

namespace DesSim.Core.Hardware;

/// <summary>The built-in GPUs (figures: facts.md §3, dense peaks).</summary>
/// <remarks>Lookup ignores case, spaces, '-' and '_'. Achievable PCIe rates: Gen4 x16 ≈ 25 GB/s, Gen5 x16 ≈ 50 GB/s (facts.md §3, "Links").</remarks>
public static class GpuCatalog
{
    private const double Tera = 1e12;
    private const double Giga = 1e9;

    // facts.md §3 "Links": PCIe Gen4 x16 ~25 GB/s achievable, Gen5 x16 ~50 GB/s achievable.
    private static readonly BytesPerSecond PcieGen4 = BytesPerSecond.FromGigabytesPerSecond(25);
    private static readonly BytesPerSecond PcieGen5 = BytesPerSecond.FromGigabytesPerSecond(50);

    // Power (TdpWatts, IdleWatts), checked 2026-12-01. TDP = the vendor's board power limit: A100 SXM4 400 W (NVIDIA A100
    // datasheet), H100 SXM5 700 W and H100 PCIe 350 W (NVIDIA H100 datasheet, "up to 700 W"/"300-350 W"), H200 SXM 700 W
    // (NVIDIA H200 datasheet), B200 1000 W (HGX B200 spec), L40S 350 W, L40 300 W, L4 72 W (NVIDIA product briefs), MI300X
    // 750 W (AMD Instinct MI300X datasheet). Idle W are ESTIMATES of nvidia-smi/rocm-smi board power with a model loaded
    // and no kernels running: H200 80 W (a published vLLM idle measurement, "GPU Energy Benchmark", api.serialalice.pt,
    // June 2026: 80.3 W); the others scaled from public nvidia-smi idle readings (A100 SXM 50-60 W, H100 SXM 70-80 W).
    // Override both with an inline gpu's tdp_w / idle_w. See docs/energy.md.

    /// <summary>All catalog GPUs in a stable order.</summary>
    public static IReadOnlyList<GpuSpec> All { get; } =
    [
        new() { Name = "A100-SXM4-80GB", TdpWatts = 400, IdleWatts = 55, Aliases = ["a100", "a100-sxm", "a100-80gb", "A100-SXM4-80GB", "NVIDIA A100-SXM4-80GB", "a100_sxm"], Bf16FlopsPerSecond = 312 * Tera, MemoryBytes = (long)(80 * Giga), MemoryBandwidth = BytesPerSecond.FromGigabytesPerSecond(2.04 * 1000), DefaultFabric = IntraNodeFabric.NvSwitch, FabricBandwidth = BytesPerSecond.FromGigabytesPerSecond(300), HostLinkBandwidth = PcieGen4, ProfileKey = "a100_sxm" },
        new() { Name = "H100-SXM5-80GB", TdpWatts = 700, IdleWatts = 75, Aliases = ["h100", "h100-sxm", "h100-sxm5", "H100 80GB HBM3", "NVIDIA H100 80GB HBM3", "h100_sxm"], Bf16FlopsPerSecond = 989 * Tera, Fp8FlopsPerSecond = 1979 * Tera, MemoryBytes = (long)(80 * Giga), MemoryBandwidth = BytesPerSecond.FromGigabytesPerSecond(3.35 * 1000), DefaultFabric = IntraNodeFabric.NvSwitch, FabricBandwidth = BytesPerSecond.FromGigabytesPerSecond(450), HostLinkBandwidth = PcieGen5, ProfileKey = "h100_sxm" },
        new() { Name = "H100-PCIe-80GB", TdpWatts = 350, IdleWatts = 50, Aliases = ["h100-pcie", "H100 PCIe", "NVIDIA H100 PCIe"], Bf16FlopsPerSecond = 756 * Tera, Fp8FlopsPerSecond = 1513 * Tera, MemoryBytes = (long)(80 * Giga), MemoryBandwidth = BytesPerSecond.FromGigabytesPerSecond(2.0 * 1000), DefaultFabric = IntraNodeFabric.NvLinkPairs, FabricBandwidth = BytesPerSecond.FromGigabytesPerSecond(300), HostLinkBandwidth = PcieGen5 },
        new() { Name = "H200-SXM-141GB", TdpWatts = 700, IdleWatts = 80, Aliases = ["h200", "h200-sxm", "NVIDIA H200", "h200_sxm"], Bf16FlopsPerSecond = 989 * Tera, Fp8FlopsPerSecond = 1979 * Tera, MemoryBytes = (long)(141 * Giga), MemoryBandwidth = BytesPerSecond.FromGigabytesPerSecond(4.8 * 1000), DefaultFabric = IntraNodeFabric.NvSwitch, FabricBandwidth = BytesPerSecond.FromGigabytesPerSecond(450), HostLinkBandwidth = PcieGen5, ProfileKey = "h200_sxm" },
        // facts.md §3: B200 180–192 GB; we take 180 GB (the HGX B200 configuration), conservative.
        new() { Name = "B200", TdpWatts = 1000, IdleWatts = 140, Aliases = ["b200-sxm", "NVIDIA B200"], Bf16FlopsPerSecond = 2250 * Tera, Fp8FlopsPerSecond = 4500 * Tera, MemoryBytes = (long)(180 * Giga), MemoryBandwidth = BytesPerSecond.FromGigabytesPerSecond(8 * 1000), DefaultFabric = IntraNodeFabric.NvSwitch, FabricBandwidth = BytesPerSecond.FromGigabytesPerSecond(900), HostLinkBandwidth = PcieGen5 },
        new() { Name = "L40S", TdpWatts = 350, IdleWatts = 35, Aliases = ["NVIDIA L40S"], Bf16FlopsPerSecond = 362 * Tera, Fp8FlopsPerSecond = 733 * Tera, MemoryBytes = (long)(48 * Giga), MemoryBandwidth = BytesPerSecond.FromGigabytesPerSecond(0.864 * 1000), DefaultFabric = IntraNodeFabric.Pcie, HostLinkBandwidth = PcieGen4 },
        new() { Name = "L40", TdpWatts = 300, IdleWatts = 35, Aliases = ["NVIDIA L40"], Bf16FlopsPerSecond = 181 * Tera, Fp8FlopsPerSecond = 362 * Tera, MemoryBytes = (long)(48 * Giga), MemoryBandwidth = BytesPerSecond.FromGigabytesPerSecond(0.864 * 1000), DefaultFabric = IntraNodeFabric.Pcie, HostLinkBandwidth = PcieGen4 },
        new() { Name = "L4", TdpWatts = 72, IdleWatts = 16, Aliases = ["NVIDIA L4"], Bf16FlopsPerSecond = 121 * Tera, Fp8FlopsPerSecond = 242 * Tera, MemoryBytes = (long)(24 * Giga), MemoryBandwidth = BytesPerSecond.FromGigabytesPerSecond(0.30 * 1000), DefaultFabric = IntraNodeFabric.Pcie, HostLinkBandwidth = PcieGen4 },
        new() { Name = "MI300X", TdpWatts = 750, IdleWatts = 90, Aliases = ["mi300", "AMD Instinct MI300X", "mi300x-192gb"], Bf16FlopsPerSecond = 1307 * Tera, Fp8FlopsPerSecond = 2615 * Tera, MemoryBytes = (long)(192 * Giga), MemoryBandwidth = BytesPerSecond.FromGigabytesPerSecond(5.3 * 1000), DefaultFabric = IntraNodeFabric.Xgmi, FabricBandwidth = BytesPerSecond.FromGigabytesPerSecond(64), HostLinkBandwidth = PcieGen5 },
    ];

    /// <summary>The GPU called <paramref name="name"/> (canonical name or alias), or null.</summary>
    public static GpuSpec? TryGet(string name)
    {
        var key = Normalize(name);
        foreach (var g in All)
        {
            if (Normalize(g.Name) == key || g.Aliases.Any(a => Normalize(a) == key))
            {
                return g;
            }
        }

        return null;
    }

    /// <summary>The GPU called <paramref name="name"/>.</summary>
    /// <exception cref="InputException">Unknown name; the message lists the catalog and the nearest name.</exception>
    public static GpuSpec Get(string name) =>
        TryGet(name) ?? throw new InputException(null, null, $"unknown GPU '{name}'", UnknownHint(name));

    /// <summary>"did you mean …? known: …" for an unknown GPU name.</summary>
    public static string UnknownHint(string name)
    {
        var names = All.Select(g => g.Name).ToList();
        var near = KeySuggester.Nearest(name, names.Concat(All.SelectMany(g => g.Aliases)));
        var nearName = near is null ? null : TryGet(near)?.Name;
        return (nearName is null ? string.Empty : $"did you mean '{nearName}'? ") + $"known: {string.Join(", ", names)}; or define the GPU inline";
    }

    internal static string Normalize(string s) =>
        new(s.Where(c => c is not (' ' or '-' or '_')).Select(char.ToLowerInvariant).ToArray());
}
