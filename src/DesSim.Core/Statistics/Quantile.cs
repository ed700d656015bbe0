namespace DesSim.Core.Statistics;

/// <summary>The project's one sample-quantile method, R-7 (Hyndman &amp; Fan 1996, type 7: linear interpolation between
/// the order statistics at 1-based rank h = (n − 1)·p + 1), and the nearest-rank percentile where a sample value is meant.</summary>
/// <remarks>
/// R-7 is NumPy's default (<c>numpy.percentile(method="linear")</c>) and what <c>vllm bench serve</c> reports, so
/// simulated and measured percentiles are comparable. The arithmetic (h, its integer part and fraction) is that of
/// Math.NET Numerics 5.0.0 <c>SortedArrayStatistics.QuantileCustom(…, QuantileDefinition.R7)</c>, bit for bit, so
/// results written before this room existed are unchanged. Sorted samples and <see cref="LogHistogram"/> both take
/// their interpolation position from <see cref="Position"/>.
/// </remarks>
public static class Quantile
{
    /// <summary>The R-7 interpolation position of quantile <paramref name="p"/> ∈ [0, 1] among <paramref name="count"/>
    /// ascending values: the 0-based ranks to interpolate between and the weight of the upper one.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive or <paramref name="p"/> is outside [0, 1].</exception>
    public static QuantilePosition Position(long count, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a quantile level is in [0, 1]");
        }

        if (p == 0 || count == 1)
        {
            return new QuantilePosition(0, 0, 0);
        }

        if (p == 1)
        {
            return new QuantilePosition(count - 1, count - 1, 0);
        }

        double h = ((count - 1) * p) + 1d;
        long hf = (long)h;
        return new QuantilePosition(Math.Max(hf - 1, 0), Math.Min(hf, count - 1), h - hf);
    }

    /// <summary>The R-7 quantile <paramref name="p"/> ∈ [0, 1] of ascending <paramref name="sorted"/>; NaN when empty.</summary>
    public static double Linear(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var at = Position(sorted.Count, p);
        return Interpolate(sorted[(int)at.Lower], sorted[(int)at.Upper], at.Fraction);
    }

    /// <summary>The R-7 quantile <paramref name="p"/> of unsorted <paramref name="samples"/> (a sorted copy is taken); NaN when empty.</summary>
    public static double LinearOfUnsorted(IEnumerable<double> samples, double p)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        return Linear(sorted, p);
    }

    /// <summary>The nearest-rank percentile: the smallest sample with at least a share <paramref name="p"/> ∈ [0, 1]
    /// of the samples at or below it (rank ⌈p·n⌉, 1-based, clamped to [1, n]); always a sample value, never interpolated.</summary>
    /// <exception cref="ArgumentException"><paramref name="sorted"/> is empty.</exception>
    public static T NearestRank<T>(IReadOnlyList<T> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("the nearest-rank percentile of no samples is undefined", nameof(sorted));
        }

        int rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>lower + fraction · (upper − lower), the R-7 interpolation step.</summary>
    public static double Interpolate(double lower, double upper, double fraction) => lower + (fraction * (upper - lower));
}
