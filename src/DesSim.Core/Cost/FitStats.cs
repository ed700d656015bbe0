namespace DesSim.Core.Cost;

/// <summary>Quality of a fit or a prediction: R², median and max relative error over a set of points.</summary>
/// <param name="Count">Points compared.</param>
/// <param name="RSquared">Coefficient of determination of predicted vs measured (NaN with fewer than two points).</param>
/// <param name="MedianAbsRelativeError">Median |predicted − measured| / measured (a fraction).</param>
/// <param name="MaxAbsRelativeError">Largest |predicted − measured| / measured (a fraction).</param>
public sealed record FitStats(int Count, double RSquared, double MedianAbsRelativeError, double MaxAbsRelativeError)
{
    /// <summary>Statistics of <paramref name="predicted"/> against <paramref name="measured"/> (same length, measured &gt; 0).</summary>
    public static FitStats Of(IReadOnlyList<double> predicted, IReadOnlyList<double> measured)
    {
        if (predicted.Count != measured.Count)
        {
            throw new ArgumentException("predicted and measured differ in length", nameof(predicted));
        }

        if (predicted.Count == 0)
        {
            return new FitStats(0, double.NaN, double.NaN, double.NaN);
        }

        var rel = predicted.Zip(measured, (p, m) => Math.Abs(p - m) / m).ToArray();
        double r2 = predicted.Count < 2 ? double.NaN : MathNet.Numerics.GoodnessOfFit.CoefficientOfDetermination(predicted, measured);
        return new FitStats(predicted.Count, r2, MathNet.Numerics.Statistics.Statistics.Median(rel), rel.Max());
    }
}
