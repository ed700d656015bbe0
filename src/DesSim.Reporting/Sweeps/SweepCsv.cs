using System.Globalization;
using CsvHelper;
using DesSim.Core;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Sweeps;

/// <summary>A <c>sweep.csv</c> read back: column names and text cells, with typed accessors.</summary>
/// <remarks>Axis columns are those between <c>gpus</c> and <c>replications</c> (see <see cref="SweepTable"/>).</remarks>
public sealed class SweepCsv
{
    private readonly Dictionary<string, int> _index;

    private SweepCsv(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        Headers = headers;
        Rows = rows;
        _index = headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        int from = _index.GetValueOrDefault("gpus", -1) + 1;
        int to = _index.GetValueOrDefault("replications", from);
        AxisKeys = headers.Skip(from).Take(Math.Max(0, to - from)).ToArray();
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Rows of text cells.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The grid axis columns.</summary>
    public IReadOnlyList<string> AxisKeys { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InputException">Missing or malformed.</exception>
    public static SweepCsv Read(string path)
    {
        try
        {
            using var reader = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions { HasHeader = true }, leaveOpen: false);
            var headers = reader.Headers.ToArray();
            var rows = new List<string[]>();
            while (reader.Read())
            {
                var row = new string[headers.Length];
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = i < reader.FieldCount ? reader.GetString(i) ?? string.Empty : string.Empty;
                }

                rows.Add(row);
            }

            return new SweepCsv(headers, rows);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvFormatException)
        {
            throw new InputException(path, null, $"cannot read the sweep table: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>Whether the table has column <paramref name="column"/>.</summary>
    public bool Has(string column) => _index.ContainsKey(column);

    /// <summary>The text cell of <paramref name="row"/> in <paramref name="column"/>.</summary>
    public string Text(string[] row, string column) => row[_index[column]];

    /// <summary>The numeric cell of <paramref name="metric"/>'s column (NaN when empty or not a number).</summary>
    public double Number(string[] row, RunMetric metric) => Number(row, metric.Name);

    /// <summary>The numeric cell (NaN when empty or not a number).</summary>
    public double Number(string[] row, string column) =>
        double.TryParse(Text(row, column), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}
