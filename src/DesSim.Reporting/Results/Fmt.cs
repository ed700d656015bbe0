using System.Globalization;

namespace DesSim.Reporting.Results;

/// <summary>Deterministic, culture-free number formatting for result files.</summary>
/// <remarks>Times in seconds carry 9 decimals (exact nanoseconds); milliseconds 6 decimals (exact nanoseconds);
/// shares and rates 6 significant decimals. NaN is written as an empty field.</remarks>
internal static class Fmt
{
    public static string Seconds(long nanoseconds) => nanoseconds < 0 ? string.Empty : (nanoseconds / 1e9).ToString("F9", CultureInfo.InvariantCulture);

    public static string Seconds(DesSim.Engine.SimTime time) => Seconds(time.Nanoseconds);

    public static string Seconds(double seconds) => double.IsFinite(seconds) ? seconds.ToString("F9", CultureInfo.InvariantCulture) : string.Empty;

    public static string Ms(double milliseconds) => double.IsFinite(milliseconds) ? milliseconds.ToString("F6", CultureInfo.InvariantCulture) : string.Empty;

    public static string Ratio(double value) => double.IsFinite(value) ? value.ToString("F6", CultureInfo.InvariantCulture) : string.Empty;

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Rounds for JSON (6 decimals, enough for ms and shares) so results stay stable to the last printed digit.</summary>
    public static double Round(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
