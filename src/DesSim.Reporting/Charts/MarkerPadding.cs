namespace DesSim.Reporting.Charts;

/// <summary>Widens data bounds a little around marker series, so markers at the extremes are drawn whole.</summary>
internal static class MarkerPadding
{
    public static void Apply(DataBounds bounds, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        Pad(xs, bounds.IncludeX, bounds.IncludeXForLogOnly);
        Pad(ys, bounds.IncludeY, bounds.IncludeYForLogOnly);
    }

    private static void Pad(IReadOnlyList<double> values, Action<double> include, Action<double> includeForLog)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return;
        }

        var min = finite.Min();
        var max = finite.Max();
        var pad = (max - min) * ChartStyle.MarkerPadding;
        include(min - pad);
        include(max + pad);
        if (min > 0)
        {
            // Why: on a log axis, pad multiplicatively (the additive pad may go below zero and be ignored).
            includeForLog(min / (1 + (2 * ChartStyle.MarkerPadding)));
        }
    }
}
