using DesSim.Core.Hardware;

namespace DesSim.Core.Cost;

/// <summary>Compares the roofline GEMM model with a GPU's measured GEMM table.</summary>
/// <remarks>Relative error = |roofline − measured| / measured, over every measured (m, n, k) point of the table.</remarks>
public static class RooflineComparison
{
    /// <summary>Median relative error and the number of shapes compared; (NaN, 0) when the GPU has no table for <paramref name="dtype"/>.</summary>
    public static (double Median, int Count) MedianRelativeError(GpuSpec gpu, string dtype)
    {
        var errors = RelativeErrors(gpu, dtype);
        if (errors.Count == 0)
        {
            return (double.NaN, 0);
        }

        errors.Sort();
        int c = errors.Count;
        double median = c % 2 == 1 ? errors[c / 2] : (errors[(c / 2) - 1] + errors[c / 2]) / 2;
        return (median, c);
    }

    /// <summary>Signed relative errors (roofline / measured − 1) per measured shape, grouped by m.</summary>
    public static IReadOnlyList<(int M, double MedianSignedError)> ByM(GpuSpec gpu, string dtype)
    {
        var table = gpu.ProfileKey is null ? null : MeasuredProfiles.Gemm(gpu.ProfileKey, dtype);
        if (table is null)
        {
            return [];
        }

        var roofline = new RooflineKernelTimer(gpu, dtype == "fp8" ? Precision.Fp8 : Precision.Bf16);
        int w = dtype == "fp8" ? 1 : 2;
        return table.Points.GroupBy(p => p.M).Select(g =>
        {
            var e = g.Select(p => (roofline.GemmSeconds(p.M, p.N, p.K, w) / p.LatencySeconds) - 1).Order().ToList();
            return (g.Key, e[e.Count / 2]);
        }).ToList();
    }

    private static List<double> RelativeErrors(GpuSpec gpu, string dtype)
    {
        var table = gpu.ProfileKey is null ? null : MeasuredProfiles.Gemm(gpu.ProfileKey, dtype);
        if (table is null)
        {
            return [];
        }

        var roofline = new RooflineKernelTimer(gpu, dtype == "fp8" ? Precision.Fp8 : Precision.Bf16);
        int w = dtype == "fp8" ? 1 : 2;
        return table.Points.Select(p => Math.Abs(roofline.GemmSeconds(p.M, p.N, p.K, w) - p.LatencySeconds) / p.LatencySeconds).ToList();
    }
}
