using System.Globalization;

namespace DesSim.Reporting.Charts;

/// <summary>Invariant, deterministic number formatting for SVG coordinates and labels.</summary>
internal static class NumberFormat
{
    /// <summary>Coordinates: at most two decimals (1/100 px is far below what a screen shows).</summary>
    public static string Coord(double value)
    {
        var rounded = Math.Round(value, 2);
        return (rounded == 0 ? 0 : rounded).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A value with <paramref name="digits"/> significant digits, no exponent for everyday magnitudes.</summary>
    public static string Significant(double value, int digits = 3)
    {
        if (!double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        if (value == 0)
        {
            return "0";
        }

        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (magnitude >= 9 || magnitude < -4)
        {
            return value.ToString("0.##e0", CultureInfo.InvariantCulture);
        }

        var decimals = Math.Clamp(digits - 1 - magnitude, 0, 10);
        return Math.Round(value, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A linear tick label: decimals follow the tick step; large values get k/M/G suffixes.</summary>
    /// <param name="value">The tick value.</param>
    /// <param name="step">The tick step of the axis.</param>
    /// <param name="maxAbs">The largest absolute tick value on the axis (chooses the suffix for all ticks alike).</param>
    public static string Tick(double value, double step, double maxAbs)
    {
        var (divisor, suffix) = SuffixFor(maxAbs);
        var scaledStep = step / divisor;
        var decimals = scaledStep >= 1 ? 0 : Math.Min(10, (int)Math.Ceiling(-Math.Log10(scaledStep) - 1e-9));
        var scaled = Math.Round(value / divisor, decimals);
        if (scaled == 0)
        {
            // Why: "0", never "0k" or "-0".
            return 0.0.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return scaled.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>A decade tick label on a log axis: 0.001, 0.1, 1, 10, 1k, 1M.</summary>
    public static string Decade(double value)
    {
        var (divisor, suffix) = value switch
        {
            >= 1e9 => (1e9, "G"),
            >= 1e6 => (1e6, "M"),
            >= 1e3 => (1e3, "k"),
            _ => (1.0, string.Empty),
        };
        var scaled = value / divisor;
        var decimals = scaled >= 1 - 1e-9 ? 0 : Math.Min(12, (int)Math.Ceiling(-Math.Log10(scaled) - 1e-9));
        return Math.Round(scaled, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + suffix;
    }

    private static (double Divisor, string Suffix) SuffixFor(double maxAbs) => Math.Abs(maxAbs) switch
    {
        >= 1e10 => (1e9, "G"),
        >= 1e7 => (1e6, "M"),
        >= 1e4 => (1e3, "k"),
        _ => (1, string.Empty),
    };
}
