namespace DesSim.Core.Workload;

/// <summary>Allocation-free parsers for the common shapes of trace fields, read straight from a CSV field's UTF-8 bytes.</summary>
/// <remarks>
/// Each one accepts only a strict shape and returns false for anything else, so the caller falls back to the general
/// parser (and its error messages): a fast path never accepts a value the general one would reject, nor reads it
/// differently. Tests compare both on the same text (tests/DesSim.Core.Tests/Workload/TraceFieldParsingTests.cs).
/// </remarks>
internal static class TraceFieldParsing
{
    /// <summary>Most digits <see cref="TryDigits"/> takes: 999,999,999 fits an <see cref="int"/>.</summary>
    private const int MaxDigits = 9;

    /// <summary>Digits of the fraction of a second that one <see cref="DateTime"/> tick (100 ns) resolves.</summary>
    private const int TickFractionDigits = 7;

    /// <summary>"yyyy-MM-dd HH:mm:ss": the length of the timestamp before its optional fraction.</summary>
    private const int StampLength = 19;

    /// <summary>A non-negative integer written as 1 to <see cref="MaxDigits"/> ASCII digits and nothing else.</summary>
    public static bool TryDigits(ReadOnlySpan<byte> utf8, out int value)
    {
        if (utf8.Length is 0 or > MaxDigits)
        {
            value = 0;
            return false;
        }

        return TryFixed(utf8, out value);
    }

    /// <summary>The UTC ticks of a timestamp written exactly as <c>yyyy-MM-dd HH:mm:ss</c>, optionally followed by '.' and 1 to
    /// 7 digits of fraction (the Azure LLM inference traces' form, e.g. <c>2023-11-16 18:15:46.6805900</c>), read as UTC
    /// like the general parser's <see cref="System.Globalization.DateTimeStyles.AssumeUniversal"/>.</summary>
    /// <remarks>False for any other shape (offsets, 'T', other separators, more digits) and for out-of-range fields (month 13,
    /// 30 February, hour 24, second 60): the general parser then decides, with its own message.</remarks>
    public static bool TryUtcTicks(ReadOnlySpan<byte> utf8, out long ticks)
    {
        ticks = 0;
        if (utf8.Length < StampLength || utf8.Length == StampLength + 1 || utf8.Length > StampLength + 1 + TickFractionDigits
            || utf8[4] != '-' || utf8[7] != '-' || utf8[10] != ' ' || utf8[13] != ':' || utf8[16] != ':')
        {
            return false;
        }

        if (!TryFixed(utf8.Slice(0, 4), out int year) || !TryFixed(utf8.Slice(5, 2), out int month) || !TryFixed(utf8.Slice(8, 2), out int day)
            || !TryFixed(utf8.Slice(11, 2), out int hour) || !TryFixed(utf8.Slice(14, 2), out int minute) || !TryFixed(utf8.Slice(17, 2), out int second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fraction = 0;
        if (utf8.Length > StampLength)
        {
            if (utf8[StampLength] != '.')
            {
                return false;
            }

            var digits = utf8.Slice(StampLength + 1);
            if (!TryFixed(digits, out int f))
            {
                return false;
            }

            fraction = f;
            for (int i = digits.Length; i < TickFractionDigits; i++)
            {
                fraction *= 10;
            }
        }

        ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction;
        return true;
    }

    /// <summary>A field of ASCII digits only, as wide as <paramref name="utf8"/> (at most <see cref="MaxDigits"/>).</summary>
    private static bool TryFixed(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        foreach (byte b in utf8)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }
}
