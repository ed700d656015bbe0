using System.Globalization;

namespace DesSim.Reporting.Charts;

/// <summary>Invariant, deterministic number formatting for chart labels and report cells.</summary>
internal static class NumberFormat
{
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
}
