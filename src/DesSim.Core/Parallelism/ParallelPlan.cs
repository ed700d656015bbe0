namespace DesSim.Core.Parallelism;

/// <summary>How one model is spread over GPUs: tensor, pipeline, data, expert and context parallel degrees.</summary>
/// <remarks>A replica holds <c>Tp · Pp · Cp</c> GPUs (EP reuses the TP×DP GPUs for experts); the layout uses
/// <see cref="GpuCount"/> GPUs. All degrees ≥ 1.</remarks>
public sealed record ParallelPlan(int Tp = 1, int Pp = 1, int Dp = 1, int Ep = 1, int Cp = 1)
{
    /// <summary>GPUs in one replica.</summary>
    public int GpusPerReplica => Tp * Pp * Cp;

    /// <summary>GPUs the whole layout uses.</summary>
    public int GpuCount => GpusPerReplica * Dp;

    /// <summary>Short label such as <c>TP4xPP2</c> or <c>TP2xPP1xDP4</c> (degrees of 1 omitted except TP and PP).</summary>
    public override string ToString()
    {
        var s = $"TP{Tp}xPP{Pp}";
        if (Dp > 1) s += $"xDP{Dp}";
        if (Ep > 1) s += $"xEP{Ep}";
        if (Cp > 1) s += $"xCP{Cp}";
        return s;
    }
}
