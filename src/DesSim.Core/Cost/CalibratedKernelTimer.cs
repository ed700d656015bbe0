using DesSim.Core.Cost;
using DesSim.Core.Hardware;

namespace DesSim.Core.Cost;

/// <summary>Prices kernels from a user's <see cref="CalibrationProfile"/> where it has a curve for the kernel's kind; other
/// kernels go to the inner timer (measured tables or roofline).</summary>
/// <remarks>Curve ops: gemm (16-bit GEMMs), gemm_fp8 (FP8 GEMMs), attention_prefill, attention_decode, elementwise.</remarks>
public sealed class CalibratedKernelTimer : IKernelTimer
{
    private readonly IKernelTimer _inner;
    private readonly GpuSpec _gpu;
    private readonly bool _fp8;
    private readonly EfficiencyCurve? _gemm;
    private readonly EfficiencyCurve? _prefill;
    private readonly EfficiencyCurve? _decode;
    private readonly EfficiencyCurve? _elementwise;

    /// <summary>Creates the timer for <paramref name="gpu"/> with GEMMs in <paramref name="gemmPrecision"/>.</summary>
    public CalibratedKernelTimer(IKernelTimer inner, CalibrationProfile calibration, GpuSpec gpu, Precision gemmPrecision)
    {
        _inner = inner;
        _gpu = gpu;
        _fp8 = gemmPrecision.BytesPerElement == 1 && gpu.Fp8FlopsPerSecond > 0;
        _gemm = calibration.Curve(_fp8 ? "gemm_fp8" : "gemm");
        _prefill = calibration.Curve("attention_prefill");
        _decode = calibration.Curve("attention_decode");
        _elementwise = calibration.Curve("elementwise");
    }

    /// <inheritdoc />
    public double Seconds(in Kernel kernel)
    {
        var curve = kernel.Kind switch
        {
            KernelKind.Gemm => _gemm,
            KernelKind.AttentionPrefill => _prefill,
            KernelKind.AttentionDecode => _decode,
            _ => _elementwise,
        };
        if (curve is null)
        {
            return _inner.Seconds(kernel);
        }

        var (compute, memory) = CalibrationProfile.IdealTimes(_gpu, kernel.Flops, kernel.Bytes, kernel.Kind == KernelKind.Gemm && _fp8);
        return curve.Seconds(compute, memory) * kernel.Count;
    }
}
