using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace DesSim.Core.Studies;

/// <summary>A metric over R replications (seeds): the mean and the 95% confidence half-width of the mean.</summary>
/// <remarks>Half-width = t(0.975, R−1) · s / √R with the Student t quantile (MathNet) and the sample standard deviation;
/// 0 when R = 1 (no spread to estimate: the CSV writes it empty). NaN samples (no data) are skipped; all-NaN gives NaN.</remarks>
public readonly record struct ReplicatedValue(double Mean, double HalfWidth95, int Count)
{
    /// <summary>Two-sided 95% confidence: the t quantile at 1 − 0.05/2.</summary>
    private const double UpperQuantile = 0.975;

    /// <summary>Mean and half-width of <paramref name="samples"/>.</summary>
    public static ReplicatedValue Of(IEnumerable<double> samples)
    {
        var xs = samples.Where(x => !double.IsNaN(x)).ToArray();
        if (xs.Length == 0)
        {
            return new ReplicatedValue(double.NaN, double.NaN, 0);
        }

        double mean = ArrayStatistics.Mean(xs);
        if (xs.Length == 1)
        {
            return new ReplicatedValue(mean, 0, 1);
        }

        double sd = ArrayStatistics.StandardDeviation(xs);
        double t = StudentT.InvCDF(0, 1, xs.Length - 1, UpperQuantile);
        return new ReplicatedValue(mean, t * sd / Math.Sqrt(xs.Length), xs.Length);
    }

    /// <summary>Whether <paramref name="threshold"/> lies inside the interval mean ± half-width (the verdict is within the noise).</summary>
    public bool Straddles(double threshold) => Count > 1 && Math.Abs(Mean - threshold) <= HalfWidth95;
}
