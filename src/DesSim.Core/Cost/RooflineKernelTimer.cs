using DesSim.Core.Hardware;

namespace DesSim.Core.Cost;

/// <summary>Roofline: <c>max(FLOPs / (peak · compute_eff), bytes / (bandwidth · memory_eff)) + launch overhead</c>.</summary>
/// <remarks>GEMMs run at the peak of <see cref="GemmPrecision"/> (FP8 where the GPU has it, with the FP8 efficiency and
/// the extra FP8 quantization overhead); attention and element-wise kernels at the BF16 peak. Constants: <see cref="CostConstants"/>.</remarks>
public sealed class RooflineKernelTimer : IKernelTimer
{
    private readonly double _gemmFlopsPerSecond;
    private readonly double _otherFlopsPerSecond;
    private readonly double _bytesPerSecond;
    private readonly double _gemmOverheadSeconds;

    /// <summary>Creates the timer for <paramref name="gpu"/> with GEMMs in <paramref name="gemmPrecision"/>.</summary>
    public RooflineKernelTimer(GpuSpec gpu, Precision gemmPrecision)
    {
        Gpu = gpu;
        GemmPrecision = gemmPrecision;
        bool fp8 = gemmPrecision.BytesPerElement == 1 && gpu.Fp8FlopsPerSecond > 0;
        _gemmFlopsPerSecond = gpu.PeakFlopsPerSecond(gemmPrecision) * (fp8 ? CostConstants.Fp8ComputeEfficiency : CostConstants.ComputeEfficiency);
        _gemmOverheadSeconds = CostConstants.KernelLaunchOverheadSeconds + (gemmPrecision.BytesPerElement == 1 ? CostConstants.Fp8GemmExtraOverheadSeconds : 0);
        _otherFlopsPerSecond = gpu.Bf16FlopsPerSecond * CostConstants.ComputeEfficiency;
        _bytesPerSecond = gpu.MemoryBandwidth.Value * CostConstants.MemoryEfficiency;
    }

    /// <summary>The GPU.</summary>
    public GpuSpec Gpu { get; }

    /// <summary>The GEMM precision.</summary>
    public Precision GemmPrecision { get; }

    /// <inheritdoc />
    public double Seconds(in Kernel kernel)
    {
        bool gemm = kernel.Kind == KernelKind.Gemm;
        double peak = gemm ? _gemmFlopsPerSecond : _otherFlopsPerSecond;
        double one = Math.Max(kernel.Flops / peak, kernel.Bytes / _bytesPerSecond) + (gemm ? _gemmOverheadSeconds : CostConstants.KernelLaunchOverheadSeconds);
        return one * kernel.Count;
    }

    /// <summary>Whether <paramref name="kernel"/> is compute-bound on this GPU: its FLOP time at the achievable peak is at
    /// least its byte time at the achievable bandwidth (arithmetic intensity at or above the ridge point).</summary>
    public bool IsComputeBound(in Kernel kernel)
    {
        double peak = kernel.Kind == KernelKind.Gemm ? _gemmFlopsPerSecond : _otherFlopsPerSecond;
        return kernel.Flops > 0 && kernel.Flops / peak >= kernel.Bytes / _bytesPerSecond;
    }

    /// <summary>Roofline time of an (m × k)·(k × n) GEMM with weights of <paramref name="weightBytesPerElement"/>, seconds.</summary>
    public double GemmSeconds(int m, int n, int k, int weightBytesPerElement)
    {
        double act = CostConstants.ActivationBytesPerElement;
        var kernel = new Kernel("gemm", KernelKind.Gemm, 2.0 * m * n * k, ((double)n * k * weightBytesPerElement) + ((double)m * k * act) + ((double)m * n * act), m, n, k);
        return Seconds(kernel);
    }
}
