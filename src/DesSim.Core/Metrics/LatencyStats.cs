using DesSim.Core.Statistics;
using MathNet.Numerics.Statistics;

namespace DesSim.Core.Metrics;

/// <summary>Mean and percentiles of one latency metric, in milliseconds.</summary>
/// <remarks>Percentiles are <see cref="Quantile.Linear"/> (R-7, as numpy and <c>vllm bench serve</c>).
/// All NaN when there are no samples.</remarks>
public sealed record LatencyStats(double Mean, double Median, double P90, double P95, double P99, double P999, long Count)
{
    /// <summary>Stats of raw samples in milliseconds.</summary>
    public static LatencyStats FromMilliseconds(double[] samples)
    {
        if (samples.Length == 0)
        {
            return new LatencyStats(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }

        return FromOwnedMilliseconds((double[])samples.Clone());
    }

    /// <summary>Stats of raw samples in milliseconds that the caller hands over: they are sorted in place (no copy).</summary>
    internal static LatencyStats FromOwnedMilliseconds(double[] samples)
    {
        if (samples.Length == 0)
        {
            return new LatencyStats(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }

        // Why the mean first: it is summed in the samples' own order, as before the sort-in-place, so results are unchanged.
        double mean = ArrayStatistics.Mean(samples);
        Array.Sort(samples);
        double Q(double p) => Quantile.Linear(samples, p);
        return new LatencyStats(mean, Q(0.5), Q(0.9), Q(0.95), Q(0.99), Q(0.999), samples.Length);
    }

    /// <summary>Stats from a histogram whose values are in units of 1 / <paramref name="unitsPerMillisecond"/> ms
    /// (nanoseconds by default).</summary>
    public static LatencyStats FromHistogram(LogHistogram h, double unitsPerMillisecond = NanosecondsPerMillisecond)
    {
        ArgumentNullException.ThrowIfNull(h);
        double u = unitsPerMillisecond;
        var q = h.Quantiles([0.5, 0.9, 0.95, 0.99, 0.999]);
        return q.Length == 0
            ? new LatencyStats(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0)
            : new LatencyStats(h.Mean / u, q[0] / u, q[1] / u, q[2] / u, q[3] / u, q[4] / u, h.Count);
    }

    private const double NanosecondsPerMillisecond = 1e6;
}
