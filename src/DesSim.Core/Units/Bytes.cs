using System.Globalization;
using DesSim.Engine;

namespace DesSim.Core.Units;

/// <summary>An amount of data, in whole bytes.</summary>
/// <remarks>
/// Units: bytes (decimal prefixes in <see cref="FromGigabytes"/>/<see cref="Gigabytes"/>: 1 GB = 10⁹ bytes, as GPU
/// vendors and the scenario keys count). Invariant: none beyond a <see cref="long"/>; readers reject negative amounts.
/// Dividing by a <see cref="BytesPerSecond"/> gives the time to move the bytes (<see cref="op_Division"/>).
/// </remarks>
public readonly record struct Bytes(long Count) : IComparable<Bytes>
{
    /// <summary>Bytes in one decimal gigabyte.</summary>
    public const double PerGigabyte = 1e9;

    /// <summary>No bytes.</summary>
    public static readonly Bytes Zero = new(0);

    /// <summary>This amount in decimal gigabytes (10⁹ bytes).</summary>
    public double Gigabytes => Count / PerGigabyte;

    /// <summary>Decimal gigabytes to bytes, rounded to the nearest byte (away from zero on ties).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, not finite, or beyond a <see cref="long"/>.</exception>
    public static Bytes FromGigabytes(double gigabytes)
    {
        double bytes = Math.Round(gigabytes * PerGigabyte, MidpointRounding.AwayFromZero);
        if (!(bytes >= 0) || bytes >= long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(gigabytes), gigabytes, "an amount of data is negative, not finite or too large");
        }

        return new Bytes((long)bytes);
    }

    /// <summary>The time <paramref name="rate"/> takes to move <paramref name="amount"/>, rounded to the nanosecond.</summary>
    public static SimTime operator /(Bytes amount, BytesPerSecond rate) => rate.TimeFor(amount);

    public static Bytes operator +(Bytes a, Bytes b) => new(checked(a.Count + b.Count));

    public static Bytes operator -(Bytes a, Bytes b) => new(checked(a.Count - b.Count));

    public static Bytes operator *(Bytes a, long k) => new(checked(a.Count * k));

    public static bool operator <(Bytes a, Bytes b) => a.Count < b.Count;

    public static bool operator >(Bytes a, Bytes b) => a.Count > b.Count;

    public static bool operator <=(Bytes a, Bytes b) => a.Count <= b.Count;

    public static bool operator >=(Bytes a, Bytes b) => a.Count >= b.Count;

    /// <inheritdoc />
    public int CompareTo(Bytes other) => Count.CompareTo(other.Count);

    /// <summary>The count with its unit, invariant culture (e.g. <c>4096 B</c>).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} B");
}
