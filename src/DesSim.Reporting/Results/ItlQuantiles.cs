using DesSim.Core.Statistics;
using DesSim.Reporting.Csv;

namespace DesSim.Reporting.Results;

/// <summary>The inter-token-latency distribution kept for reports: <c>itl_quantiles.csv</c> (p, itl_ms) at
/// <see cref="ReportData.ItlQuantileCount"/> evenly spaced quantiles of the run's ITL histogram.</summary>
/// <remarks>Why a file: the ITL histogram holds every gap of every request but is not itself written, and
/// <c>dessim report</c> must redraw the ITL CDF from files alone. Each quantile is within the histogram's 0.05%.</remarks>
public static class ItlQuantiles
{
    /// <summary>The file name.</summary>
    public const string FileName = "itl_quantiles.csv";

    private const string LevelFormat = "F3"; // p to 0.001: the levels are multiples of 1/1000
    private const string MsFormat = "F6"; // ms to the nanosecond, as every result file (Fmt.Ms)
    private static readonly string[] Columns = ["p", "itl_ms"];

    /// <summary>Quantile levels p = i / (count − 1).</summary>
    public static double Level(int i) => i / (double)(ReportData.ItlQuantileCount - 1);

    /// <summary>ITL at each level, in ms; empty when the histogram is empty.</summary>
    public static double[] Compute(LogHistogram itl)
    {
        ArgumentNullException.ThrowIfNull(itl);
        const double nsPerMs = 1e6;
        var ms = itl.Quantiles(Enumerable.Range(0, ReportData.ItlQuantileCount).Select(Level).ToArray());
        for (var i = 0; i < ms.Length; i++)
        {
            ms[i] /= nsPerMs;
        }

        return ms;
    }

    /// <summary>Writes the file: header <c>p,itl_ms</c>, one row per level (none when the histogram is empty).</summary>
    public static void Write(TextWriter writer, LogHistogram itl)
    {
        var values = Compute(itl);
        CsvRowWriter.WriteAll(writer, Columns, Enumerable.Range(0, values.Length), (w, i) =>
        {
            w.Double(Level(i), LevelFormat);
            w.Double(values[i], MsFormat);
        });
    }
}
