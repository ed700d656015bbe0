using System.Globalization;
using CsvHelper;

namespace DesSim.Reporting.Csv;

/// <summary>Writes records or raw rows as CSV through CsvHelper, identically on every machine.</summary>
/// <remarks>RFC 4180 quoting, comma separator, "\n" line endings, a header row, invariant culture, no BOM.
/// Floating-point numbers use the shortest text that round-trips (parsing gives back the exact double, e.g.
/// 0.1 → "0.1"), so results are deterministic and lossless; round before writing for fewer digits.
/// <see cref="WriteRecords{T}"/> needs a <c>[CsvRecord]</c> partial type (CsvHelper's source generator writes
/// the mapping; columns in declaration order). <see cref="WriteRows"/> takes headers and arbitrary values.</remarks>
public static class CsvOutput
{
    /// <summary>The options used for every file.</summary>
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        HasHeader = true,
    };

    /// <summary>Writes <paramref name="records"/> of a <c>[CsvRecord]</c> type, header first.</summary>
    public static void WriteRecords<T>(TextWriter writer, IEnumerable<T> records)
    {
        using var csv = CsvWriter.Create(writer, Options, leaveOpen: true);
        csv.WriteRecords(records);
    }

    /// <summary>Records as a CSV string.</summary>
    public static string ToCsv<T>(IEnumerable<T> records)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteRecords(writer, records);
        return writer.ToString();
    }

    /// <summary>Writes a header row and data rows of arbitrary values; each row must have one value per header.</summary>
    /// <remarks>Numbers are written as numbers (round-trip form), strings as text, null as an empty field,
    /// booleans as true/false, other <see cref="IFormattable"/> values with the invariant culture.</remarks>
    public static void WriteRows(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvWriter.Create(writer, Options, leaveOpen: true);
        csv.WriteHeader(headers.ToArray());
        foreach (var row in rows)
        {
            if (row.Count != headers.Count)
            {
                throw new ArgumentException($"a row has {row.Count} values but there are {headers.Count} headers", nameof(rows));
            }

            foreach (var value in row)
            {
                WriteValue(csv, value);
            }

            csv.EndRecord();
        }
    }

    /// <summary>Rows as a CSV string.</summary>
    public static string RowsToCsv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteRows(writer, headers, rows);
        return writer.ToString();
    }

    private static void WriteValue(CsvWriter csv, object? value)
    {
        switch (value)
        {
            case null:
                csv.WriteField((string?)null);
                break;
            case string s:
                csv.WriteField(s);
                break;
            case double d:
                csv.WriteField(d, ReadOnlySpan<char>.Empty);
                break;
            case float f:
                csv.WriteField(f, ReadOnlySpan<char>.Empty);
                break;
            case int i:
                csv.WriteField(i, ReadOnlySpan<char>.Empty);
                break;
            case long l:
                csv.WriteField(l, ReadOnlySpan<char>.Empty);
                break;
            case bool b:
                csv.WriteField(b ? "true" : "false");
                break;
            case IFormattable formattable:
                csv.WriteField(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                csv.WriteField(value.ToString());
                break;
        }
    }
}
