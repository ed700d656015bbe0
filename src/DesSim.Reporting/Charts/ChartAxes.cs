using ScottPlot;
using ScottPlot.TickGenerators;

namespace DesSim.Reporting.Charts;

/// <summary>Axis helpers shared by the chart builders: titles with units, log10 axes, category ticks, shares as %.</summary>
/// <remarks>ScottPlot 5 has no log scale: a log axis plots log10 of the data, and its ticks are labelled with the
/// original values (1-2-5 ticks within short ranges, decades beyond). Callers transform with <see cref="Log"/>.</remarks>
public static class ChartAxes
{
    /// <summary>Decades from which a log axis labels only powers of ten.</summary>
    private const double DecadesForDecadeTicksOnly = 3;

    /// <summary>"Latency (ms)", or just the label when there is no unit.</summary>
    public static string Title(string label, string unit) => unit.Length == 0 ? label : $"{label} ({unit})";

    /// <summary>Sets the plot's title and axis titles.</summary>
    public static void Label(Plot plot, string title, string xLabel, string xUnit, string yLabel, string yUnit)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Title(title);
        plot.XLabel(Title(xLabel, xUnit));
        plot.YLabel(Title(yLabel, yUnit));
    }

    /// <summary>log10 of a positive value; values ≤ 0 are raised to <paramref name="floor"/> first.</summary>
    public static double Log(double value, double floor) => Math.Log10(Math.Max(value, floor));

    /// <summary>Labels <paramref name="axis"/> as a log axis spanning 10^<paramref name="lowLog"/> … 10^<paramref name="highLog"/> and sets its limits.</summary>
    public static void LogTicks(IAxis axis, double lowLog, double highLog)
    {
        ArgumentNullException.ThrowIfNull(axis);
        if (!(highLog > lowLog))
        {
            (lowLog, highLog) = (lowLog - 0.5, lowLog + 0.5);
        }

        var ticks = new NumericManual();
        var decadesOnly = highLog - lowLog >= DecadesForDecadeTicksOnly;
        for (var decade = (int)Math.Floor(lowLog); decade <= (int)Math.Ceiling(highLog); decade++)
        {
            for (var m = 1; m <= 9; m++)
            {
                var log = decade + Math.Log10(m);
                if (log < lowLog - 1e-9 || log > highLog + 1e-9)
                {
                    continue;
                }

                if (m == 1 || (!decadesOnly && m is 2 or 5))
                {
                    ticks.AddMajor(log, NumberFormat.Decade(m * Math.Pow(10, decade)));
                }
                else
                {
                    ticks.AddMinor(log);
                }
            }
        }

        axis.TickGenerator = ticks;
        axis.Min = lowLog;
        axis.Max = highLog;
    }

    /// <summary>Category labels at y = 0 … n-1, the first category at the top.</summary>
    public static void Categories(IAxis axis, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentNullException.ThrowIfNull(names);
        var ticks = new NumericManual();
        for (var i = 0; i < names.Count; i++)
        {
            ticks.AddMajor(RowPosition(i, names.Count), names[i]);
        }

        axis.TickGenerator = ticks;
        axis.MajorTickStyle.Length = 0;
    }

    /// <summary>The y position of category <paramref name="index"/> of <paramref name="count"/> (first on top).</summary>
    public static double RowPosition(int index, int count) => count - 1 - index;

    /// <summary>Labels a 0..1 axis in percent: 0%, 20%, …</summary>
    public static void Percent(IAxis axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        axis.TickGenerator = new NumericAutomatic { LabelFormatter = v => Math.Round(100 * v, 1).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" };
    }
}
