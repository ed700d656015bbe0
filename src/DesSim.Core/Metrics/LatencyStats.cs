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

        var sorted = (double[])samples.Clone();
        Array.Sort(sorted);
        double Q(double p) => Quantile.Linear(sorted, p);
        return new LatencyStats(ArrayStatistics.Mean(samples), Q(0.5), Q(0.9), Q(0.95), Q(0.99), Q(0.999), samples.Length);
    }

    /// <summary>Stats from a nanosecond histogram.</summary>
    public static LatencyStats FromHistogram(LogHistogram h)
    {
        const double nsPerMs = 1e6;
        return new LatencyStats(h.Mean / nsPerMs, h.Quantile(0.5) / nsPerMs, h.Quantile(0.9) / nsPerMs, h.Quantile(0.95) / nsPerMs, h.Quantile(0.99) / nsPerMs, h.Quantile(0.999) / nsPerMs, h.Count);
    }
}
