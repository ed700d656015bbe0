using System.Globalization;
using DesSim.Core;
using DesSim.Reporting.Output;

namespace DesSim.Reporting.Sweeps;

/// <summary>The file layout of a sweep output directory: <c>sweep.json</c>, <c>sweep.csv</c> and
/// <c>points/NNNNNN/{row.csv, summary.json}</c>.</summary>
/// <remarks>A point is complete exactly when its <c>row.csv</c> exists: it is written (atomically, by rename) after the
/// point's summaries, so a crash at any moment leaves either a complete point or none. <c>sweep.csv</c> is rebuilt
/// from the completed rows in point order, so it never keeps a torn row.</remarks>
public static class SweepDirectory
{
    /// <summary>The results table.</summary>
    public const string CsvFileName = "sweep.csv";

    /// <summary>A point's one-line row (its completion marker).</summary>
    public const string RowFileName = "row.csv";

    /// <summary>Directory of point <paramref name="index"/>.</summary>
    public static string PointDirectory(string root, int index) => Path.Combine(root, "points", index.ToString("D6", CultureInfo.InvariantCulture));

    /// <summary>The completed rows under <paramref name="root"/> among <paramref name="indices"/>, by point index.</summary>
    public static SortedDictionary<int, string> CompletedRows(string root, IEnumerable<int> indices)
    {
        var rows = new SortedDictionary<int, string>();
        foreach (int i in indices)
        {
            var path = Path.Combine(PointDirectory(root, i), RowFileName);
            if (!File.Exists(path))
            {
                continue;
            }

            var line = File.ReadAllText(path);
            if (SweepTable.PointOf(line) != i)
            {
                throw new InputException(path, null, "not a complete row of this point", "delete the point's directory and rerun");
            }

            rows[i] = line;
        }

        return rows;
    }

    /// <summary>Writes <c>sweep.csv</c> atomically: the header, then <paramref name="rows"/> in point order.</summary>
    public static void WriteCsv(string root, string headerLine, IEnumerable<string> rows) =>
        AtomicFile.WriteAllText(Path.Combine(root, CsvFileName), headerLine + string.Concat(rows));
}
