using DesSim.Core.Statistics;
using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Reporting.Charts;
using DesSim.Reporting.Html;
using DesSim.Reporting.Results;
using DesSim.Reporting.Sweeps;

namespace DesSim.Reporting.Compare;

/// <summary>The self-contained <c>compare.html</c> of 2–8 runs side by side: the runs, the headline metrics with the
/// best run of each row marked, TTFT/TPOT/E2E CDFs overlaid (one colour per run, SLO lines), throughput and goodput
/// bars, and where GPU time goes per run.</summary>
/// <remarks>Built only from the runs' result files (<see cref="CompareReader"/>), so the same directories give the
/// same bytes. Charts are inline SVG, as in report.html (docs/reporting.md).</remarks>
public static class ComparePage
{
    /// <summary>Builds the page's HTML.</summary>
    public static string Build(IReadOnlyList<CompareRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var page = new HtmlReport($"DesSim comparison: {runs.Count} runs") { Subtitle = string.Join(" · ", runs.Select(r => r.Label)) };
        page.AddTable(
            "Runs",
            ["run", "directory", "model", "GPU", "GPUs", "layout", "engine", "scheduler", "seed", "SLO"],
            runs.Select(r => (IReadOnlyList<string>)
            [
                r.Label, r.Directory, r.Data.Model, r.Data.Gpu, r.GpuCount.ToString(CultureInfo.InvariantCulture), r.Data.Layout,
                r.Data.EngineOverheads, r.Data.Scheduler, r.Data.Seed, CapacityOutputs.SloText(r.Data.Slo),
            ]));
        var metrics = CompareMetrics.All.Where(m => runs.Any(r => double.IsFinite(m.Value(r)))).ToArray();
        page.AddMarkedTable(
            "Headline metrics",
            ["metric", "unit", .. runs.Select(r => r.Label)],
            metrics.Select(m =>
            {
                var values = runs.Select(m.Value).ToArray();
                var best = m.Best(values).Select(i => i + 2).ToHashSet();
                return ((IReadOnlyList<string>)[m.Name, m.Unit, .. values.Select(Cell)], (IReadOnlySet<int>)best);
            }),
            "★ marks the best run of a row (lowest latency, waste, energy and cost; highest throughput, goodput and attainment); rows where every run is equal, or without a better direction, are not marked. Values from each run's summary.json.");
        foreach (var chart in Charts(runs))
        {
            page.AddChart(chart.Heading, chart.Chart.RenderSvg(), chart.Caption);
        }

        return page.Render();
    }

    /// <summary>The page's charts, in page order (also written one file each by <c>dessim compare --svg-dir/--png-dir</c>).</summary>
    public static IReadOnlyList<ReportChart> Charts(IReadOnlyList<CompareRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var names = runs.Select(r => r.Label).ToArray();
        var s = runs.Select(r => r.Data.Summary).ToArray();
        return
        [
            new("ttft_cdf", "TTFT", Cdf("TTFT", runs, d => d.TtftMs, slo => slo.TtftMs), CdfCaption("time to first token")),
            new("tpot_cdf", "TPOT", Cdf("TPOT", runs, d => d.TpotMs, slo => slo.TpotMs), CdfCaption("time per output token after the first")),
            new("e2el_cdf", "E2E latency", Cdf("E2E latency", runs, d => d.E2elMs, slo => slo.E2elMs), CdfCaption("end-to-end latency")),
            new("throughput_goodput", "Throughput and goodput", StudyCharts.GroupedBars(
                "Request throughput and goodput", names,
                [("request throughput", s.Select(x => x.RequestThroughput).ToArray()), ("goodput (met every SLO bound)", s.Select(x => x.Goodput).ToArray())],
                "Rate", "req/s"), "Completed requests per second of simulated time, and the requests per second that met every SLO bound of their run."),
            new("output_per_gpu", "Output throughput per GPU", StudyCharts.Bars(
                "Output throughput per GPU", names, runs.Select(r => r.GpuCount == 0 ? double.NaN : r.Data.Summary.OutputThroughput / r.GpuCount).ToArray(),
                "Output throughput per GPU", "tok/s", colourPerBar: true), "Output tokens per second divided by the run's GPUs (gpus.csv)."),
            new("gpu_breakdown", "Where the time goes", RunCharts.GpuTimeBreakdown(
                "Where the time goes, per run (all GPUs)", names,
                s.Select(x => (IReadOnlyList<double>)[x.ComputeShare, x.TpCommShare, x.PpCommShare, x.OtherCommShare, x.BubbleShare, x.IdleShare]).ToArray()),
                "Shares of GPU time over all GPUs of each run (summary.json gpu_time_shares): compute, tensor- and pipeline-parallel communication, bubbles and idle time."),
        ];
    }

    /// <summary>Above this ratio of the slowest run's p99 to the fastest run's p50 a CDF uses a log x axis, so the
    /// fast runs are not squeezed into the left edge (a house choice: 20× leaves a linear axis under 5% per run).</summary>
    public const double LogAxisSpread = 20;

    /// <summary>Significant digits of the table's values (one more than chart labels: runs often differ in the third).</summary>
    private const int TableDigits = 4;

    private static Chart Cdf(string metric, IReadOnlyList<CompareRun> runs, Func<ReportData, IReadOnlyList<double>> samples, Func<SloSpec, double?> slo)
    {
        var series = runs.Select(r => (r.Label, (IReadOnlyList<double>)samples(r.Data))).ToArray();
        var slos = runs.Where(r => slo(r.Data.Slo) is not null).GroupBy(r => slo(r.Data.Slo)!.Value).ToArray();
        var lines = slos.Length == 1 && slos[0].Count() == runs.Count
            ? [(slos[0].Key, $"SLO {NumberFormat.Significant(slos[0].Key)} ms")]
            : slos.Select(g => (g.Key, $"SLO {NumberFormat.Significant(g.Key)} ms: {string.Join(", ", g.Select(r => r.Label))}")).ToArray();
        var p50s = series.Select(x => Quantile.Linear(Sorted(x.Item2), 0.50)).Where(v => double.IsFinite(v) && v > 0).ToArray();
        var p99s = series.Select(x => Quantile.Linear(Sorted(x.Item2), 0.99)).Where(double.IsFinite).ToArray();
        var log = p50s.Length > 0 && p99s.Length > 0 && p99s.Max() / p50s.Min() > LogAxisSpread;
        return RunCharts.ComparisonCdf($"{metric} distribution by run", series, lines, log);
    }

    private static double[] Sorted(IReadOnlyList<double> samples)
    {
        var sorted = samples.Where(double.IsFinite).ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static string CdfCaption(string what) =>
        $"Empirical CDF of {what}, one colour per run; markers at each run's p50 and p99; dashed red: the SLO bound(s).";

    private static string Cell(double v) => double.IsFinite(v) ? NumberFormat.Significant(v, TableDigits) : "n/a";
}
