using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;
using DesSim.Reporting.Html;

namespace DesSim.Reporting.Results;

/// <summary>The self-contained <c>report.html</c> of one run: scenario, headline numbers vs SLO, charts, tables.</summary>
public static class RunReport
{
    /// <summary>Builds the report's HTML.</summary>
    public static string Build(ScenarioRun run)
    {
        var s = run.Result.Summary;
        var slo = run.Scenario.Slo;
        var result = run.Result;
        var report = new HtmlReport($"DesSim: {run.Scenario.Name}") { Subtitle = run.Deployment.Describe() };
        report.AddScenario(
            [
                new("model", run.Deployment.Model.Name),
                new("GPU", run.Deployment.Gpu.Name),
                new("layout", run.Deployment.Plan.ToString()),
                new("scheduler", $"{run.Scenario.Scheduler.Policy.ToString().ToLowerInvariant()}, max_num_seqs {run.Scenario.Scheduler.MaxNumSeqs}, max_num_batched_tokens {run.Scenario.Scheduler.MaxNumBatchedTokens}"),
                new("engine overheads", run.Scenario.Engine.Name),
                new("seed", run.Scenario.Seed.ToString(CultureInfo.InvariantCulture)),
            ],
            run.Scenario.YamlText);
        report.AddHeadlineMetrics(
        [
            new HeadlineMetric("TTFT p99", s.TtftMs.P99, "ms", slo.TtftMs),
            new HeadlineMetric("TPOT p99", s.TpotMs.P99, "ms", slo.TpotMs),
            new HeadlineMetric("TTFT median", s.TtftMs.Median, "ms", slo.TtftMs),
            new HeadlineMetric("TPOT median", s.TpotMs.Median, "ms", slo.TpotMs),
            new HeadlineMetric("E2E latency p99", s.E2elMs.P99, "ms", slo.E2elMs),
            new HeadlineMetric("Output throughput", s.OutputThroughput, "tok/s"),
            new HeadlineMetric("Request throughput", s.RequestThroughput, "req/s"),
            new HeadlineMetric("Goodput", s.Goodput, "req/s"),
            new HeadlineMetric("SLO attainment", 100 * s.SloAttainment, "%"),
            new HeadlineMetric("Bubble share", 100 * s.BubbleShare, "%"),
        ]);
        var done = result.Requests.Where(r => !r.Rejected).ToArray();
        report.AddChart("TTFT", RunResultCharts.LatencyCdf("TTFT", done.Select(r => r.TtftMs), slo.TtftMs), "Empirical CDF of time to first token; markers at p50 and p99.");
        report.AddChart("TPOT", RunResultCharts.LatencyCdf("TPOT", done.Where(r => r.OutputTokens > 1).Select(r => r.TpotMs), slo.TpotMs), "Time per output token after the first.");
        report.AddChart("ITL", RunResultCharts.ItlCdf(result.InterTokenLatency, slo.TpotMs), "Every gap between consecutive output tokens (from a 0.05%-precision histogram).");
        report.AddChart("E2E latency", RunResultCharts.LatencyCdf("E2EL", done.Select(r => r.E2elMs), slo.E2elMs), "End-to-end latency per request.");
        report.AddChart("Time breakdown per GPU", RunResultCharts.GpuBreakdown(result.Gpus), "Compute, tensor-parallel and pipeline communication, bubbles (idle while the pipeline holds work) and idle time.");
        report.AddChart("Pipeline timeline", RunResultCharts.PipelineTimeline(result.Timeline, run.Deployment.Stages.Count), "Stage executions of replica 0 over the first iterations of the timeline window; gaps are bubbles.");
        if (result.TimeSeries.Count > 0)
        {
            var faults = run.Scenario.Faults.Windows(result.TimeSeries[^1].TimeSeconds);
            report.AddChart("Queue length", RunResultCharts.TimeSeries(result.TimeSeries, "Requests waiting", "queue length", "requests", r => r.QueueLength, faults));
            report.AddChart("Running batch", RunResultCharts.TimeSeries(result.TimeSeries, "Tokens in flight", "batch size", "tokens", r => r.BatchTokens, faults));
            report.AddChart("KV cache", RunResultCharts.TimeSeries(result.TimeSeries, "KV cache occupancy", "occupancy", "%", r => 100 * r.KvOccupancy, faults));
            if (faults.Count > 0)
            {
                report.AddChart("Output rate", RunResultCharts.TimeSeries(result.TimeSeries, "Output tokens per second", "output rate", "tok/s", r => r.OutputTokensPerSecond, faults), "Shaded: fault windows (docs/faults.md).");
            }
        }

        FaultReportSection.Add(report, s.Faults);

        report.AddTable("Latency percentiles (ms)", ["metric", "mean", "median", "p90", "p95", "p99", "p99.9"],
        [
            StatsRow("TTFT", s.TtftMs), StatsRow("TPOT", s.TpotMs), StatsRow("ITL", s.ItlMs), StatsRow("E2EL", s.E2elMs), StatsRow("queueing", s.QueueMs),
        ]);
        report.AddTable("GPUs", ["GPU", "replica", "stage", "compute", "TP comm", "PP comm", "bubble", "idle"],
            result.Gpus.Select(g => (IReadOnlyList<string>)[
                g.Gpu.ToString(CultureInfo.InvariantCulture), g.Replica.ToString(CultureInfo.InvariantCulture), g.Stage.ToString(CultureInfo.InvariantCulture),
                Pct(g.Share(g.ComputeSeconds)), Pct(g.Share(g.TpCommSeconds)), Pct(g.Share(g.PpCommSeconds)), Pct(g.Share(g.BubbleSeconds)), Pct(g.Share(g.IdleSeconds))]));
        if (result.Notes.Count > 0)
        {
            report.AddText("Notes", string.Join("\n", result.Notes));
        }

        return report.Render();
    }

    private static IReadOnlyList<string> StatsRow(string name, LatencyStats s) =>
        [name, F(s.Mean), F(s.Median), F(s.P90), F(s.P95), F(s.P99), F(s.P999)];

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Pct(double share) => (100 * share).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
