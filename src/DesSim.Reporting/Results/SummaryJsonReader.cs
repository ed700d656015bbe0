using System.Globalization;
using System.Text.Json;
using DesSim.Core;
using DesSim.Core.Execution;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results;

/// <summary>Reads <c>summary.json</c> (written by <see cref="SummaryJsonWriter"/>) back: the summary, SLO, notes and
/// the string keys (model, gpu, deployment, scheduler, engine_overheads, seed).</summary>
/// <remarks>null numbers come back as NaN (no samples); a missing or mistyped key is an <see cref="InputException"/>
/// naming the file and the key path.</remarks>
internal sealed class SummaryJsonReader
{
    private readonly string _path;
    private readonly JsonElement _root;

    private SummaryJsonReader(string path, JsonElement root)
    {
        _path = path;
        _root = root;
        CheckFormat();
        var shares = Object(root, "gpu_time_shares");
        var slo = Object(root, "slo");
        Summary = new RunSummary(
            Long(root, "requests_completed"),
            Long(root, "requests_rejected"),
            Num(root, "duration_s"),
            Num(root, "request_throughput"),
            Num(root, "output_throughput"),
            Num(root, "total_token_throughput"),
            Num(root, "goodput"),
            Num(root, "slo_attainment"),
            Stats(root, "ttft_ms"),
            Stats(root, "tpot_ms"),
            Stats(root, "itl_ms"),
            Stats(root, "e2el_ms"),
            Stats(root, "queue_ms"),
            Long(root, "preemptions"),
            Num(shares, "compute", "gpu_time_shares"),
            Num(shares, "tp_comm", "gpu_time_shares"),
            Num(shares, "pp_comm", "gpu_time_shares"),
            Num(shares, "other_comm", "gpu_time_shares"),
            Num(shares, "bubble", "gpu_time_shares"),
            Num(shares, "idle", "gpu_time_shares"),
            Num(root, "peak_kv_occupancy"))
        {
            ExpertLoad = root.TryGetProperty("expert_load", out _) ? ExpertLoad(Object(root, "expert_load")) : null,
            PrefixCache = root.TryGetProperty("prefix_cache", out _) ? PrefixCache(Object(root, "prefix_cache")) : null,
            Faults = root.TryGetProperty("faults", out _) ? Faults(Object(root, "faults")) : null,
            Pools = root.TryGetProperty("pools", out _) ? Pools(Get(root, "pools", JsonValueKind.Array)) : null,
            KvTransferMs = root.TryGetProperty("kv_transfer_ms", out _) ? Stats(root, "kv_transfer_ms") : null,
            KvWaitMs = root.TryGetProperty("kv_wait_ms", out _) ? Stats(root, "kv_wait_ms") : null,
            KvTransferShare = root.TryGetProperty("kv_transfer_share", out _) ? Num(root, "kv_transfer_share") : null,
            KvTransferBytes = root.TryGetProperty("kv_transfer_bytes", out _) ? Long(root, "kv_transfer_bytes") : null,
        };
        Slo = new SloSpec(Optional(slo, "ttft_ms"), Optional(slo, "tpot_ms"), Optional(slo, "e2el_ms"), Optional(slo, "queue_ms"));
        Notes = Get(root, "notes", JsonValueKind.Array).EnumerateArray()
            .Select((n, i) => n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new InputException(path, $"notes[{i}]", "expected a string"))
            .ToArray();
    }

    /// <summary>The parsed summary.</summary>
    public RunSummary Summary { get; }

    /// <summary>The SLO.</summary>
    public SloSpec Slo { get; }

    /// <summary>The notes.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Reads the file.</summary>
    public static SummaryJsonReader Read(string path)
    {
        var doc = JsonFiles.Parse(path);

        using (doc)
        {
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? new SummaryJsonReader(path, doc.RootElement.Clone())
                : throw new InputException(path, null, "expected a JSON object");
        }
    }

    /// <summary>A number under nested keys (e.g. <c>energy</c>, <c>j_per_output_token</c>), NaN when any key is
    /// absent or the value is null (runs without power figures or prices).</summary>
    public double OptionalNumber(params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var at = _root;
        foreach (var key in keys)
        {
            if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(key, out at))
            {
                return double.NaN;
            }
        }

        return at.ValueKind switch
        {
            JsonValueKind.Null => double.NaN,
            JsonValueKind.Number when at.TryGetDouble(out var x) && double.IsFinite(x) => x,
            _ => throw new InputException(_path, string.Join('.', keys), "expected a number or null"),
        };
    }

    /// <summary>A top-level string key.</summary>
    public string Text(string key) => Get(_root, key, JsonValueKind.String).GetString()!;

    /// <summary>Refuses a summary.json of another result format than <see cref="SummaryJsonWriter.ResultFormat"/>.</summary>
    private void CheckFormat()
    {
        const string key = "result_format";
        const string hint = "re-run the scenario with this dessim to write the current format";
        if (!_root.TryGetProperty(key, out var v))
        {
            throw new InputException(_path, key, "missing key: not written by dessim run, or by one from before result formats were numbered", hint);
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var format))
        {
            throw new InputException(_path, key, "expected an integer");
        }

        if (format != SummaryJsonWriter.ResultFormat)
        {
            throw new InputException(_path, key, $"result format {format}; this dessim reads result format {SummaryJsonWriter.ResultFormat}", hint);
        }
    }

    private JsonElement Object(JsonElement parent, string key) => Get(parent, key, JsonValueKind.Object);

    private JsonElement Get(JsonElement parent, string key, JsonValueKind kind, string? prefix = null)
    {
        var at = prefix is null ? key : $"{prefix}.{key}";
        if (!parent.TryGetProperty(key, out var v))
        {
            throw new InputException(_path, at, "missing key", "was this summary.json written by dessim run?");
        }

        return v.ValueKind == kind ? v : throw new InputException(_path, at, $"expected {kind.ToString().ToLowerInvariant()}, found {v.ValueKind.ToString().ToLowerInvariant()}");
    }

    private double Num(JsonElement parent, string key, string? prefix = null)
    {
        var at = prefix is null ? key : $"{prefix}.{key}";
        if (!parent.TryGetProperty(key, out var v))
        {
            throw new InputException(_path, at, "missing key", "was this summary.json written by dessim run?");
        }

        return v.ValueKind switch
        {
            JsonValueKind.Null => double.NaN,
            JsonValueKind.Number when v.TryGetDouble(out var x) && double.IsFinite(x) => x,
            _ => throw new InputException(_path, at, "expected a number or null"),
        };
    }

    private double? Optional(JsonElement parent, string key)
    {
        var v = Num(parent, key, "slo");
        return double.IsNaN(v) ? null : v;
    }

    private long Long(JsonElement parent, string key, string? prefix = null)
    {
        var v = Get(parent, key, JsonValueKind.Number, prefix);
        return v.TryGetInt64(out var n) ? n : throw new InputException(_path, prefix is null ? key : $"{prefix}.{key}", "expected an integer");
    }

    private PrefixCacheSummary PrefixCache(JsonElement o)
    {
        const string at = "prefix_cache";
        var tokens = Long(o, "block_tokens", at);
        return new PrefixCacheSummary(
            tokens is >= 1 and <= int.MaxValue ? (int)tokens : throw new InputException(_path, $"{at}.block_tokens", "out of range"),
            Long(o, "prompt_tokens", at),
            Long(o, "hit_tokens", at),
            Long(o, "prompt_blocks", at),
            Long(o, "hit_blocks", at),
            Long(o, "prefill_tokens_saved", at),
            Long(o, "evicted_blocks", at))
        {
            HitRequests = o.TryGetProperty("hit_requests", out _) ? Long(o, "hit_requests", at) : 0,
            TtftHitMs = o.TryGetProperty("ttft_hit_ms", out _) ? Stats(o, "ttft_hit_ms", at) : null,
            TtftMissMs = o.TryGetProperty("ttft_miss_ms", out _) ? Stats(o, "ttft_miss_ms", at) : null,
            Tiers = o.TryGetProperty("tiers", out _) ? Get(o, "tiers", JsonValueKind.Object, at).EnumerateObject().Select(t => Tier(t.Name, t.Value)).ToArray() : [],
        };
    }

    private PrefixTierSummary Tier(string name, JsonElement t)
    {
        var at = $"prefix_cache.tiers.{name}";
        return new PrefixTierSummary(
            name,
            t.TryGetProperty("shared", out var shared) && shared.ValueKind is JsonValueKind.True or JsonValueKind.False ? shared.GetBoolean() : throw new InputException(_path, $"{at}.shared", "expected true or false"),
            Long(t, "capacity_blocks", at),
            Long(t, "hit_tokens", at),
            Long(t, "hit_blocks", at),
            Long(t, "loaded_blocks", at),
            Long(t, "written_blocks", at),
            Long(t, "evicted_blocks", at),
            Long(t, "bytes_loaded", at),
            Long(t, "bytes_written", at),
            Long(t, "loads", at),
            Num(t, "mean_load_ms", at));
    }

    private ExpertLoadStats ExpertLoad(JsonElement o)
    {
        const string at = "expert_load";
        var tokens = Get(o, "expert_tokens", JsonValueKind.Array, at).EnumerateArray()
            .Select((t, i) => t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var n) ? n : throw new InputException(_path, $"{at}.expert_tokens[{i}]", "expected an integer"))
            .ToArray();
        var groups = Long(o, "expert_groups", at);
        return new ExpertLoadStats(
            tokens,
            Num(o, "imbalance_factor", at),
            Num(o, "batch_gpu_imbalance_mean", at),
            Num(o, "batch_gpu_imbalance_max", at),
            Long(o, "sampled_batches", at),
            groups is >= 0 and <= int.MaxValue ? (int)groups : throw new InputException(_path, $"{at}.expert_groups", "out of range"),
            Get(o, "routing", JsonValueKind.String, at).GetString()!);
    }

    private List<PoolSummary> Pools(JsonElement array) => array.EnumerateArray().Select((p, i) =>
    {
        string at = $"pools[{i}]";
        if (p.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(_path, at, "expected an object");
        }

        var shares = Get(p, "gpu_time_shares", JsonValueKind.Object, at);
        string sh = at + ".gpu_time_shares";
        return new PoolSummary(Get(p, "name", JsonValueKind.String, at).GetString()!, Get(p, "role", JsonValueKind.String, at).GetString()!,
            Get(p, "gpu", JsonValueKind.String, at).GetString()!, (int)Long(p, "instances", at), (int)Long(p, "tp", at), (int)Long(p, "pp", at),
            (int)Long(p, "gpus", at), Num(p, "utilization", at), Num(shares, "compute", sh), Num(shares, "comm", sh), Num(shares, "bubble", sh),
            Num(shares, "idle", sh), Num(shares, "kv_transfer", sh), Num(p, "queue_ms", at));
    }).ToList();

    private FaultSummary Faults(JsonElement o)
    {
        const string at = "faults";
        var windows = Get(o, "windows", JsonValueKind.Array, at).EnumerateArray()
            .Select((w, i) => w.ValueKind == JsonValueKind.Object
                ? (Num(w, "start_s", $"{at}.windows[{i}]"), Num(w, "end_s", $"{at}.windows[{i}]"), Get(w, "label", JsonValueKind.String, $"{at}.windows[{i}]").GetString()!)
                : throw new InputException(_path, $"{at}.windows[{i}]", "expected an object"))
            .ToArray();
        return new FaultSummary(
            Long(o, "retries", at),
            Long(o, "retried_requests", at),
            Long(o, "discarded_tokens", at),
            Stats(o, "e2el_ms_retried", at),
            Stats(o, "e2el_ms_not_retried", at),
            Stats(o, "ttft_ms_retried", at),
            Num(o, "e2el_hit_ms", at))
        {
            Windows = windows,
        };
    }

    private LatencyStats Stats(JsonElement parent, string key, string? prefix = null)
    {
        var o = Get(parent, key, JsonValueKind.Object, prefix);
        key = prefix is null ? key : $"{prefix}.{key}";
        return new LatencyStats(Num(o, "mean", key), Num(o, "median", key), Num(o, "p90", key), Num(o, "p95", key), Num(o, "p99", key), Num(o, "p999", key), Long(o, "count", key));
    }
}
