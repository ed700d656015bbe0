using DesSim.Core.Scheduling;
using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Core.Scenarios;
using DesSim.Reporting.Html;

namespace DesSim.Reporting.Results;

/// <summary>The self-contained <c>report.html</c> of one run: scenario, headline numbers vs SLO, charts, tables.</summary>
/// <remarks>Built from <see cref="ReportData"/>, which is read from the written result files (<see cref="ResultDirectoryReader"/>), so
/// <c>dessim run --report</c> and <c>dessim report DIR</c> give the same bytes and cannot drift from the files.</remarks>
public static class RunReport
{
    /// <summary>Builds the report's HTML.</summary>
    public static string Build(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = data.Summary;
        var slo = data.Slo;
        var report = new HtmlReport($"DesSim: {data.Name}") { Subtitle = data.Deployment };
        report.AddScenario(
            [
                new("model", data.Model),
                new("GPU", data.Gpu),
                new("layout", data.Layout),
                new("scheduler", data.Scheduler),
                new("engine overheads", data.EngineOverheads),
                new("seed", data.Seed),
            ],
            data.ScenarioYaml);
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
        var charts = Charts(data);
        var svgs = RenderSvgs(charts);
        for (var i = 0; i < charts.Count; i++)
        {
            report.AddChart(charts[i].Heading, svgs[i], charts[i].Caption);
        }

        FaultReportSection.Add(report, s.Faults);

        var latency = new List<IReadOnlyList<string>>
        {
            StatsRow("TTFT", s.TtftMs), StatsRow("TPOT", s.TpotMs), StatsRow("ITL", s.ItlMs), StatsRow("E2EL", s.E2elMs), StatsRow("queueing", s.QueueMs),
        };
        if (s.KvTransferMs is { } kvMs)
        {
            latency.Add(StatsRow("KV transfer", kvMs));
            latency.Add(StatsRow("KV wait (back-pressure)", s.KvWaitMs!));
        }

        if (s.PrefixCache is { TtftHitMs: { } hit, TtftMissMs: { } miss })
        {
            latency.Add(StatsRow($"TTFT, prefix hit ({hit.Count:N0})", hit));
            latency.Add(StatsRow($"TTFT, prefix miss ({miss.Count:N0})", miss));
        }

        report.AddTable("Latency percentiles (ms)", ["metric", "mean", "median", "p90", "p95", "p99", "p99.9"], latency);
        if (s.PrefixCache is { Tiers.Count: > 0 } prefix)
        {
            report.AddTable("Prefix-cache tiers", ["tier", "token hit rate", "hit blocks", "loaded blocks", "written blocks", "evicted blocks", "GB loaded", "GB written", "mean load (ms)"],
                prefix.Tiers.Select(t => (IReadOnlyList<string>)[
                    t.Shared ? t.Name + " (shared)" : t.Name, Pct(prefix.TierTokenHitRate(t)), I(t.HitBlocks), I(t.LoadedBlocks), I(t.WrittenBlocks), I(t.EvictedBlocks),
                    F(t.BytesLoaded / 1e9), F(t.BytesWritten / 1e9), F(t.MeanLoadMs)]),
                FormattableString.Invariant($"Where the prompt tokens' hits were found (blocks of {prefix.BlockTokens} tokens; over all tiers {Pct(prefix.TokenHitRate)}). Loads and write-backs are timed on the host links, NICs and drives (docs/prefix-caching.md)."));
        }
        if (s.Pools is { } pools)
        {
            report.AddTable("Pools", ["pool", "role", "GPU", "instances", "TP", "PP", "GPUs", "utilization", "compute", "comm", "bubble", "idle", "KV transfer", "queue (ms)"],
                pools.Select(p => (IReadOnlyList<string>)[
                    p.Name, p.Role, p.Gpu, p.Instances.ToString(CultureInfo.InvariantCulture), p.Tp.ToString(CultureInfo.InvariantCulture), p.Pp.ToString(CultureInfo.InvariantCulture),
                    p.Gpus.ToString(CultureInfo.InvariantCulture), Pct(p.Utilization), Pct(p.ComputeShare), Pct(p.CommShare), Pct(p.BubbleShare), Pct(p.IdleShare), Pct(p.KvTransferShare), F(p.QueueMs)]),
                s.KvTransferShare is { } share
                    ? FormattableString.Invariant($"Shares of each pool's GPU time. KV transfer: time with a hand-off from or to the GPU in flight (overlaps compute); {Pct(share)} of all GPU time, {s.KvTransferBytes ?? 0:N0} bytes moved.")
                    : "Shares of each pool's GPU time.");
        }
        report.AddTable("GPUs", ["GPU", "replica", "stage", "compute", "TP comm", "PP comm", "EP/CP comm", "bubble", "idle"],
            data.Gpus.Select(g => (IReadOnlyList<string>)[
                g.Gpu.ToString(CultureInfo.InvariantCulture), g.Replica.ToString(CultureInfo.InvariantCulture), g.Stage.ToString(CultureInfo.InvariantCulture),
                Pct(g.Shares[0]), Pct(g.Shares[1]), Pct(g.Shares[2]), Pct(g.Shares[3]), Pct(g.Shares[4]), Pct(g.Shares[5])]));
        if (s.ExpertLoad is { } load)
        {
            double mean = load.ExpertTokens.Count == 0 ? 0 : load.ExpertTokens.Average();
            report.AddTable(
                FormattableString.Invariant($"Expert load ({load.Routing}; max/mean {load.ImbalanceFactor:F3}; busiest expert GPU per batch {load.MeanBatchGpuImbalance:F2}× the mean)"),
                ["expert", "token assignments", "share of mean"],
                load.ExpertTokens.Select((t, i) => (IReadOnlyList<string>)[i.ToString(CultureInfo.InvariantCulture), t.ToString(CultureInfo.InvariantCulture), F(mean > 0 ? t / mean : 0)]));
        }

        if (data.Notes.Count > 0)
        {
            report.AddText("Notes", string.Join("\n", data.Notes));
        }

        return report.Render();
    }

    /// <summary>The report's charts, in report order (also written one file each by <c>dessim report --svg-dir/--png-dir</c>).</summary>
    public static IReadOnlyList<ReportChart> Charts(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var slo = data.Slo;
        var charts = new List<ReportChart>
        {
            new("ttft_cdf", "TTFT", RunResultCharts.LatencyCdf("TTFT", data.TtftMs, slo.TtftMs), "Empirical CDF of time to first token; markers at p50 and p99."),
            new("tpot_cdf", "TPOT", RunResultCharts.LatencyCdf("TPOT", data.TpotMs, slo.TpotMs), "Time per output token after the first."),
            new("itl_cdf", "ITL", RunResultCharts.ItlCdf(data.ItlQuantilesMs, slo.TpotMs), "Every gap between consecutive output tokens (1,001 quantiles of a 0.05%-precision histogram)."),
            new("e2el_cdf", "E2E latency", RunResultCharts.LatencyCdf("E2EL", data.E2elMs, slo.E2elMs), "End-to-end latency per request."),
            new("gpu_breakdown", "Time breakdown per GPU", RunResultCharts.GpuBreakdown(data.Gpus), "Compute, tensor-parallel and pipeline communication, bubbles (idle while the pipeline holds work) and idle time."),
            new("pipeline_timeline", "Pipeline timeline", RunResultCharts.PipelineTimeline(data.Timeline ?? [], data.Stages),
                data.Timeline is null
                    ? "No trace.json was written (outputs.chrome_trace: false), so there is no timeline."
                    : "Stage executions of replica 0 over the first iterations of the timeline window; gaps are bubbles."),
        };
        if (data.PrefixSamples.Count > 0)
        {
            bool tiers = data.Summary.PrefixCache is { Tiers.Count: > 0 };
            charts.Add(new("prefix_hit_rate", "Prefix-cache hit rate", RunResultCharts.PrefixHitRate(data.PrefixSamples, tiers),
                tiers
                    ? "Cached prompt tokens over prompt tokens of the requests first admitted in each time bin: found in any tier, and on the GPU alone (the gap was loaded back from lower tiers)."
                    : "Cached prompt tokens over prompt tokens of the requests first admitted in each time bin (docs/prefix-caching.md)."));
        }

        if (data.TimeSeries.Count > 0)
        {
            var faults = data.Summary.Faults?.Windows ?? [];
            string? shaded = faults.Count > 0 ? "Shaded: fault windows (docs/faults.md)." : null;
            charts.Add(new("queue_length", "Queue length", RunResultCharts.TimeSeries(data.TimeSeries, "Requests waiting", "queue length", "requests", r => r.QueueLength, faults, counts: true), shaded));
            charts.Add(new("running_batch", "Running batch", RunResultCharts.TimeSeries(data.TimeSeries, "Tokens in flight", "batch size", "tokens", r => r.BatchTokens, faults, counts: true), shaded));
            charts.Add(new("kv_cache", "KV cache", RunResultCharts.TimeSeries(data.TimeSeries, "KV cache occupancy", "occupancy", "%", r => 100 * r.KvOccupancy, faults), shaded));
            if (data.TimeSeries.Any(r => double.IsFinite(r.ClusterPowerWatts)))
            {
                charts.Add(new("cluster_power", "Cluster power", RunResultCharts.TimeSeries(data.TimeSeries, "GPU board power of the cluster (mean per sample interval)", "power", "W", r => r.ClusterPowerWatts, faults), shaded ?? "Power model and sources: docs/energy.md."));
            }

            if (faults.Count > 0)
            {
                charts.Add(new("output_rate", "Output rate", RunResultCharts.TimeSeries(data.TimeSeries, "Output tokens per second", "output rate", "tok/s", r => r.OutputTokensPerSecond, faults), shaded));
            }
        }

        return charts;
    }

    /// <summary>Each chart's SVG, the first alone and the rest in parallel.</summary>
    /// <remarks>Why parallel: drawing the charts is most of what <c>run --report</c> adds to a run, and the charts are
    /// independent plots on their own canvases, so the output is the same bytes in any order (each SVG's clip ids are
    /// renumbered per chart). Why the first alone: it resolves the embedded font's faces into ScottPlot's process-wide
    /// typeface cache, so the parallel ones only read it.</remarks>
    private static string[] RenderSvgs(IReadOnlyList<ReportChart> charts)
    {
        var svgs = new string[charts.Count];
        if (charts.Count == 0)
        {
            return svgs;
        }

        svgs[0] = charts[0].Chart.RenderSvg();
        Parallel.For(1, charts.Count, i => svgs[i] = charts[i].Chart.RenderSvg());
        return svgs;
    }

    private static IReadOnlyList<string> StatsRow(string name, LatencyStats s) =>
        [name, F(s.Mean), F(s.Median), F(s.P90), F(s.P95), F(s.P99), F(s.P999)];

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string I(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double share) => (100 * share).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
