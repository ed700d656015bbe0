namespace DesSim.Core.Calibration;

/// <summary>A fitted efficiency curve of one op class: measured time = ideal roofline time · exp(p(log10 ideal)).</summary>
/// <remarks>
/// The ideal roofline time is <c>max(FLOPs / peak, bytes / bandwidth)</c> at the GPU's datasheet peaks (no efficiency
/// factors), so exp(−p) is the fraction of the roofline achieved. p is a polynomial (lowest order first); x is clamped
/// to the fitted range [<see cref="LogIdealMin"/>, <see cref="LogIdealMax"/>], so sizes outside the measurements keep
/// the efficiency of the nearest measured size.
/// </remarks>
/// <param name="Op">gemm, gemm_fp8, attention_prefill, attention_decode or elementwise.</param>
/// <param name="Coefficients">Polynomial coefficients in log10(ideal seconds), lowest order first.</param>
/// <param name="LogIdealMin">Smallest log10(ideal seconds) measured.</param>
/// <param name="LogIdealMax">Largest log10(ideal seconds) measured.</param>
/// <param name="Quality">Fit quality on the samples (relative errors of time).</param>
public sealed record EfficiencyCurve(string Op, IReadOnlyList<double> Coefficients, double LogIdealMin, double LogIdealMax, FitStats Quality)
{
    /// <summary>Predicted seconds for a kernel whose ideal roofline time is <paramref name="idealSeconds"/>.</summary>
    public double Seconds(double idealSeconds)
    {
        if (idealSeconds <= 0)
        {
            return 0;
        }

        double x = Math.Clamp(Math.Log10(idealSeconds), LogIdealMin, LogIdealMax);
        double p = 0, xn = 1;
        foreach (var c in Coefficients)
        {
            p += c * xn;
            xn *= x;
        }

        return idealSeconds * Math.Exp(p);
    }
}
