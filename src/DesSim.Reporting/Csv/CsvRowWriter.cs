using System.Globalization;

namespace DesSim.Reporting.Csv;

/// <summary>Writes a CSV file row by row, formatting each field straight into one reused row buffer: no string, box or list
/// per field or row. The result files (requests.csv, gpus.csv, links.csv, timeseries.csv) go through it.</summary>
/// <remarks>
/// Same bytes as <see cref="CsvOutput"/> for the same text: comma separator, "\n" line endings, a header row, and a text
/// field quoted (RFC 4180, inner quotes doubled) when it holds a comma, a quote, CR or LF, and a row of one empty field
/// written as <c>""</c> — CsvHelper's rules, kept equal by
/// tests/DesSim.Reporting.Tests/Csv/CsvRowWriterTests.cs. Numbers are culture-free. Fixed-point fields are formatted from
/// integers (<see cref="Fixed"/>: nanoseconds as seconds or milliseconds, exact), doubles with a fixed number of decimals
/// by <see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/> into the buffer.
/// </remarks>
public sealed class CsvRowWriter
{
    /// <summary>Room for the longest formatted number (a long's 20 characters, a sign, a point, decimals) with margin.</summary>
    private const int NumberChars = 64;

    /// <summary>Largest number of decimals <see cref="Fixed"/> takes (the scale must fit a long).</summary>
    private const int MaxDecimals = 18;

    private readonly TextWriter _writer;
    private readonly int _columns;
    private char[] _row = new char[256];
    private int _length;
    private int _fields;

    /// <summary>Starts a file on <paramref name="writer"/> with the header row <paramref name="headers"/>.</summary>
    public CsvRowWriter(TextWriter writer, IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(headers);
        _writer = writer;
        _columns = headers.Count;
        foreach (var h in headers)
        {
            Text(h);
        }

        EndRow();
    }

    /// <summary>Writes a whole file: the header row, then one row per item, each filled by <paramref name="row"/> (which
    /// must write one field per header; the row is ended here).</summary>
    public static void WriteAll<T>(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<T> items, Action<CsvRowWriter, T> row)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(row);
        var w = new CsvRowWriter(writer, headers);
        foreach (var item in items)
        {
            row(w, item);
            w.EndRow();
        }
    }

    /// <summary>An integer field.</summary>
    public void Int(long value)
    {
        var span = Reserve(NumberChars);
        value.TryFormat(span, out int n, default, CultureInfo.InvariantCulture);
        _length += n;
    }

    /// <summary>A fixed-point field: <paramref name="units"/> of 10^-<paramref name="decimals"/>, printed with exactly
    /// <paramref name="decimals"/> digits after the point (e.g. nanoseconds with 9 decimals are seconds, with 6 milliseconds).</summary>
    /// <remarks>Integer arithmetic only, so the text is exact at any magnitude. For |units| below 2^52 it equals what
    /// <c>(units / 10^decimals).ToString("F" + decimals)</c> prints (the double quotient then rounds back to the same
    /// digits; the tests check it), which the files used before.</remarks>
    public void Fixed(long units, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, MaxDecimals);
        var span = Reserve(NumberChars);
        int n = 0;
        // Why unsigned: |long.MinValue| does not fit a long.
        ulong magnitude = units < 0 ? (ulong)-(units + 1) + 1 : (ulong)units;
        if (units < 0)
        {
            span[n++] = '-';
        }

        ulong scale = Pow10(decimals);
        (magnitude / scale).TryFormat(span[n..], out int whole, default, CultureInfo.InvariantCulture);
        n += whole;
        if (decimals > 0)
        {
            span[n++] = '.';
            ulong fraction = magnitude % scale;
            for (int i = n + decimals - 1; i >= n; i--)
            {
                span[i] = (char)('0' + (int)(fraction % 10));
                fraction /= 10;
            }

            n += decimals;
        }

        _length += n;
    }

    /// <summary>A double with a fixed number of decimals (<paramref name="format"/>, e.g. "F6"); empty when not finite.</summary>
    public void Double(double value, string format)
    {
        if (!double.IsFinite(value))
        {
            Empty();
            return;
        }

        var span = Reserve(NumberChars);
        int n;
        while (!value.TryFormat(span, out n, format, CultureInfo.InvariantCulture))
        {
            // Only huge values with many decimals overflow the number room: grow and retry.
            span = Room(span.Length * 2);
        }

        _length += n;
    }

    /// <summary>true or false.</summary>
    public void Bool(bool value) => Text(value ? "true" : "false");

    /// <summary>An empty field.</summary>
    public void Empty() => Reserve(0);

    /// <summary>A text field, quoted when it holds a comma, a quote, CR or LF.</summary>
    public void Text(string? value)
    {
        var text = value.AsSpan();
        if (text.IndexOfAny(",\"\r\n") < 0)
        {
            text.CopyTo(Reserve(text.Length));
            _length += text.Length;
            return;
        }

        int quotes = text.Count('"');
        var span = Reserve(text.Length + quotes + 2);
        int n = 0;
        span[n++] = '"';
        foreach (char c in text)
        {
            if (c == '"')
            {
                span[n++] = '"';
            }

            span[n++] = c;
        }

        span[n++] = '"';
        _length += n;
    }

    /// <summary>Ends the row; it must have one field per header.</summary>
    public void EndRow()
    {
        if (_fields != _columns)
        {
            throw new InvalidOperationException($"a row has {_fields} values but there are {_columns} headers");
        }

        if (_fields == 1 && _length == 0)
        {
            // One empty field would read back as an empty line: CsvHelper writes it as "" (and so does this writer).
            _writer.Write("\"\"");
        }

        _row[_length++] = '\n';
        _writer.Write(_row, 0, _length);
        _length = 0;
        _fields = 0;
    }

    /// <summary>Starts a field (the separator before all but the first) and returns <see cref="Room"/> for it.</summary>
    private Span<char> Reserve(int chars)
    {
        if (_fields++ > 0)
        {
            _row[_length++] = ',';
        }

        return Room(chars);
    }

    /// <summary>Room for <paramref name="chars"/> more characters at the row's end, keeping one spare for its line break.</summary>
    private Span<char> Room(int chars)
    {
        if (_length + chars + 1 > _row.Length)
        {
            Array.Resize(ref _row, Math.Max(_row.Length * 2, _length + chars + 1));
        }

        return _row.AsSpan(_length, chars);
    }

    private static ulong Pow10(int decimals)
    {
        ulong p = 1;
        for (int i = 0; i < decimals; i++)
        {
            p *= 10;
        }

        return p;
    }
}
