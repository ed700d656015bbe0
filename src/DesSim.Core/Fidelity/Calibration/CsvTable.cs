using DesSim.Core.Configuration;
using System.Globalization;
using CsvHelper;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>A whole CSV file in memory: header names and rows of strings with their line numbers, with typed getters
/// that fail with an <see cref="InputException"/> naming the file, line and column.</summary>
/// <remarks>For the small measurement tables calibration reads (thousands of rows). Column names match case-insensitively.</remarks>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string source, string[] headers, List<(long Line, string[] Fields)> rows)
    {
        Source = source;
        Headers = headers;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < headers.Length; i++)
        {
            _columns.TryAdd(headers[i], i);
        }
    }

    /// <summary>File name (or resource name) used in error messages.</summary>
    public string Source { get; }

    /// <summary>Header names, trimmed.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Data rows with their 1-based line numbers.</summary>
    public IReadOnlyList<(long Line, string[] Fields)> Rows { get; }

    /// <summary>Reads a CSV file.</summary>
    public static CsvTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, null, "file not found");
        }

        using var s = InputFiles.OpenRead(path);
        return Load(s, path);
    }

    /// <summary>Reads a CSV stream; <paramref name="source"/> names it in errors.</summary>
    public static CsvTable Load(Stream stream, string source)
    {
        var options = new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true, SkipEmptyLines = true };
        using var reader = CsvReader.Create(stream, options, leaveOpen: true);
        var rows = new List<(long, string[])>();
        string[] headers;
        try
        {
            headers = reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (int i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i);
                }

                rows.Add((reader.LineNumber, fields));
            }
        }
        catch (CsvFormatException e)
        {
            throw new InputException(source, null, $"malformed CSV: {e.Message.Split('\n')[0].Trim()}");
        }

        if (headers.Length == 0 || headers.All(string.IsNullOrEmpty))
        {
            throw new InputException(source, null, "the file is empty", "expected a header line");
        }

        return new CsvTable(source, headers, rows);
    }

    /// <summary>Whether the header has <paramref name="column"/>.</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>Throws unless every column in <paramref name="columns"/> is present.</summary>
    public void Require(params string[] columns)
    {
        var missing = columns.Where(c => !Has(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new InputException(Source, "1", $"missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}", $"the header has: {string.Join(",", Headers)}");
        }
    }

    /// <summary>The text of <paramref name="column"/> in row <paramref name="row"/> (empty when the row is short).</summary>
    public string Text(int row, string column)
    {
        var (_, fields) = Rows[row];
        int i = _columns.TryGetValue(column, out var c) ? c : throw new InputException(Source, "1", $"missing column '{column}'");
        return i < fields.Length ? fields[i].Trim() : string.Empty;
    }

    /// <summary>A finite number in <paramref name="column"/>, or null when the cell is empty.</summary>
    public double? OptionalDouble(int row, string column)
    {
        var t = Text(row, column);
        if (t.Length == 0)
        {
            return null;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw Error(row, column, $"'{t}' is not a number");
    }

    /// <summary>A finite number in <paramref name="column"/>.</summary>
    public double Double(int row, string column) => OptionalDouble(row, column) ?? throw Error(row, column, "is empty");

    /// <summary>A positive number in <paramref name="column"/>.</summary>
    public double Positive(int row, string column)
    {
        var v = Double(row, column);
        return v > 0 ? v : throw Error(row, column, $"{v.ToString(CultureInfo.InvariantCulture)} must be positive");
    }

    /// <summary>A positive integer in <paramref name="column"/>.</summary>
    public int PositiveInt(int row, string column)
    {
        var t = Text(row, column);
        return int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw Error(row, column, $"'{t}' is not a positive integer");
    }

    /// <summary>An error at a row and column.</summary>
    public InputException Error(int row, string column, string reason, string? hint = null) =>
        new(Source, string.Create(CultureInfo.InvariantCulture, $"{Rows[row].Line}: column '{column}'"), reason, hint);
}
