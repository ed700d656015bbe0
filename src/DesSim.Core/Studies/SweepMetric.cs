using DesSim.Core.Metrics;

namespace DesSim.Core.Studies;

/// <summary>One column of a sweep row: a name, how to read it from a run summary, and whether it gets a CI column.</summary>
/// <remarks><paramref name="PerGpu"/> divides the value by the layout's GPU count. Names carry units (<c>_ms</c>, <c>_per_s</c>).</remarks>
public sealed record SweepMetric(string Name, Func<RunSummary, double> Read, bool WithCi = false, bool PerGpu = false)
{
    /// <summary>The metrics of every sweep row, in column order (documented in docs/sweeps.md).</summary>
    public static IReadOnlyList<SweepMetric> All { get; } =
    [
        new("requests_completed", s => s.RequestsCompleted),
        new("requests_rejected", s => s.RequestsRejected),
        new("request_throughput_per_s", s => s.RequestThroughput, WithCi: true),
        new("output_tokens_per_s", s => s.OutputThroughput, WithCi: true),
        new("output_tokens_per_s_per_gpu", s => s.OutputThroughput, WithCi: true, PerGpu: true),
        new("goodput_per_s", s => s.Goodput, WithCi: true),
        new("slo_attainment", s => s.SloAttainment, WithCi: true),
        new("ttft_p50_ms", s => s.TtftMs.Median, WithCi: true),
        new("ttft_p90_ms", s => s.TtftMs.P90, WithCi: true),
        new("ttft_p99_ms", s => s.TtftMs.P99, WithCi: true),
        new("tpot_p50_ms", s => s.TpotMs.Median, WithCi: true),
        new("tpot_p90_ms", s => s.TpotMs.P90, WithCi: true),
        new("tpot_p99_ms", s => s.TpotMs.P99, WithCi: true),
        new("itl_p99_ms", s => s.ItlMs.P99, WithCi: true),
        new("e2el_p50_ms", s => s.E2elMs.Median, WithCi: true),
        new("e2el_p99_ms", s => s.E2elMs.P99, WithCi: true),
        new("queue_p99_ms", s => s.QueueMs.P99, WithCi: true),
        new("compute_share", s => s.ComputeShare),
        new("tp_comm_share", s => s.TpCommShare),
        new("pp_comm_share", s => s.PpCommShare),
        new("other_comm_share", s => s.OtherCommShare),
        new("bubble_share", s => s.BubbleShare),
        new("idle_share", s => s.IdleShare),
        new("peak_kv_occupancy", s => s.PeakKvOccupancy),
        new("preemptions", s => s.Preemptions),
        new("energy_j_per_output_token", s => s.Energy?.JoulesPerOutputToken ?? double.NaN),
        new("usd_per_million_output_tokens", s => s.Cost?.UsdPerMillionOutputTokens.TotalUsd ?? double.NaN),
        new("average_power_w", s => s.Energy?.AverageWatts ?? double.NaN),
        new("peak_power_w", s => s.Energy?.PeakWatts ?? double.NaN),
    ];

    /// <summary>The metric named <paramref name="name"/>.</summary>
    public static SweepMetric Get(string name) => All.First(m => m.Name == name);
}
