using System.Globalization;

namespace DesSim.Engine;

/// <summary>A point or span of simulated time, held as integer nanoseconds.</summary>
/// <remarks>
/// Why integers: floating-point clocks drift and make same-time ordering depend on rounding;
/// nanoseconds in a <see cref="long"/> cover ±292 years, far beyond any simulated run.
/// The one rounding rule: every conversion of a real-valued duration (seconds, milliseconds, microseconds, or a
/// nanosecond count computed in floating point) to <see cref="SimTime"/> rounds to the nearest nanosecond, away from
/// zero on ties, here (<see cref="FromSeconds"/>, <see cref="TryFromSeconds"/>, <see cref="FromNanosecondsRounded"/>).
/// Callers that need their own error (a cost model's negative duration, a trace row's bad time) validate first and then
/// call one of these; nothing else multiplies by 10⁹ and rounds.
/// </remarks>
public readonly record struct SimTime(long Nanoseconds) : IComparable<SimTime>
{
    /// <summary>Nanoseconds in one second.</summary>
    public const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Nanoseconds in one millisecond.</summary>
    public const long NanosecondsPerMillisecond = 1_000_000;

    /// <summary>Nanoseconds in one microsecond.</summary>
    public const long NanosecondsPerMicrosecond = 1_000;

    /// <summary>Time zero.</summary>
    public static readonly SimTime Zero = new(0);

    /// <summary>The largest representable time; used as "never".</summary>
    public static readonly SimTime MaxValue = new(long.MaxValue);

    /// <summary>This time in seconds.</summary>
    public double Seconds => Nanoseconds / (double)NanosecondsPerSecond;

    /// <summary>This time in milliseconds.</summary>
    public double Milliseconds => Nanoseconds / (double)NanosecondsPerMillisecond;

    /// <summary>This time in microseconds.</summary>
    public double Microseconds => Nanoseconds / (double)NanosecondsPerMicrosecond;

    /// <summary>A time from seconds, rounded to the nearest nanosecond.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or out of range.</exception>
    public static SimTime FromSeconds(double seconds) => FromScaled(seconds, NanosecondsPerSecond, nameof(seconds));

    /// <summary>A time from milliseconds, rounded to the nearest nanosecond.</summary>
    public static SimTime FromMilliseconds(double milliseconds) => FromScaled(milliseconds, NanosecondsPerMillisecond, nameof(milliseconds));

    /// <summary>A time from microseconds, rounded to the nearest nanosecond.</summary>
    public static SimTime FromMicroseconds(double microseconds) => FromScaled(microseconds, NanosecondsPerMicrosecond, nameof(microseconds));

    /// <summary>A time from whole nanoseconds.</summary>
    public static SimTime FromNanoseconds(long nanoseconds) => new(nanoseconds);

    /// <summary>A time from a nanosecond count computed in floating point (e.g. <c>i · 10⁹ / rate</c>), rounded to the
    /// nearest nanosecond.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or out of range.</exception>
    public static SimTime FromNanosecondsRounded(double nanoseconds) => FromScaled(nanoseconds, 1, nameof(nanoseconds));

    /// <summary>As <see cref="FromSeconds"/>, but false instead of an exception when <paramref name="seconds"/> is not
    /// finite or its nanoseconds do not fit a <see cref="long"/>.</summary>
    public static bool TryFromSeconds(double seconds, out SimTime time)
    {
        double ns = Round(seconds * NanosecondsPerSecond);
        bool fits = Fits(ns);
        time = fits ? new SimTime((long)ns) : default;
        return fits;
    }

    private static SimTime FromScaled(double value, long scale, string name)
    {
        double ns = Round(value * scale);
        if (!Fits(ns))
        {
            throw new ArgumentOutOfRangeException(name, value, "time is not finite or out of range");
        }

        return new SimTime((long)ns);
    }

    // The rounding rule (see remarks).
    private static double Round(double nanoseconds) => Math.Round(nanoseconds, MidpointRounding.AwayFromZero);

    // Why: casting a double beyond long's range is unspecified (x64 gives long.MinValue), so it is checked before the cast.
    private static bool Fits(double nanoseconds) => double.IsFinite(nanoseconds) && nanoseconds < long.MaxValue && nanoseconds > long.MinValue;

    public static SimTime operator +(SimTime a, SimTime b) => new(checked(a.Nanoseconds + b.Nanoseconds));

    public static SimTime operator -(SimTime a, SimTime b) => new(checked(a.Nanoseconds - b.Nanoseconds));

    public static SimTime operator *(SimTime a, long k) => new(checked(a.Nanoseconds * k));

    public static bool operator <(SimTime a, SimTime b) => a.Nanoseconds < b.Nanoseconds;

    public static bool operator >(SimTime a, SimTime b) => a.Nanoseconds > b.Nanoseconds;

    public static bool operator <=(SimTime a, SimTime b) => a.Nanoseconds <= b.Nanoseconds;

    public static bool operator >=(SimTime a, SimTime b) => a.Nanoseconds >= b.Nanoseconds;

    /// <summary>The later of two times.</summary>
    public static SimTime Max(SimTime a, SimTime b) => a.Nanoseconds >= b.Nanoseconds ? a : b;

    /// <summary>The earlier of two times.</summary>
    public static SimTime Min(SimTime a, SimTime b) => a.Nanoseconds <= b.Nanoseconds ? a : b;

    /// <inheritdoc />
    public int CompareTo(SimTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>Seconds with nine decimals, invariant culture (e.g. <c>1.250000000s</c>).</summary>
    public override string ToString()
    {
        long whole = Nanoseconds / NanosecondsPerSecond;
        long frac = Math.Abs(Nanoseconds % NanosecondsPerSecond);
        string sign = Nanoseconds < 0 && whole == 0 ? "-" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{whole}.{frac:D9}s");
    }
}
