using System.Text.Json;
using DesSim.Core.Execution;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results;

/// <summary>Writes <c>summary.json</c>: the contract other tools read (keys in docs/metrics.md).</summary>
/// <remarks>Numbers are rounded to 6 decimals; NaN (no samples) is written as null. Key order is fixed.</remarks>
public static class SummaryJsonWriter
{
    /// <summary>Version of the result-file layout (summary.json keys, the CSV columns) this dessim writes and reads,
    /// written as <c>result_format</c>; readers refuse another. Bump it when a reader of the previous layout would
    /// misread the new files (a key or column removed, renamed or redefined); added keys and columns do not need it.</summary>
    public const int ResultFormat = 1;

    /// <summary>Writes the summary of a run named <paramref name="name"/> with its SLO, layout label, notes and (when given) the engine asked for and the modeled version that ran it.</summary>
    public static void Write(Stream stream, string name, string layout, RunSummary s, SloSpec slo, IEnumerable<string> notes, IReadOnlyDictionary<string, string>? extra = null, (string Name, string Version, string ModeledAs)? engine = null)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("result_format", ResultFormat);
        w.WriteString("name", name);
        w.WriteString("layout", layout);
        if (engine is { } e)
        {
            w.WriteStartObject("engine");
            w.WriteString("name", e.Name);
            w.WriteString("version", e.Version);
            w.WriteString("modeled_as", e.ModeledAs);
            w.WriteEndObject();
        }

        w.WriteNumber("requests_completed", s.RequestsCompleted);
        w.WriteNumber("requests_rejected", s.RequestsRejected);
        Num(w, "duration_s", s.DurationSeconds);
        Num(w, "request_throughput", s.RequestThroughput);
        Num(w, "output_throughput", s.OutputThroughput);
        Num(w, "total_token_throughput", s.TotalTokenThroughput);
        Num(w, "goodput", s.Goodput);
        Num(w, "slo_attainment", s.SloAttainment);
        Stats(w, "ttft_ms", s.TtftMs);
        Stats(w, "tpot_ms", s.TpotMs);
        Stats(w, "itl_ms", s.ItlMs);
        Stats(w, "e2el_ms", s.E2elMs);
        Stats(w, "queue_ms", s.QueueMs);
        w.WriteNumber("preemptions", s.Preemptions);
        w.WriteStartObject("gpu_time_shares");
        Num(w, "compute", s.ComputeShare);
        Num(w, "tp_comm", s.TpCommShare);
        Num(w, "pp_comm", s.PpCommShare);
        Num(w, "other_comm", s.OtherCommShare);
        Num(w, "bubble", s.BubbleShare);
        Num(w, "idle", s.IdleShare);
        w.WriteEndObject();
        Num(w, "peak_kv_occupancy", s.PeakKvOccupancy);
        if (s.Pools is { } pools)
        {
            Pools(w, pools);
        }

        if (s.KvTransferMs is { } kvMs)
        {
            Stats(w, "kv_transfer_ms", kvMs);
            Stats(w, "kv_wait_ms", s.KvWaitMs!);
            Num(w, "kv_transfer_share", s.KvTransferShare ?? 0);
            w.WriteNumber("kv_transfer_bytes", s.KvTransferBytes ?? 0);
        }

        if (s.ExpertLoad is { } load)
        {
            ExpertLoad(w, load);
        }

        if (s.PrefixCache is { } prefix)
        {
            PrefixCache(w, prefix);
        }

        if (s.Energy is { } energy)
        {
            Energy(w, energy);
        }

        if (s.Cost is { } cost)
        {
            Cost(w, cost);
        }

        if (s.Faults is { } f)
        {
            w.WriteStartObject("faults");
            w.WriteNumber("retries", f.Retries);
            w.WriteNumber("retried_requests", f.RetriedRequests);
            w.WriteNumber("discarded_tokens", f.DiscardedTokens);
            Stats(w, "e2el_ms_retried", f.E2elRetriedMs);
            Stats(w, "e2el_ms_not_retried", f.E2elNotRetriedMs);
            Stats(w, "ttft_ms_retried", f.TtftRetriedMs);
            Num(w, "e2el_hit_ms", f.E2elHitMs);
            w.WriteStartArray("windows");
            foreach (var (start, end, label) in f.Windows)
            {
                w.WriteStartObject();
                Num(w, "start_s", start);
                Num(w, "end_s", end);
                w.WriteString("label", label);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteStartObject("slo");
        NullableNum(w, "ttft_ms", slo.TtftMs);
        NullableNum(w, "tpot_ms", slo.TpotMs);
        NullableNum(w, "e2el_ms", slo.E2elMs);
        NullableNum(w, "queue_ms", slo.QueueMs);
        w.WriteEndObject();
        if (extra is not null)
        {
            foreach (var (k, v) in extra.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteString(k, v);
            }
        }

        w.WriteStartArray("notes");
        foreach (var n in notes)
        {
            w.WriteStringValue(n);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Pools(Utf8JsonWriter w, IReadOnlyList<PoolSummary> pools)
    {
        w.WriteStartArray("pools");
        foreach (var p in pools)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            w.WriteString("role", p.Role);
            w.WriteString("gpu", p.Gpu);
            w.WriteNumber("instances", p.Instances);
            w.WriteNumber("tp", p.Tp);
            w.WriteNumber("pp", p.Pp);
            w.WriteNumber("gpus", p.Gpus);
            Num(w, "utilization", p.Utilization);
            w.WriteStartObject("gpu_time_shares");
            Num(w, "compute", p.ComputeShare);
            Num(w, "comm", p.CommShare);
            Num(w, "bubble", p.BubbleShare);
            Num(w, "idle", p.IdleShare);
            Num(w, "kv_transfer", p.KvTransferShare);
            w.WriteEndObject();
            Num(w, "queue_ms", p.QueueMs);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Energy(Utf8JsonWriter w, EnergySummary e)
    {
        w.WriteStartObject("energy");
        Num(w, "total_j", e.TotalJoules);
        Num(w, "j_per_output_token", e.JoulesPerOutputToken);
        Num(w, "j_per_request", e.JoulesPerRequest);
        Num(w, "average_w", e.AverageWatts);
        Num(w, "peak_w", e.PeakWatts);
        Num(w, "gpu_average_w", e.GpuAverageWatts);
        Num(w, "gpu_peak_w", e.GpuPeakWatts);
        Num(w, "gpu_idle_w", e.IdleWatts);
        Num(w, "gpu_tdp_w", e.TdpWatts);
        NullableNum(w, "power_cap_w", e.CapWatts);
        Num(w, "compute_slowdown", e.ComputeSlowdown);
        Num(w, "memory_slowdown", e.MemorySlowdown);
        w.WriteStartArray("pools");
        foreach (var p in e.Pools)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            w.WriteNumber("gpus", p.Gpus);
            Num(w, "energy_j", p.EnergyJoules);
            Num(w, "average_w", p.AverageWatts);
            Num(w, "peak_w", p.PeakWatts);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Cost(Utf8JsonWriter w, CostSummary c)
    {
        w.WriteStartObject("cost");
        Num(w, "gpu_hour_usd", c.Prices.GpuHourUsd);
        Num(w, "energy_usd_per_kwh", c.Prices.EnergyUsdPerKwh);
        Num(w, "pue", c.Prices.Pue);
        w.WriteString("prices_source", c.Prices.Source);
        w.WriteNumber("gpus", c.Gpus);
        Parts(w, "run_usd", c.Run);
        Parts(w, "usd_per_million_output_tokens", c.UsdPerMillionOutputTokens);
        Parts(w, "usd_per_thousand_requests", c.UsdPerThousandRequests);
        Parts(w, "usd_per_hour", c.UsdPerHour);
        w.WriteEndObject();
    }

    private static void Parts(Utf8JsonWriter w, string key, CostParts p)
    {
        w.WriteStartObject(key);
        Num(w, "total", p.TotalUsd);
        Num(w, "gpu", p.GpuUsd);
        Num(w, "energy", p.EnergyUsd);
        w.WriteEndObject();
    }

    private static void PrefixCache(Utf8JsonWriter w, PrefixCacheSummary p)
    {
        w.WriteStartObject("prefix_cache");
        Num(w, "token_hit_rate", p.TokenHitRate);
        Num(w, "block_hit_rate", p.BlockHitRate);
        w.WriteNumber("block_tokens", p.BlockTokens);
        w.WriteNumber("prompt_tokens", p.PromptTokens);
        w.WriteNumber("hit_tokens", p.HitTokens);
        w.WriteNumber("prompt_blocks", p.PromptBlocks);
        w.WriteNumber("hit_blocks", p.HitBlocks);
        w.WriteNumber("prefill_tokens_saved", p.PrefillTokensSaved);
        w.WriteNumber("evicted_blocks", p.EvictedBlocks);
        if (p.TtftHitMs is { } hit && p.TtftMissMs is { } miss)
        {
            w.WriteNumber("hit_requests", p.HitRequests);
            Stats(w, "ttft_hit_ms", hit);
            Stats(w, "ttft_miss_ms", miss);
        }

        if (p.Tiers.Count > 0)
        {
            w.WriteStartObject("tiers");
            foreach (var t in p.Tiers)
            {
                w.WriteStartObject(t.Name);
                w.WriteBoolean("shared", t.Shared);
                w.WriteNumber("capacity_blocks", t.CapacityBlocks);
                Num(w, "token_hit_rate", p.TierTokenHitRate(t));
                Num(w, "block_hit_rate", p.TierBlockHitRate(t));
                w.WriteNumber("hit_tokens", t.HitTokens);
                w.WriteNumber("hit_blocks", t.HitBlocks);
                w.WriteNumber("loaded_blocks", t.LoadedBlocks);
                w.WriteNumber("written_blocks", t.WrittenBlocks);
                w.WriteNumber("evicted_blocks", t.EvictedBlocks);
                w.WriteNumber("bytes_loaded", t.BytesLoaded);
                w.WriteNumber("bytes_written", t.BytesWritten);
                w.WriteNumber("loads", t.Loads);
                Num(w, "mean_load_ms", t.MeanLoadMs);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void ExpertLoad(Utf8JsonWriter w, ExpertLoadStats load)
    {
        w.WriteStartObject("expert_load");
        w.WriteString("routing", load.Routing);
        w.WriteNumber("expert_groups", load.ExpertGroups);
        w.WriteNumber("sampled_batches", load.SampledBatches);
        Num(w, "imbalance_factor", load.ImbalanceFactor);
        Num(w, "batch_gpu_imbalance_mean", load.MeanBatchGpuImbalance);
        Num(w, "batch_gpu_imbalance_max", load.MaxBatchGpuImbalance);
        w.WriteStartArray("expert_tokens");
        foreach (var t in load.ExpertTokens)
        {
            w.WriteNumberValue(t);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Stats(Utf8JsonWriter w, string key, LatencyStats s)
    {
        w.WriteStartObject(key);
        Num(w, "mean", s.Mean);
        Num(w, "median", s.Median);
        Num(w, "p90", s.P90);
        Num(w, "p95", s.P95);
        Num(w, "p99", s.P99);
        Num(w, "p999", s.P999);
        w.WriteNumber("count", s.Count);
        w.WriteEndObject();
    }

    private static void Num(Utf8JsonWriter w, string key, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumber(key, Fmt.Round(v));
        }
        else
        {
            w.WriteNull(key);
        }
    }

    private static void NullableNum(Utf8JsonWriter w, string key, double? v)
    {
        if (v is { } x)
        {
            Num(w, key, x);
        }
        else
        {
            w.WriteNull(key);
        }
    }
}
