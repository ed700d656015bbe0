namespace DesSim.Core.Metrics;

/// <summary>Every <see cref="RunMetric"/>, defined once: the columns of every sweep, capacity and plan row, in column
/// order (docs/sweeps.md, docs/metrics.md), each naming the <c>summary.json</c> key it reads.</summary>
/// <remarks>A new study column is one field here plus its entry in <see cref="All"/> (appended: the column order is part
/// of sweep.csv).</remarks>
public static class RunMetrics
{
    /// <summary>Requests completed.</summary>
    public static readonly RunMetric RequestsCompleted = new("requests_completed", "requests_completed", s => s.RequestsCompleted);

    /// <summary>Requests rejected.</summary>
    public static readonly RunMetric RequestsRejected = new("requests_rejected", "requests_rejected", s => s.RequestsRejected);

    /// <summary>Completed requests per second.</summary>
    public static readonly RunMetric RequestThroughput = new("request_throughput_per_s", "request_throughput", s => s.RequestThroughput, WithCi: true);

    /// <summary>Output tokens per second.</summary>
    public static readonly RunMetric OutputThroughput = new("output_tokens_per_s", "output_throughput", s => s.OutputThroughput, WithCi: true);

    /// <summary>Output tokens per second per GPU of the layout.</summary>
    public static readonly RunMetric OutputThroughputPerGpu = new("output_tokens_per_s_per_gpu", "output_throughput", s => s.OutputThroughput, WithCi: true, PerGpu: true);

    /// <summary>Completed requests meeting the SLO per second.</summary>
    public static readonly RunMetric Goodput = new("goodput_per_s", "goodput", s => s.Goodput, WithCi: true);

    /// <summary>Share of requests meeting the SLO.</summary>
    public static readonly RunMetric SloAttainment = new("slo_attainment", "slo_attainment", s => s.SloAttainment, WithCi: true);

    /// <summary>Median TTFT, ms.</summary>
    public static readonly RunMetric TtftP50Ms = new("ttft_p50_ms", "ttft_ms.median", s => s.TtftMs.Median, WithCi: true);

    /// <summary>p90 TTFT, ms.</summary>
    public static readonly RunMetric TtftP90Ms = new("ttft_p90_ms", "ttft_ms.p90", s => s.TtftMs.P90, WithCi: true);

    /// <summary>p99 TTFT, ms.</summary>
    public static readonly RunMetric TtftP99Ms = new("ttft_p99_ms", "ttft_ms.p99", s => s.TtftMs.P99, WithCi: true);

    /// <summary>Median TPOT, ms.</summary>
    public static readonly RunMetric TpotP50Ms = new("tpot_p50_ms", "tpot_ms.median", s => s.TpotMs.Median, WithCi: true);

    /// <summary>p90 TPOT, ms.</summary>
    public static readonly RunMetric TpotP90Ms = new("tpot_p90_ms", "tpot_ms.p90", s => s.TpotMs.P90, WithCi: true);

    /// <summary>p99 TPOT, ms.</summary>
    public static readonly RunMetric TpotP99Ms = new("tpot_p99_ms", "tpot_ms.p99", s => s.TpotMs.P99, WithCi: true);

    /// <summary>p99 ITL, ms.</summary>
    public static readonly RunMetric ItlP99Ms = new("itl_p99_ms", "itl_ms.p99", s => s.ItlMs.P99, WithCi: true);

    /// <summary>Median E2EL, ms.</summary>
    public static readonly RunMetric E2elP50Ms = new("e2el_p50_ms", "e2el_ms.median", s => s.E2elMs.Median, WithCi: true);

    /// <summary>p99 E2EL, ms.</summary>
    public static readonly RunMetric E2elP99Ms = new("e2el_p99_ms", "e2el_ms.p99", s => s.E2elMs.P99, WithCi: true);

    /// <summary>p99 queueing delay, ms.</summary>
    public static readonly RunMetric QueueP99Ms = new("queue_p99_ms", "queue_ms.p99", s => s.QueueMs.P99, WithCi: true);

    /// <summary>Share of GPU time in compute.</summary>
    public static readonly RunMetric ComputeShare = new("compute_share", "gpu_time_shares.compute", s => s.ComputeShare);

    /// <summary>Share of GPU time in TP collectives.</summary>
    public static readonly RunMetric TpCommShare = new("tp_comm_share", "gpu_time_shares.tp_comm", s => s.TpCommShare);

    /// <summary>Share of GPU time in pipeline sends.</summary>
    public static readonly RunMetric PpCommShare = new("pp_comm_share", "gpu_time_shares.pp_comm", s => s.PpCommShare);

    /// <summary>Share of GPU time in other communication (EP all-to-all, CP).</summary>
    public static readonly RunMetric OtherCommShare = new("other_comm_share", "gpu_time_shares.other_comm", s => s.OtherCommShare);

    /// <summary>Share of GPU time in pipeline bubbles.</summary>
    public static readonly RunMetric BubbleShare = new("bubble_share", "gpu_time_shares.bubble", s => s.BubbleShare);

    /// <summary>Share of GPU time idle.</summary>
    public static readonly RunMetric IdleShare = new("idle_share", "gpu_time_shares.idle", s => s.IdleShare);

    /// <summary>Peak KV-cache occupancy.</summary>
    public static readonly RunMetric PeakKvOccupancy = new("peak_kv_occupancy", "peak_kv_occupancy", s => s.PeakKvOccupancy);

    /// <summary>Preemptions.</summary>
    public static readonly RunMetric Preemptions = new("preemptions", "preemptions", s => s.Preemptions);

    /// <summary>GPU energy per output token, J.</summary>
    public static readonly RunMetric EnergyPerOutputToken = new("energy_j_per_output_token", "energy.j_per_output_token", s => s.Energy?.JoulesPerOutputToken ?? double.NaN);

    /// <summary>Cost per million output tokens, USD.</summary>
    public static readonly RunMetric UsdPerMillionOutputTokens = new("usd_per_million_output_tokens", "cost.usd_per_million_output_tokens.total", s => s.Cost?.UsdPerMillionOutputTokens.TotalUsd ?? double.NaN);

    /// <summary>Average cluster power, W.</summary>
    public static readonly RunMetric AveragePower = new("average_power_w", "energy.average_w", s => s.Energy?.AverageWatts ?? double.NaN);

    /// <summary>Peak cluster power, W.</summary>
    public static readonly RunMetric PeakPower = new("peak_power_w", "energy.peak_w", s => s.Energy?.PeakWatts ?? double.NaN);

    /// <summary>Every metric, in column order.</summary>
    public static IReadOnlyList<RunMetric> All { get; } =
    [
        RequestsCompleted, RequestsRejected, RequestThroughput, OutputThroughput, OutputThroughputPerGpu, Goodput, SloAttainment,
        TtftP50Ms, TtftP90Ms, TtftP99Ms, TpotP50Ms, TpotP90Ms, TpotP99Ms, ItlP99Ms, E2elP50Ms, E2elP99Ms, QueueP99Ms,
        ComputeShare, TpCommShare, PpCommShare, OtherCommShare, BubbleShare, IdleShare, PeakKvOccupancy, Preemptions,
        EnergyPerOutputToken, UsdPerMillionOutputTokens, AveragePower, PeakPower,
    ];

    /// <summary>The metric named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No metric has that name.</exception>
    public static RunMetric Get(string name) => All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"no metric '{name}'", nameof(name));

    /// <summary>The position of <paramref name="metric"/> in <see cref="All"/>.</summary>
    public static int IndexOf(RunMetric metric)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (ReferenceEquals(All[i], metric))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{metric?.Name}' is not in the catalog", nameof(metric));
    }
}
