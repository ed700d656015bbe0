using DesSim.Core.Hardware;

namespace DesSim.Core.Calibration;

/// <summary>Fits a <see cref="CalibrationProfile"/> from imported measurements (MathNet.Numerics least squares).</summary>
/// <remarks>Kernels: per op class, a degree-<see cref="CurveOrder"/> polynomial of log(measured / ideal) in log10(ideal)
/// (at least <see cref="MinSamples"/> samples). Collectives: one alpha-beta fit per (op, GPU count) with at least two sizes.</remarks>
public static class CalibrationFitter
{
    /// <summary>Polynomial order of the efficiency curves. Source: choice — order 2 captures the rise from launch-bound to
    /// saturated efficiency without oscillating between sparse sizes.</summary>
    public const int CurveOrder = 2;

    /// <summary>Fewest samples for a curve.</summary>
    public const int MinSamples = 5;

    /// <summary>Fits the profile for <paramref name="gpu"/>.</summary>
    public static CalibrationProfile Fit(GpuSpec gpu, ImportedProfiles data)
    {
        var curves = new List<EfficiencyCurve>();
        foreach (var g in data.Kernels.GroupBy(k => k.Op == "gemm" && k.LowPrecision ? "gemm_fp8" : k.Op).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var pts = g.Select(k => (Ideal: CalibrationProfile.IdealSeconds(gpu, k.Flops, k.Bytes, k.LowPrecision), k.Seconds)).Where(p => p.Ideal > 0 && p.Seconds > 0).ToArray();
            if (pts.Length < MinSamples)
            {
                continue;
            }

            var xs = pts.Select(p => Math.Log10(p.Ideal)).ToArray();
            var ys = pts.Select(p => Math.Log(p.Seconds / p.Ideal)).ToArray();
            var coeffs = MathNet.Numerics.Fit.Polynomial(xs, ys, CurveOrder);
            var curve = new EfficiencyCurve(g.Key, coeffs, xs.Min(), xs.Max(), new FitStats(0, double.NaN, double.NaN, double.NaN));
            var q = FitStats.Of(pts.Select(p => curve.Seconds(p.Ideal)).ToArray(), pts.Select(p => p.Seconds).ToArray());
            curves.Add(curve with { Quality = q });
        }

        var collectives = data.Collectives
            .GroupBy(c => (c.Op, c.Gpus))
            .OrderBy(g => g.Key.Op, StringComparer.Ordinal).ThenBy(g => g.Key.Gpus)
            .Where(g => g.Select(c => c.Bytes).Distinct().Count() >= 2)
            .Select(g => AlphaBetaFit.Fit(MergeRepeats(g)))
            .ToArray();
        return new CalibrationProfile(gpu.Name, curves, collectives);
    }

    // Why: some tables repeat each size; averaging keeps every size's weight equal.
    private static CollectiveSample[] MergeRepeats(IEnumerable<CollectiveSample> g) =>
        g.GroupBy(c => c.Bytes).OrderBy(x => x.Key).Select(x => x.First() with { Seconds = x.Average(s => s.Seconds) }).ToArray();
}
