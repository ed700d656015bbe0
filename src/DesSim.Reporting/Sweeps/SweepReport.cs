using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Html;

namespace DesSim.Reporting.Sweeps;

/// <summary>Builds <c>sweep.html</c> from a sweep directory's <c>sweep.csv</c>: p99 TTFT/TPOT vs rate per layout, the
/// throughput-per-GPU vs latency Pareto scatter, and the table.</summary>
/// <remarks>The rate axis is <c>workload.arrival.rate</c> or <c>workload.rate_scale</c> when the grid sweeps one; lines are
/// grouped by layout and any other non-seed axes. Reads only the CSV, so a merged directory gets the same report.</remarks>
public static class SweepReport
{
    /// <summary>Axis keys treated as the load axis, in order of preference.</summary>
    public static readonly string[] RateAxes = ["workload.arrival.rate", "workload.rate_scale"];

    /// <summary>Writes <c>sweep.html</c> into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory, SloSpec slo, string title)
    {
        var table = SweepCsv.Read(Path.Combine(directory, SweepDirectory.CsvFileName));
        var report = new HtmlReport(title) { Subtitle = $"{table.Rows.Count} points" };
        var rateAxis = RateAxes.FirstOrDefault(table.AxisKeys.Contains);
        if (rateAxis is not null)
        {
            var groups = table.Rows
                .GroupBy(r => GroupLabel(table, r, rateAxis))
                .Select(g => (Label: g.Key, Rows: g.OrderBy(r => table.Number(r, rateAxis)).ToArray()))
                .ToArray();
            foreach (var (metric, name, bound) in new[] { (RunMetrics.TtftP99Ms, "p99 TTFT", slo.TtftMs), (RunMetrics.TpotP99Ms, "p99 TPOT", slo.TpotMs) })
            {
                var series = groups.Select(g => (g.Label, (IReadOnlyList<double>)g.Rows.Select(r => table.Number(r, rateAxis)).ToArray(), (IReadOnlyList<double>)g.Rows.Select(r => table.Number(r, metric)).ToArray())).ToArray();
                var chart = rateAxis == "workload.rate_scale"
                    ? StudyCharts.LatencyVsRate(name, series, bound, "Trace rate scale", "×")
                    : StudyCharts.LatencyVsRate(name, series, bound);
                report.AddChart($"{name} vs load", chart.RenderSvg(), "One line per layout; the SLO bound as a horizontal line.");
            }
        }

        var valid = table.Rows.Where(r => !double.IsNaN(table.Number(r, RunMetrics.E2elP99Ms)) && !double.IsNaN(table.Number(r, RunMetrics.OutputThroughputPerGpu))).ToArray();
        if (valid.Length > 0)
        {
            var pareto = StudyCharts.ThroughputLatencyPareto(
                valid.Select(r => PointLabel(table, r)).ToArray(),
                valid.Select(r => table.Number(r, RunMetrics.E2elP99Ms)).ToArray(),
                valid.Select(r => table.Number(r, RunMetrics.OutputThroughputPerGpu)).ToArray());
            report.AddChart("Throughput per GPU vs latency", pareto.RenderSvg(), "Each point is one sweep point; the line joins the Pareto-optimal ones.");
        }

        string[] shown = ["point", "layout", .. table.AxisKeys, "slo_holds", "slo_within_noise", RunMetrics.TtftP99Ms.Name, RunMetrics.TpotP99Ms.Name, RunMetrics.E2elP99Ms.Name, RunMetrics.RequestThroughput.Name, RunMetrics.OutputThroughputPerGpu.Name, RunMetrics.BubbleShare.Name, RunMetrics.TpCommShare.Name, RunMetrics.OtherCommShare.Name];
        report.AddTable("Points", shown, table.Rows.Select(r => (IReadOnlyList<string>)shown.Select(c => Cell(table, r, c)).ToArray()), "Means over replications; the full table with confidence half-widths is sweep.csv.");
        var path = Path.Combine(directory, "sweep.html");
        report.WriteTo(path);
        return path;
    }

    private static string GroupLabel(SweepCsv table, string[] row, string rateAxis)
    {
        var others = table.AxisKeys.Where(k => k != rateAxis && k != "seed").Select(k => $"{k}={table.Text(row, k)}");
        return string.Join(' ', new[] { table.Text(row, "layout") }.Concat(others));
    }

    private static string PointLabel(SweepCsv table, string[] row) =>
        string.Join(' ', new[] { table.Text(row, "layout") }.Concat(table.AxisKeys.Where(k => k != "seed").Select(k => table.Text(row, k))));

    private static string Cell(SweepCsv table, string[] row, string column)
    {
        var text = table.Text(row, column);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && text.Contains('.', StringComparison.Ordinal)
            ? NumberFormat.Significant(v)
            : text;
    }
}
