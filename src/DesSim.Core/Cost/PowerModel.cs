using DesSim.Core.Hardware;

namespace DesSim.Core.Cost;

/// <summary>Board power of one GPU by what it is doing, and what a power cap does to kernel times.</summary>
/// <remarks>
/// Four activity classes, each drawing a constant power (watts) while it lasts:
/// <list type="bullet">
/// <item>compute-bound kernels (<see cref="StageCost.ComputeBoundSeconds"/>): the board power limit, <c>P_c = min(TDP, cap)</c>.
/// Source: Splitwise (Patel et al., ISCA 2024, §III-F): prompt iterations run at the power limit; the bundled Splitwise rows
/// have peak power ≈ 1.0 × TDP.</item>
/// <item>other compute (memory-bound kernels such as decode GEMMs and attention, launch and engine overheads):
/// <c>P_m = min(idle + k_m·(TDP − idle), cap)</c>.</item>
/// <item>communication (TP all-reduce, EP/CP collectives, activation sends): <c>P_x = min(idle + k_x·(TDP − idle), cap)</c>.</item>
/// <item>idle and pipeline bubbles: <c>P_idle</c> (catalog idle watts).</item>
/// </list>
/// <see cref="MemoryBoundActivity"/> (k_m) and <see cref="CommunicationActivity"/> (k_x) are fitted on the Splitwise A100
/// rows' average power outside TP 4 (TP 4 held out, prompt 8,192 excluded: see <c>PowerFit</c> in Fidelity/Validation) by
/// linear least squares; <c>dessim validate</c> refits and reports both.
/// Power cap: an operator limit below TDP lowers the SM clock until the board fits the cap. Dynamic power of CMOS logic is
/// <c>C·V²·f</c>, and with voltage scaling roughly linearly with frequency over the DVFS range it goes as <c>f³</c>
/// (Mei, Wang &amp; Chu, "A survey and measurement study of GPU DVFS on energy conservation", Digital Communications and
/// Networks 2017). So a compute-bound kernel,
/// whose time is 1/f, slows by <c>s_c = ((TDP − idle)/(cap − idle))^(1/3)</c>. A memory-bound kernel only needs a lower clock
/// when its own draw exceeds the cap, and then by <c>s_m = max(1, (k_m·(TDP − idle)/(cap − idle))^(1/3)) ≤ s_c</c> (Splitwise
/// §III-F: token phases lose little latency under caps that slow prompt phases). Communication is link-bound and keeps its time.
/// </remarks>
public sealed record PowerModel
{
    /// <summary>k_m: dynamic-power share of memory-bound work, 0..1. Fitted on Splitwise TP 2 and TP 8 average power (see remarks).</summary>
    public const double MemoryBoundActivity = 0.591;

    /// <summary>k_x: dynamic-power share of communication, 0..1. Fitted with <see cref="MemoryBoundActivity"/> (the non-negative
    /// fit puts it at its bound, 0: on these rows, time in all-reduces draws no more than idle).</summary>
    public const double CommunicationActivity = 0.0;

    /// <summary>Creates the model for <paramref name="gpu"/> under an optional per-GPU <paramref name="capWatts"/>.</summary>
    /// <exception cref="ArgumentException">The GPU has no power figures, or the cap is not in (idle, TDP].</exception>
    public PowerModel(GpuSpec gpu, double? capWatts = null, double memoryBoundActivity = MemoryBoundActivity, double communicationActivity = CommunicationActivity)
    {
        if (!gpu.HasPowerFigures)
        {
            throw new ArgumentException($"GPU {gpu.Name} has no idle/TDP power figures", nameof(gpu));
        }

        if (capWatts is { } c && (c <= gpu.IdleWatts || c > gpu.TdpWatts))
        {
            throw new ArgumentException("power cap must be in (idle, TDP]", nameof(capWatts));
        }

        IdleWatts = gpu.IdleWatts;
        TdpWatts = gpu.TdpWatts;
        CapWatts = capWatts is { } cap && cap < gpu.TdpWatts ? cap : null;
        double limit = CapWatts ?? TdpWatts;
        double dynamic = TdpWatts - IdleWatts;
        ComputeBoundWatts = limit;
        MemoryBoundWatts = Math.Min(IdleWatts + (memoryBoundActivity * dynamic), limit);
        CommunicationWatts = Math.Min(IdleWatts + (communicationActivity * dynamic), limit);
        double headroom = limit - IdleWatts;
        ComputeSlowdown = CapWatts is null ? 1 : Math.Cbrt(dynamic / headroom);
        MemorySlowdown = CapWatts is null ? 1 : Math.Max(1, Math.Cbrt(memoryBoundActivity * dynamic / headroom));
    }

    /// <summary>Idle (and bubble) power, W.</summary>
    public double IdleWatts { get; }

    /// <summary>TDP, W.</summary>
    public double TdpWatts { get; }

    /// <summary>The cap, W, or null when there is none (or it is at TDP).</summary>
    public double? CapWatts { get; }

    /// <summary>Power during compute-bound kernels, W.</summary>
    public double ComputeBoundWatts { get; }

    /// <summary>Power during other compute (memory-bound kernels, overheads), W.</summary>
    public double MemoryBoundWatts { get; }

    /// <summary>Power during communication, W.</summary>
    public double CommunicationWatts { get; }

    /// <summary>Time factor (≥ 1) the cap applies to compute-bound kernels.</summary>
    public double ComputeSlowdown { get; }

    /// <summary>Time factor (1 ≤ it ≤ <see cref="ComputeSlowdown"/>) the cap applies to memory-bound kernels and overheads.</summary>
    public double MemorySlowdown { get; }

    /// <summary>Whether a cap slows anything.</summary>
    public bool Throttles => CapWatts is not null;

    /// <summary><paramref name="cost"/> under the cap (unchanged without one): compute-bound time × <see cref="ComputeSlowdown"/>,
    /// the rest of the compute × <see cref="MemorySlowdown"/>, communication unchanged.</summary>
    public StageCost Throttle(in StageCost cost)
    {
        if (!Throttles)
        {
            return cost;
        }

        double bound = cost.ComputeBoundSeconds * ComputeSlowdown;
        double other = cost.OtherComputeSeconds * MemorySlowdown;
        return cost with { ComputeSeconds = bound + other, ComputeBoundSeconds = bound };
    }

    /// <summary>Energy one GPU of a stage spends on <paramref name="cost"/>, joules.</summary>
    public double StageJoules(in StageCost cost) =>
        (cost.ComputeBoundSeconds * ComputeBoundWatts) + (cost.OtherComputeSeconds * MemoryBoundWatts)
        + ((cost.TpCommSeconds + cost.OtherCommSeconds) * CommunicationWatts);
}
