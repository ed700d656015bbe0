using DesSim.Core.Metrics;
using DesSim.Core.Studies;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Csv;
using DesSim.Reporting.Html;
using DesSim.Reporting.Output;

namespace DesSim.Reporting.Sweeps;

/// <summary>Writes <c>capacity.csv</c> (one row per layout) and, optionally, <c>capacity.html</c> (capacity bars and table).</summary>
/// <remarks>Columns: layout, tp, pp, dp, ep, cp, gpus, capacity_rate (the load knob), capacity_rps, capacity_rps_per_gpu, bounded (false: the
/// SLO still held at the largest probe), simulations, ttft/tpot/queue p99 at capacity, USD per million output tokens, J per
/// output token, average and peak cluster power at capacity, probes (rate:held;…). Rows in the order the caller gives
/// (<see cref="CapacityStudy.Order"/>).</remarks>
public static class CapacityOutputs
{
    /// <summary>Column names of <c>capacity.csv</c>.</summary>
    public static readonly string[] Headers = ["layout", "tp", "pp", "dp", "ep", "cp", "gpus", "capacity_rate", "capacity_rps", "capacity_rps_per_gpu", "bounded", "simulations", RunMetrics.TtftP99Ms.Name, RunMetrics.TpotP99Ms.Name, RunMetrics.QueueP99Ms.Name, RunMetrics.UsdPerMillionOutputTokens.Name, RunMetrics.EnergyPerOutputToken.Name, "average_power_w_at_capacity", "peak_power_w_at_capacity", "probes"];

    /// <summary>Writes the files into the staged <paramref name="output"/> (the caller commits); returns the file names written.</summary>
    public static IReadOnlyList<string> Write(AtomicDirectory output, IReadOnlyList<LayoutCapacity> results, SloSpec slo, string title, bool report, PlanObjective? objective = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var files = Files(results, slo, title, report, objective);
        foreach (var (name, text) in files)
        {
            output.WriteAllText(name, text);
        }

        return files.Select(f => f.Name).ToArray();
    }

    /// <summary>The files of a capacity study, by name, <c>capacity.csv</c> first; with a cost or energy
    /// <paramref name="objective"/> the report also charts that figure per layout.</summary>
    public static IReadOnlyList<(string Name, string Text)> Files(IReadOnlyList<LayoutCapacity> results, SloSpec slo, string title, bool report, PlanObjective? objective = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.Select(r => (IReadOnlyList<object?>)
        [
            r.Layout.ToString(), r.Layout.Tp, r.Layout.Pp, r.Layout.Dp, r.Layout.Ep, r.Layout.Cp, r.Layout.GpuCount,
            R(r.Capacity.Rate), R(r.Capacity.RequestsPerSecond), R(r.Capacity.RequestsPerSecondPerGpu), r.Capacity.Bounded, r.Capacity.Simulations,
            R(r.Capacity.AtCapacity?[RunMetrics.TtftP99Ms].Mean), R(r.Capacity.AtCapacity?[RunMetrics.TpotP99Ms].Mean), R(r.Capacity.AtCapacity?[RunMetrics.QueueP99Ms].Mean),
            R(r.Capacity.AtCapacity?[RunMetrics.UsdPerMillionOutputTokens].Mean), R(r.Capacity.AtCapacity?[RunMetrics.EnergyPerOutputToken].Mean),
            R(r.Capacity.AtCapacity?[RunMetrics.AveragePower].Mean), R(r.Capacity.AtCapacity?[RunMetrics.PeakPower].Mean),
            string.Join(';', r.Capacity.Probes.Select(p => $"{NumberFormat.Significant(p.Rate, 6)}:{(p.Held ? "held" : "failed")}")),
        ]).ToArray();
        var files = new List<(string, string)> { ("capacity.csv", CsvOutput.RowsToCsv(Headers, rows)) };
        if (report)
        {
            var html = new HtmlReport(title) { Subtitle = SloText(slo) };
            html.AddChart("SLO capacity per GPU", Bars(results).RenderSvg(), "Highest request rate per GPU at which every p99 bound holds (bisection on the arrival rate).");
            if (objective is PlanObjective.Cost or PlanObjective.Energy)
            {
                bool cost = objective == PlanObjective.Cost;
                var chartTitle = cost ? "Cost per million output tokens at capacity" : "Energy per output token at capacity";
                var metric = cost ? RunMetrics.UsdPerMillionOutputTokens : RunMetrics.EnergyPerOutputToken;
                var chart = StudyCharts.Bars(chartTitle, results.Select(r => r.Layout.ToString()).ToArray(), results.Select(r => r.Capacity.AtCapacity?[metric].Mean is { } v && !double.IsNaN(v) ? v : 0).ToArray(), cost ? "Cost per million output tokens" : "Energy per output token", cost ? "USD" : "J");
                html.AddChart(chartTitle, chart.RenderSvg(), "At each layout's SLO capacity point, in the row order (lowest first); 0: no capacity point, or no prices/power figures.");
            }

            html.AddTable("Capacity by layout", Headers[..^1], rows.Select(r => (IReadOnlyList<string>)r.Take(Headers.Length - 1).Select(Cell).ToArray()));
            files.Add(("capacity.html", html.Render()));
        }

        return files;
    }

    /// <summary>Horizontal bars of capacity per GPU, one per layout.</summary>
    public static Chart Bars(IReadOnlyList<LayoutCapacity> results) =>
        Bars(results.Select(r => r.Layout.ToString()).ToArray(), results.Select(r => r.Capacity).ToArray());

    /// <summary>Horizontal bars of capacity per GPU, one per labelled layout.</summary>
    public static Chart Bars(IReadOnlyList<string> labels, IReadOnlyList<CapacityResult> capacities) =>
        StudyCharts.Bars("SLO capacity per GPU", labels, capacities.Select(c => c.RequestsPerSecondPerGpu).ToArray(), "Capacity per GPU", "req/s");

    /// <summary>"p99 TTFT ≤ 350 ms, p99 TPOT ≤ 25 ms".</summary>
    public static string SloText(SloSpec slo)
    {
        var names = new Dictionary<RunMetric, string> { [RunMetrics.TtftP99Ms] = "TTFT", [RunMetrics.TpotP99Ms] = "TPOT", [RunMetrics.E2elP99Ms] = "E2EL", [RunMetrics.QueueP99Ms] = "queueing delay" };
        var parts = PointResult.Bounds(slo).Select(b => $"p99 {names[b.Metric]} ≤ {NumberFormat.Significant(b.BoundMs)} ms").ToArray();
        return parts.Length == 0 ? "no latency SLO" : "SLO: " + string.Join(", ", parts);
    }

    private static object? R(double? x) => x is { } v && !double.IsNaN(v) ? Math.Round(v, SweepTable.Decimals, MidpointRounding.AwayFromZero) : null;

    private static string Cell(object? v) => v switch
    {
        null => string.Empty,
        double d => NumberFormat.Significant(d),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? string.Empty,
    };
}
