namespace DesSim.Core.Cost;

/// <summary>A fitted efficiency surface of one op class: measured time = ideal roofline time · exp(p(x, z)).</summary>
/// <remarks>
/// x = log10 of the ideal roofline time <c>max(FLOPs / peak, bytes / bandwidth)</c> at the GPU's datasheet peaks (no
/// efficiency factors) — the kernel's size; z = log10(compute time / memory time) — where it sits against the ridge
/// point. p is a quadratic with terms [1, x, x², z, z², x·z] (<see cref="Coefficients"/> may stop early: missing terms are
/// 0). x and z are clamped to the fitted ranges, so shapes outside the measurements keep the nearest measured efficiency.
/// exp(−p) is the fraction of the roofline achieved.
/// </remarks>
/// <param name="Op">gemm, gemm_fp8, attention_prefill, attention_decode or elementwise.</param>
/// <param name="Coefficients">Coefficients of [1, x, x², z, z², x·z].</param>
/// <param name="LogIdealMin">Smallest x measured.</param>
/// <param name="LogIdealMax">Largest x measured.</param>
/// <param name="Quality">Fit quality on the samples (relative errors of time).</param>
/// <param name="LogBalanceMin">Smallest z measured.</param>
/// <param name="LogBalanceMax">Largest z measured.</param>
public sealed record EfficiencyCurve(string Op, IReadOnlyList<double> Coefficients, double LogIdealMin, double LogIdealMax, FitStats Quality, double LogBalanceMin = 0, double LogBalanceMax = 0)
{
    /// <summary>Number of polynomial terms.</summary>
    public const int Terms = 6;

    /// <summary>The terms [1, x, x², z, z², x·z].</summary>
    public static double[] TermsOf(double x, double z) => [1, x, x * x, z, z * z, x * z];

    /// <summary>Predicted seconds for a kernel whose ideal compute and memory times are given (seconds, at datasheet peaks).</summary>
    public double Seconds(double computeSeconds, double memorySeconds)
    {
        double ideal = Math.Max(computeSeconds, memorySeconds);
        if (ideal <= 0)
        {
            return 0;
        }

        double x = Math.Clamp(Math.Log10(ideal), LogIdealMin, LogIdealMax);
        double z = computeSeconds > 0 && memorySeconds > 0 ? Math.Clamp(Math.Log10(computeSeconds / memorySeconds), LogBalanceMin, LogBalanceMax) : LogBalanceMin;
        var t = TermsOf(x, z);
        double p = 0;
        for (int i = 0; i < Coefficients.Count && i < t.Length; i++)
        {
            p += Coefficients[i] * t[i];
        }

        return ideal * Math.Exp(p);
    }
}
