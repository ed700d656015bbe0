using DesSim.Core.Hardware;

namespace DesSim.Core.Cost;

/// <summary>A compact calibration for one GPU: efficiency curves per op class and alpha-beta fits per collective and GPU count.</summary>
/// <remarks>Written by <c>dessim calibrate --from</c> (<see cref="CalibrationYaml"/>), referenced by a scenario's
/// <c>calibration:</c> key. Where it covers a kernel kind or the TP all-reduce it replaces the built-in tables and roofline.</remarks>
/// <param name="Gpu">Catalog name of the GPU it was measured on.</param>
/// <param name="Curves">Efficiency curves by op.</param>
/// <param name="Collectives">Alpha-beta fits by op and GPU count.</param>
public sealed record CalibrationProfile(string Gpu, IReadOnlyList<EfficiencyCurve> Curves, IReadOnlyList<AlphaBetaFit> Collectives)
{
    /// <summary>A kernel's ideal compute and memory times on <paramref name="gpu"/> (FLOPs / peak, bytes / bandwidth; no efficiency factors).</summary>
    public static (double Compute, double Memory) IdealTimes(GpuSpec gpu, double flops, double bytes, bool lowPrecision)
    {
        double peak = lowPrecision && gpu.Fp8FlopsPerSecond > 0 ? gpu.Fp8FlopsPerSecond : gpu.Bf16FlopsPerSecond;
        return (flops / peak, bytes / gpu.MemoryBandwidth.Value);
    }

    /// <summary>The curve for <paramref name="op"/>, or null.</summary>
    public EfficiencyCurve? Curve(string op) => Curves.FirstOrDefault(c => c.Op == op);

    /// <summary>The alpha-beta fit of <paramref name="op"/> over <paramref name="gpus"/> GPUs, or null.</summary>
    public AlphaBetaFit? Collective(string op, int gpus) => Collectives.FirstOrDefault(c => c.Op == op && c.Gpus == gpus);
}
