namespace DesSim.Reporting.Charts;

/// <summary>Quantiles of sorted samples by linear interpolation between closest ranks (NumPy's default method).</summary>
internal static class SampleQuantile
{
    /// <summary>The q-quantile (0 ≤ q ≤ 1) of ascending <paramref name="sorted"/>; NaN when empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = Math.Clamp(q, 0, 1) * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
