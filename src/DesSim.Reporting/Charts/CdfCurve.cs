using DesSim.Core.Statistics;

namespace DesSim.Reporting.Charts;

/// <summary>The empirical CDF of raw samples: sorted finite values, exact p50/p99, and the step points to draw.</summary>
/// <remarks>Y is the fraction of samples ≤ x. Above <see cref="MaxPoints"/> samples the curve is drawn through
/// evenly spaced quantiles (a million-request run still gives a small SVG); markers always use the exact quantiles
/// (linear interpolation between closest ranks, NumPy's default).</remarks>
internal sealed class CdfCurve
{
    /// <summary>Most steps drawn: about one per horizontal pixel of a slide-size chart.</summary>
    public const int MaxPoints = 1000;

    private readonly double[] _sorted;

    /// <summary>Sorts the finite samples.</summary>
    public CdfCurve(IEnumerable<double> samples)
    {
        _sorted = samples.Where(double.IsFinite).ToArray();
        Array.Sort(_sorted);
        P50 = Quantile.Linear(_sorted, 0.50);
        P99 = Quantile.Linear(_sorted, 0.99);
    }

    /// <summary>Number of finite samples.</summary>
    public int Count => _sorted.Length;

    /// <summary>Median (NaN when empty).</summary>
    public double P50 { get; }

    /// <summary>99th percentile (NaN when empty).</summary>
    public double P99 { get; }

    /// <summary>Largest sample (NaN when empty).</summary>
    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    /// <summary>Smallest positive sample (NaN when none): the floor of a log axis.</summary>
    public double MinPositive => _sorted.FirstOrDefault(x => x > 0, double.NaN);

    /// <summary>Points of a step-after line: (first value, 0), then (value, fraction ≤ value) per step.</summary>
    public (double[] X, double[] Y) Points()
    {
        var n = _sorted.Length;
        if (n == 0)
        {
            return ([], []);
        }

        var steps = Math.Min(n, MaxPoints);
        var xs = new double[steps + 1];
        var ys = new double[steps + 1];
        xs[0] = _sorted[0];
        for (var k = 1; k <= steps; k++)
        {
            var fraction = k / (double)steps;
            var index = n <= MaxPoints ? k - 1 : Math.Clamp((int)Math.Ceiling(fraction * n) - 1, 0, n - 1);
            xs[k] = _sorted[index];
            ys[k] = n <= MaxPoints ? k / (double)n : fraction;
        }

        return (xs, ys);
    }
}
