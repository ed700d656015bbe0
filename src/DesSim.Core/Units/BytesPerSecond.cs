using System.Globalization;
using DesSim.Engine;

namespace DesSim.Core.Units;

/// <summary>A data rate (a link's or a medium's bandwidth), in bytes per second.</summary>
/// <remarks>
/// Units: bytes/s. Networks are quoted in bits (InfiniBand NDR "400 Gb/s"), GPU fabrics and memories in bytes (NVLink
/// "450 GB/s", HBM "3.35 TB/s"); the named constructors say which, so a figure cannot cross that line by accident.
/// Decimal prefixes (1 G = 10⁹). Invariant: non-negative and not NaN (<see cref="PositiveInfinity"/> means unbounded).
/// Why a double: rates are products of measured figures and factors (a degraded link is <see cref="Scaled"/>); time is
/// rounded once, when a transfer's seconds become <see cref="SimTime"/>.
/// </remarks>
public readonly record struct BytesPerSecond : IComparable<BytesPerSecond>
{
    /// <summary>Bits in one byte.</summary>
    public const double BitsPerByte = 8;

    /// <summary>Decimal giga (10⁹).</summary>
    public const double Giga = 1e9;

    /// <summary>Decimal tera (10¹²).</summary>
    public const double Tera = 1e12;

    /// <summary>No bound on the rate (a route of no links).</summary>
    public static readonly BytesPerSecond PositiveInfinity = new(double.PositiveInfinity);

    /// <summary>A rate of <paramref name="value"/> bytes/s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or NaN.</exception>
    public BytesPerSecond(double value)
    {
        if (!(value >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a rate must be a non-negative number of bytes/s");
        }

        Value = value;
    }

    /// <summary>The rate in bytes/s.</summary>
    public double Value { get; }

    /// <summary>The rate in decimal gigabytes per second (GB/s).</summary>
    public double GigabytesPerSecond => Value / Giga;

    /// <summary>The rate in decimal gigabits per second (Gb/s).</summary>
    public double GigabitsPerSecond => Value * BitsPerByte / Giga;

    /// <summary>A rate given in gigabits per second (Gb/s, networks: 400 Gb/s = 50 GB/s).</summary>
    public static BytesPerSecond FromGigabitsPerSecond(double gigabitsPerSecond) => new(gigabitsPerSecond * Giga / BitsPerByte);

    /// <summary>A rate given in gigabytes per second (GB/s, GPU fabrics and host links).</summary>
    public static BytesPerSecond FromGigabytesPerSecond(double gigabytesPerSecond) => new(gigabytesPerSecond * Giga);

    /// <summary>A rate given in terabytes per second (TB/s, GPU memory).</summary>
    public static BytesPerSecond FromTerabytesPerSecond(double terabytesPerSecond) => new(terabytesPerSecond * Tera);

    /// <summary>This rate times <paramref name="factor"/> (e.g. a link degraded to a fraction of its bandwidth).</summary>
    public BytesPerSecond Scaled(double factor) => new(Value * factor);

    /// <summary>Seconds to move <paramref name="amount"/> at this rate, unrounded (to add to other seconds, such as a
    /// route's latency, before the sum is rounded once by <see cref="SimTime.FromSeconds"/>).</summary>
    public double SecondsFor(Bytes amount) => amount.Count / Value;

    /// <summary>The time to move <paramref name="amount"/> at this rate, rounded to the nanosecond
    /// (<see cref="SimTime.FromSeconds"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time does not fit simulated time (e.g. a rate of zero).</exception>
    public SimTime TimeFor(Bytes amount) => SimTime.FromSeconds(SecondsFor(amount));

    /// <summary>The slower of two rates.</summary>
    public static BytesPerSecond Min(BytesPerSecond a, BytesPerSecond b) => a.Value <= b.Value ? a : b;

    public static bool operator <(BytesPerSecond a, BytesPerSecond b) => a.Value < b.Value;

    public static bool operator >(BytesPerSecond a, BytesPerSecond b) => a.Value > b.Value;

    public static bool operator <=(BytesPerSecond a, BytesPerSecond b) => a.Value <= b.Value;

    public static bool operator >=(BytesPerSecond a, BytesPerSecond b) => a.Value >= b.Value;

    /// <inheritdoc />
    public int CompareTo(BytesPerSecond other) => Value.CompareTo(other.Value);

    /// <summary>The rate in GB/s, invariant culture (e.g. <c>50 GB/s</c>).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{GigabytesPerSecond:G6} GB/s");
}
