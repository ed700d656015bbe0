namespace DesSim.Reporting.Charts;

/// <summary>Tick placement: 1-2-5 steps on linear axes, decades (with 2..9 minors) on log axes.</summary>
internal static class NiceTicks
{
    /// <summary>Tolerance, relative to a step, for a tick that lands on an axis end through rounding.</summary>
    private const double EdgeTolerance = 1e-9;

    /// <summary>The 1-2-5 step nearest to <paramref name="span"/> / <paramref name="targetCount"/>.</summary>
    public static double Step(double span, int targetCount)
    {
        if (!(span > 0) || !double.IsFinite(span))
        {
            return 1;
        }

        var raw = span / Math.Max(1, targetCount);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normalized = raw / magnitude;
        var nice = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>Widens [min, max] outward to multiples of <paramref name="step"/>.</summary>
    public static (double Min, double Max) Expand(double min, double max, double step) =>
        (Math.Floor(min / step + EdgeTolerance) * step, Math.Ceiling(max / step - EdgeTolerance) * step);

    /// <summary>Linear ticks: every multiple of <paramref name="step"/> within [min, max].</summary>
    public static IReadOnlyList<Tick> Linear(double min, double max, double step)
    {
        var ticks = new List<Tick>();
        var first = (long)Math.Ceiling(min / step - EdgeTolerance);
        var last = (long)Math.Floor(max / step + EdgeTolerance);
        var maxAbs = Math.Max(Math.Abs(min), Math.Abs(max));
        for (var k = first; k <= last; k++)
        {
            // Why: k * step, not a running sum, so 0.1 + 0.1 + 0.1 never drifts to 0.30000000000000004.
            var value = k * step;
            ticks.Add(new Tick(value, NumberFormat.Tick(value, step, maxAbs), true));
        }

        return ticks;
    }

    /// <summary>Log ticks: labelled decades (every <c>k</c>-th when there are many) and unlabelled 2..9 minors.</summary>
    public static IReadOnlyList<Tick> Log(double min, double max, int maxLabels)
    {
        var ticks = new List<Tick>();
        var firstDecade = (int)Math.Floor(Math.Log10(min) + EdgeTolerance);
        var lastDecade = (int)Math.Ceiling(Math.Log10(max) - EdgeTolerance);
        var decades = lastDecade - firstDecade;
        var labelEvery = Math.Max(1, (int)Math.Ceiling(decades / (double)Math.Max(1, maxLabels)));
        var withMinors = decades <= 6;

        // Why: across two decades or less, decade labels alone are too sparse to read values off; label 2 and 5 too.
        var labelTwoFive = Math.Log10(max / min) <= 2 + EdgeTolerance;
        for (var d = firstDecade; d <= lastDecade; d++)
        {
            var decade = Math.Pow(10, d);
            if (decade >= min * (1 - EdgeTolerance) && decade <= max * (1 + EdgeTolerance))
            {
                var labelled = (d - firstDecade) % labelEvery == 0;
                ticks.Add(new Tick(decade, labelled ? NumberFormat.Decade(decade) : string.Empty, true));
            }

            if (!withMinors)
            {
                continue;
            }

            for (var m = 2; m <= 9; m++)
            {
                var minor = m * decade;
                if (minor >= min * (1 - EdgeTolerance) && minor <= max * (1 + EdgeTolerance))
                {
                    var label = labelTwoFive && m is 2 or 5 ? NumberFormat.Decade(minor) : string.Empty;
                    ticks.Add(new Tick(minor, label, false));
                }
            }
        }

        return ticks;
    }
}
