using DesSim.Core.Statistics;
using System.Globalization;
using System.Text;

namespace DesSim.Core.Workload;

/// <summary>Summary statistics of a workload: request count, span, mean rate, burstiness, length percentiles and histograms.</summary>
/// <remarks>
/// Computed by draining an open-loop <see cref="IRequestSource"/>. Span = last − first arrival (s); mean rate = (requests − 1) / span
/// (requests/s, the reciprocal of the mean gap); inter-arrival CV = std/mean of the gaps (1 for Poisson, &gt; 1 bursty).
/// Memory: 8 bytes per request (the lengths are kept for exact percentiles).
/// </remarks>
public sealed class TraceStats
{
    /// <summary>Default number of histogram bins.</summary>
    public const int DefaultBins = 30; // enough to show shape, few enough to read

    private TraceStats()
    {
    }

    /// <summary>Requests counted.</summary>
    public long Requests { get; private init; }

    /// <summary>Time from the first to the last arrival (s).</summary>
    public double SpanSeconds { get; private init; }

    /// <summary>Mean arrival rate (requests/s): (requests − 1) / span; 0 when the span is 0.</summary>
    public double MeanRequestsPerSecond { get; private init; }

    /// <summary>Coefficient of variation of inter-arrival gaps (dimensionless); NaN with fewer than two gaps.</summary>
    public double InterArrivalCv { get; private init; }

    /// <summary>Prompt lengths.</summary>
    public LengthSummary InputTokens { get; private init; } = null!;

    /// <summary>Output lengths.</summary>
    public LengthSummary OutputTokens { get; private init; } = null!;

    /// <summary>Histogram of prompt lengths (equal-width bins from min to max).</summary>
    public IReadOnlyList<HistogramBin> InputHistogram { get; private init; } = [];

    /// <summary>Histogram of output lengths.</summary>
    public IReadOnlyList<HistogramBin> OutputHistogram { get; private init; } = [];

    /// <summary>Drains <paramref name="source"/> and computes the statistics.</summary>
    /// <exception cref="InputException">The source yields no requests.</exception>
    public static TraceStats Compute(IRequestSource source, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var inputs = new List<int>();
        var outputs = new List<int>();
        long first = 0, last = 0, gaps = 0;
        double mean = 0, m2 = 0; // Welford running mean and sum of squares of gaps (s)
        while (source.TryNext(out var r))
        {
            long t = r.Arrival.Nanoseconds;
            if (inputs.Count == 0)
            {
                first = t;
            }
            else
            {
                double gap = (t - last) / 1e9;
                gaps++;
                double d = gap - mean;
                mean += d / gaps;
                m2 += d * (gap - mean);
            }

            last = t;
            inputs.Add(r.InputTokens);
            outputs.Add(r.OutputTokens);
        }

        if (inputs.Count == 0)
        {
            throw new InputException("the workload has no requests (after filters)");
        }

        double span = (last - first) / 1e9;
        double std = gaps > 1 ? Math.Sqrt(m2 / (gaps - 1)) : double.NaN;
        return new TraceStats
        {
            Requests = inputs.Count,
            SpanSeconds = span,
            MeanRequestsPerSecond = span > 0 ? gaps / span : 0,
            InterArrivalCv = gaps > 1 && mean > 0 ? std / mean : double.NaN,
            InputTokens = Summarize(inputs),
            OutputTokens = Summarize(outputs),
            InputHistogram = Histogram(inputs, bins),
            OutputHistogram = Histogram(outputs, bins),
        };
    }

    /// <summary>A plain-text report (invariant culture).</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.Append(c, $"requests:            {Requests}\n");
        sb.Append(c, $"span:                {SpanSeconds:F3} s\n");
        sb.Append(c, $"mean rate:           {MeanRequestsPerSecond:F3} requests/s\n");
        sb.Append(c, $"inter-arrival CV:    {InterArrivalCv:F3} (1 = Poisson, > 1 bursty)\n");
        sb.Append("                     mean       min       p50       p90       p95       p99       max\n");
        void Row(string name, LengthSummary s) =>
            sb.Append(c, $"{name,-16}{s.MeanTokens,9:F1} {s.MinTokens,9} {s.P50Tokens,9} {s.P90Tokens,9} {s.P95Tokens,9} {s.P99Tokens,9} {s.MaxTokens,9}\n");
        Row("input tokens", InputTokens);
        Row("output tokens", OutputTokens);
        return sb.ToString();
    }

    /// <summary>Nearest-rank percentile <paramref name="p"/> (0–100] of sorted values (<see cref="Quantile.NearestRank"/>).</summary>
    public static int Percentile(IReadOnlyList<int> sorted, double p) => Quantile.NearestRank(sorted, p / 100.0);

    private static LengthSummary Summarize(List<int> values)
    {
        values.Sort();
        return new LengthSummary(values.Average(), values[0], Percentile(values, 50), Percentile(values, 90), Percentile(values, 95), Percentile(values, 99), values[^1]);
    }

    private static List<HistogramBin> Histogram(List<int> sorted, int bins)
    {
        double lo = sorted[0], hi = sorted[^1];
        if (hi == lo)
        {
            return [new HistogramBin(lo, hi, sorted.Count)];
        }

        double width = (hi - lo) / bins;
        var counts = new long[bins];
        foreach (var v in sorted)
        {
            counts[Math.Min(bins - 1, (int)((v - lo) / width))]++;
        }

        return [.. Enumerable.Range(0, bins).Select(i => new HistogramBin(lo + (i * width), i == bins - 1 ? hi : lo + ((i + 1) * width), counts[i]))];
    }
}
