namespace DesSim.Core.Cost;

/// <summary>Prices GEMMs from a measured table (interpolated), everything else — and GEMMs outside the table — by roofline.</summary>
/// <remarks>Measured latencies already include the kernel's fixed cost, so no launch overhead is added to them. The first
/// time a kind of kernel is not covered, a note is recorded (once per kind per run).</remarks>
public sealed class MeasuredKernelTimer : IKernelTimer
{
    private readonly GemmTable _gemm;
    private readonly RooflineKernelTimer _fallback;
    private readonly RunNotes _notes;
    private readonly string _gpuName;

    /// <summary>Creates the timer.</summary>
    public MeasuredKernelTimer(GemmTable gemm, RooflineKernelTimer fallback, RunNotes notes)
    {
        _gemm = gemm;
        _fallback = fallback;
        _notes = notes;
        _gpuName = fallback.Gpu.Name;
    }

    /// <inheritdoc />
    public double Seconds(in Kernel kernel)
    {
        if (kernel.Kind == KernelKind.Gemm)
        {
            if (_gemm.TryLatencySeconds(kernel.M, kernel.N, kernel.K, out double s))
            {
                return s * kernel.Count;
            }

            _notes.Once("gemm-range", $"measured GEMM tables for {_gpuName} do not cover some shapes (first: m={kernel.M}, n={kernel.N}, k={kernel.K}); using roofline for them");
        }
        else if (kernel.Kind is KernelKind.AttentionPrefill or KernelKind.AttentionDecode)
        {
            _notes.Once("attention", "measured tables do not cover attention kernels yet; using roofline for attention");
        }

        return _fallback.Seconds(kernel);
    }
}
