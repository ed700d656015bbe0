using System.Globalization;
using CsvHelper;
using DesSim.Core;

namespace DesSim.Reporting.Results;

/// <summary>Reads one result CSV (requests.csv, gpus.csv, timeseries.csv, itl_quantiles.csv) back through
/// CsvHelper: columns by header name, typed fields, errors as <see cref="InputException"/> naming file, line and column.</summary>
internal sealed class ResultCsvTable : IDisposable
{
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns;

    private ResultCsvTable(string path, CsvReader csv, Dictionary<string, int> columns)
    {
        Path = path;
        _csv = csv;
        _columns = columns;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Opens <paramref name="path"/> and checks that every one of <paramref name="required"/> is a column.</summary>
    public static ResultCsvTable Open(string path, params string[] required)
    {
        var options = new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, SkipEmptyLines = true };
        CsvReader? csv = null;
        try
        {
            csv = CsvReader.Create(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), options, leaveOpen: false);
            var headers = csv.Headers.ToArray();
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                columns.TryAdd(headers[i].Trim(), i);
            }

            var missing = required.Where(c => !columns.ContainsKey(c)).ToArray();
            if (missing.Length > 0)
            {
                throw new InputException(path, "1", $"missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}", $"expected {string.Join(",", required)}");
            }

            var table = new ResultCsvTable(path, csv, columns);
            csv = null;
            return table;
        }
        catch (CsvFormatException e)
        {
            throw new InputException(path, "1", $"malformed CSV header: {e.Message.Split('\n')[0].Trim()}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, null, $"cannot read: {e.Message}");
        }
        finally
        {
            csv?.Dispose();
        }
    }

    /// <summary>Whether the header has <paramref name="column"/> (for columns newer files carry).</summary>
    public bool HasColumn(string column) => _columns.ContainsKey(column);

    /// <summary>Moves to the next row; false at the end.</summary>
    public bool Read()
    {
        try
        {
            return _csv.Read();
        }
        catch (CsvFormatException e)
        {
            throw new InputException(Path, e.LineNumber.ToString(CultureInfo.InvariantCulture), $"malformed CSV: {e.Message.Split('\n')[0].Trim()}");
        }
    }

    /// <summary>The field of <paramref name="column"/> in the current row.</summary>
    public string Text(string column)
    {
        var i = _columns[column];
        if (i >= _csv.FieldCount)
        {
            throw Error(column, "missing field");
        }

        return _csv.GetString(i).Trim();
    }

    /// <summary>A number; an empty field is NaN.</summary>
    public double Double(string column)
    {
        var s = Text(column);
        if (s.Length == 0)
        {
            return double.NaN;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : throw Error(column, $"'{s}' is not a number");
    }

    /// <summary>An integer.</summary>
    public long Long(string column)
    {
        var s = Text(column);
        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Error(column, $"'{s}' is not an integer");
    }

    /// <summary>An integer in the range of <see cref="int"/>.</summary>
    public int Int(string column)
    {
        var v = Long(column);
        return v is >= int.MinValue and <= int.MaxValue ? (int)v : throw Error(column, $"{v} is out of range");
    }

    /// <summary>A boolean written as true/false.</summary>
    public bool Bool(string column) => Text(column) switch
    {
        "true" => true,
        "false" => false,
        var s => throw Error(column, $"'{s}' is not true or false"),
    };

    /// <summary>An error at the current row and <paramref name="column"/>.</summary>
    public InputException Error(string column, string reason) =>
        new(Path, $"{_csv.LineNumber.ToString(CultureInfo.InvariantCulture)} ({column})", reason);

    /// <inheritdoc/>
    public void Dispose() => _csv.Dispose();
}
