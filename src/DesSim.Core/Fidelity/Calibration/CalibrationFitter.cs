using DesSim.Core.Cost;
using DesSim.Core.Hardware;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Fits a <see cref="CalibrationProfile"/> from imported measurements (MathNet.Numerics least squares).</summary>
/// <remarks>Kernels: per op class, a quadratic of log(measured / ideal) in x = log10(ideal) and z = log10(compute / memory
/// time) (see <see cref="EfficiencyCurve"/>; at least <see cref="MinSamples"/> samples). Collectives: one alpha-beta fit per (op, GPU count) with at least two sizes.</remarks>
public static class CalibrationFitter
{
    /// <summary>Polynomial order in x when the balance terms are dropped. Source: choice — order 2 captures the rise from
    /// launch-bound to saturated efficiency without oscillating between sparse sizes.</summary>
    public const int CurveOrder = 2;

    /// <summary>Smallest spread of log10(compute/memory time) across samples for the balance terms to be fitted.</summary>
    public const double MinBalanceSpread = 0.1;

    /// <summary>Fewest samples for a curve.</summary>
    public const int MinSamples = 5;

    /// <summary>Fits the profile for <paramref name="gpu"/>.</summary>
    public static CalibrationProfile Fit(GpuSpec gpu, ImportedProfiles data)
    {
        var curves = new List<EfficiencyCurve>();
        foreach (var g in data.Kernels.GroupBy(k => k.Op == "gemm" && k.LowPrecision ? "gemm_fp8" : k.Op).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var pts = g.Select(k => (T: CalibrationProfile.IdealTimes(gpu, k.Flops, k.Bytes, k.LowPrecision), k.Seconds))
                .Where(p => p.T.Compute > 0 && p.T.Memory > 0 && p.Seconds > 0).ToArray();
            if (pts.Length < MinSamples)
            {
                continue;
            }

            var xs = pts.Select(p => Math.Log10(Math.Max(p.T.Compute, p.T.Memory))).ToArray();
            var zs = pts.Select(p => Math.Log10(p.T.Compute / p.T.Memory)).ToArray();
            var ys = pts.Select(p => Math.Log(p.Seconds / Math.Max(p.T.Compute, p.T.Memory))).ToArray();
            // Why: when every sample has the same balance (element-wise ops), the z terms are collinear with the constant.
            int terms = zs.Max() - zs.Min() > MinBalanceSpread ? EfficiencyCurve.Terms : CurveOrder + 1;
            var rows = xs.Select((x, i) => EfficiencyCurve.TermsOf(x, zs[i]).Take(terms).ToArray()).ToArray();
            var coeffs = Solve(rows, ys);
            var curve = new EfficiencyCurve(g.Key, coeffs, xs.Min(), xs.Max(), new FitStats(0, double.NaN, double.NaN, double.NaN), zs.Min(), zs.Max());
            var q = FitStats.Of(pts.Select(p => curve.Seconds(p.T.Compute, p.T.Memory)).ToArray(), pts.Select(p => p.Seconds).ToArray());
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

    // Least squares by QR; drops trailing terms until the design matrix has full column rank.
    private static double[] Solve(double[][] rows, double[] ys)
    {
        var y = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(ys);
        for (int n = rows[0].Length; n >= 1; n--)
        {
            var x = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(rows.Select(r => r.Take(n).ToArray()));
            // Why: rank of the n×n normal matrix, and a thin QR: the tables hold up to ~10⁵ rows.
            if (x.TransposeThisAndMultiply(x).Rank() == n)
            {
                return x.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Solve(y).ToArray();
            }
        }

        return [ys.Average()];
    }

    // Why: some tables repeat each size; averaging keeps every size's weight equal.
    private static CollectiveSample[] MergeRepeats(IEnumerable<CollectiveSample> g) =>
        g.GroupBy(c => c.Bytes).OrderBy(x => x.Key).Select(x => x.First() with { Seconds = x.Average(s => s.Seconds) }).ToArray();
}
