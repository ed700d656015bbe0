using DesSim.Core.Metrics;
using System.Globalization;
using DesSim.Core.Studies;
using DesSim.Reporting.Csv;

namespace DesSim.Reporting.Sweeps;

/// <summary>The columns and rows of <c>sweep.csv</c> (one row per point; columns in docs/sweeps.md).</summary>
/// <remarks>Columns: <c>point, layout, tp, pp, dp, ep, cp, gpus</c>, one per grid axis (named by its key path), <c>replications,
/// slo_holds, slo_within_noise</c>, then every <see cref="RunMetric"/> of <see cref="RunMetrics.All"/> (mean over replications), each followed by
/// <c>NAME_ci95</c> (95% half-width; empty with one replication) where the metric has one. Numbers are rounded to
/// <see cref="Decimals"/> decimals so rows are short and identical on every machine.</remarks>
public sealed class SweepTable
{
    /// <summary>Decimals kept in numeric cells (sub-nanosecond for ms values).</summary>
    public const int Decimals = 6;

    /// <summary>Creates the table shape for a grid with <paramref name="axisKeys"/>.</summary>
    public SweepTable(IReadOnlyList<string> axisKeys)
    {
        var h = new List<string> { "point", "layout", "tp", "pp", "dp", "ep", "cp", "gpus" };
        h.AddRange(axisKeys);
        h.AddRange(["replications", "slo_holds", "slo_within_noise"]);
        foreach (var m in RunMetrics.All)
        {
            h.Add(m.Name);
            if (m.WithCi)
            {
                h.Add(m.Name + "_ci95");
            }
        }

        Headers = h;
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The header line, with its newline.</summary>
    public string HeaderLine => CsvOutput.RowsToCsv(Headers, []);

    /// <summary>The CSV line (with newline) of point <paramref name="point"/>'s result.</summary>
    public string Row(SweepPoint point, PointResult result, int replications)
    {
        var l = point.Layout;
        var row = new List<object?> { point.Index, l.ToString(), l.Tp, l.Pp, l.Dp, l.Ep, l.Cp, l.GpuCount };
        row.AddRange(point.AxisLabels);
        row.AddRange([replications, result.SloHolds, result.VerdictWithinNoise]);
        for (int i = 0; i < RunMetrics.All.Count; i++)
        {
            var v = result.Values[i];
            row.Add(Num(v.Mean));
            if (RunMetrics.All[i].WithCi)
            {
                row.Add(replications > 1 ? Num(v.HalfWidth95) : null);
            }
        }

        var text = CsvOutput.RowsToCsv(Headers, [row]);
        return text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
    }

    /// <summary>The point index in the first cell of a row line, or -1 when the line is not a complete row.</summary>
    public static int PointOf(string line)
    {
        int comma = line.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && line.EndsWith('\n') && int.TryParse(line.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : -1;
    }

    private static object? Num(double x) => double.IsNaN(x) ? null : Math.Round(x, Decimals, MidpointRounding.AwayFromZero);
}
