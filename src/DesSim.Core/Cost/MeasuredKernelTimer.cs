namespace DesSim.Core.Cost;

/// <summary>Prices GEMMs and (where tables exist) attention from measured tables, interpolated; element-wise kernels and
/// shapes outside the tables by roofline.</summary>
/// <remarks>Measured latencies already include the kernel's fixed cost, so no launch overhead is added to them. The first
/// time a kind of kernel is not covered, a note is recorded (once per kind per run).</remarks>
public sealed class MeasuredKernelTimer : IKernelTimer
{
    private readonly GemmTable _gemm;
    private readonly RooflineKernelTimer _fallback;
    private readonly RunNotes _notes;
    private readonly string _gpuName;
    private readonly LatencyMemo _gemmMemo = new(); // (m, n, k) -> table latency per launch, NaN when not covered

    private readonly AttentionTable? _context;
    private readonly AttentionTable? _generation;

    /// <summary>Creates the timer; attention tables are optional (null: attention by roofline).</summary>
    public MeasuredKernelTimer(GemmTable gemm, RooflineKernelTimer fallback, RunNotes notes, AttentionTable? context = null, AttentionTable? generation = null)
    {
        _gemm = gemm;
        _context = context;
        _generation = generation;
        _fallback = fallback;
        _notes = notes;
        _gpuName = fallback.Gpu.Name;
    }

    /// <inheritdoc />
    public double Seconds(in Kernel kernel)
    {
        if (kernel.Kind == KernelKind.Gemm)
        {
            if (GemmLatency(kernel.M, kernel.N, kernel.K, out double s))
            {
                return s * kernel.Count;
            }

            _notes.Once("gemm-range", $"measured GEMM tables for {_gpuName} do not cover some shapes (first: m={kernel.M}, n={kernel.N}, k={kernel.K}); using roofline for them");
        }
        else if (kernel.Kind is KernelKind.AttentionPrefill or KernelKind.AttentionDecode)
        {
            var table = kernel.Kind == KernelKind.AttentionPrefill ? _context : _generation;
            if (table is not null && table.TrySeconds(kernel, out double s))
            {
                // Why: a prefill chunk reads every key its sequence holds at least once, so it takes no less than a decode
                // step over the same keys (the bound that matters for a few new tokens on a long cached prefix).
                if (kernel.Kind == KernelKind.AttentionPrefill && _generation is not null && _generation.TryKeySeconds(kernel.M, kernel.N, out double read))
                {
                    return Math.Max(s, read);
                }

                return s;
            }

            _notes.Once(table is null ? "attention" : "attention-range", table is null
                ? $"measured attention tables do not cover this GPU and head layout; using roofline for attention"
                : $"measured attention tables for {_gpuName} do not cover some batches (first: {kernel.Name} over {kernel.M} sequences of ~{kernel.N} tokens); using roofline for them");
        }

        return _fallback.Seconds(kernel);
    }

    private bool GemmLatency(int m, int n, int k, out double seconds)
    {
        long key = LatencyMemo.Pack(m, n, k);
        if (key < 0)
        {
            return _gemm.TryLatencySeconds(m, n, k, out seconds);
        }

        if (!_gemmMemo.TryGet(key, out seconds))
        {
            seconds = _gemm.TryLatencySeconds(m, n, k, out double s) ? s : double.NaN;
            _gemmMemo.Set(key, seconds);
        }

        return !double.IsNaN(seconds);
    }
}
