using DesSim.Core.Cost;
using System.Globalization;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Reads microsoft/vidur profiling tables: <c>mlp.csv</c> per-op kernel times and <c>all_reduce.csv</c> /
/// <c>send_recv.csv</c> NCCL times.</summary>
/// <remarks>
/// Times are milliseconds; the median column of each op is used. <c>mlp.csv</c> rows give the model shape (<c>n_head,
/// n_kv_head, n_embd, n_expanded_embd, use_gated_mlp</c>), <c>num_tokens</c> and <c>num_tensor_parallel_workers</c>; the
/// four projections become GEMM samples (head_dim = n_embd / n_head), the norms, rotary, activation and residual add
/// element-wise samples (2 bytes per element read and written). Network tables: <c>size</c> in bytes, <c>num_workers</c>,
/// <c>devices_per_node</c>; ranks report separately and their median is taken; rows spanning nodes get the op suffix
/// <c>_internode</c>.
/// </remarks>
public static class VidurTables
{
    private const double MsPerSecond = 1e3;
    private const double ActivationBytes = 2;

    /// <summary>Whether <paramref name="t"/> is an mlp.csv table.</summary>
    public static bool IsMlp(CsvTable t) => t.Has("num_tokens") && t.Has("num_tensor_parallel_workers") && t.Has("time_stats.mlp_up_proj.median");

    /// <summary>Whether <paramref name="t"/> is an all_reduce.csv or send_recv.csv table.</summary>
    public static bool IsNetwork(CsvTable t) => t.Has("collective") && t.Has("num_workers") && t.Has("size") && t.Has("devices_per_node");

    /// <summary>Kernel samples of an mlp.csv table.</summary>
    public static IEnumerable<KernelSample> Mlp(CsvTable t)
    {
        t.Require("n_head", "n_kv_head", "n_embd", "n_expanded_embd");
        for (int i = 0; i < t.Rows.Count; i++)
        {
            double tokens = t.PositiveInt(i, "num_tokens"), tp = t.PositiveInt(i, "num_tensor_parallel_workers");
            double heads = t.PositiveInt(i, "n_head"), kvHeads = t.PositiveInt(i, "n_kv_head"), hidden = t.PositiveInt(i, "n_embd"), ffn = t.PositiveInt(i, "n_expanded_embd");
            bool gated = !t.Has("use_gated_mlp") || t.Text(i, "use_gated_mlp").Equals("true", StringComparison.OrdinalIgnoreCase);
            double headDim = hidden / heads;
            var gemms = new (string Op, double N, double K)[]
            {
                ("attn_pre_proj", (heads + (2 * kvHeads)) * headDim / tp, hidden),
                ("attn_post_proj", hidden, heads * headDim / tp),
                ("mlp_up_proj", (gated ? 2 : 1) * ffn / tp, hidden),
                ("mlp_down_proj", hidden, ffn / tp),
            };
            foreach (var (op, n, k) in gemms)
            {
                if (Median(t, i, op) is { } s)
                {
                    yield return new KernelSample("gemm", op, 2 * tokens * n * k, ((tokens * k) + (k * n) + (tokens * n)) * ActivationBytes, s);
                }
            }

            foreach (var (op, width) in new[] { ("input_layernorm", hidden), ("post_attention_layernorm", hidden), ("add", hidden), ("mlp_act", ffn / tp) })
            {
                if (Median(t, i, op) is { } s)
                {
                    yield return new KernelSample("elementwise", op, tokens * width, 2 * tokens * width * ActivationBytes, s);
                }
            }
        }
    }

    /// <summary>Collective samples of a network table (median over reporting ranks).</summary>
    public static IEnumerable<CollectiveSample> Network(CsvTable t)
    {
        var groups = new SortedDictionary<(string Op, int Gpus, long Bytes), List<double>>();
        for (int i = 0; i < t.Rows.Count; i++)
        {
            var op = t.Text(i, "collective").ToLowerInvariant();
            int workers = t.PositiveInt(i, "num_workers"), perNode = t.PositiveInt(i, "devices_per_node");
            var column = string.Create(CultureInfo.InvariantCulture, $"time_stats.{op}.median");
            if (!t.Has(column))
            {
                throw t.Error(i, column, "missing", $"the header has: {string.Join(",", t.Headers)}");
            }

            var key = (workers > perNode ? op + "_internode" : op, workers, (long)t.Positive(i, "size"));
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(t.Positive(i, column) / MsPerSecond);
        }

        return groups.Select(g => new CollectiveSample(g.Key.Op, g.Key.Gpus, g.Key.Bytes, MathNet.Numerics.Statistics.Statistics.Median(g.Value)));
    }

    /// <summary>Whether <paramref name="t"/> is the legacy FlashAttention table (profiling_legacy/&lt;gpu&gt;/attention.csv).</summary>
    public static bool IsLegacyAttention(CsvTable t) => t.Has("is_prefill") && t.Has("prefill_chunk_size") && t.Has("kv_cache_size") && t.Has("n_q_head");

    /// <summary>Attention samples of the legacy table: prefill rows (a chunk attending to the cache and itself) and decode rows.</summary>
    public static IEnumerable<KernelSample> LegacyAttention(CsvTable t)
    {
        t.Require("n_embd", "n_kv_head", "num_tensor_parallel_workers", "batch_size");
        for (int i = 0; i < t.Rows.Count; i++)
        {
            double tp = t.PositiveInt(i, "num_tensor_parallel_workers"), heads = t.PositiveInt(i, "n_q_head") / tp;
            double kvHeads = Math.Max(1, t.PositiveInt(i, "n_kv_head") / tp), headDim = t.PositiveInt(i, "n_embd") / (heads * tp);
            double b = t.PositiveInt(i, "batch_size"), chunk = t.Double(i, "prefill_chunk_size"), cache = t.Double(i, "kv_cache_size");
            bool prefill = t.Text(i, "is_prefill").Equals("true", StringComparison.OrdinalIgnoreCase);
            if (prefill && Median(t, i, "attn_prefill") is { } p)
            {
                double keys = cache + (chunk / 2);
                yield return new KernelSample("attention_prefill", "attn_prefill", 2 * 2 * b * chunk * keys * heads * headDim, b * (chunk * 2 * heads * headDim + (cache + chunk) * 2 * kvHeads * headDim) * ActivationBytes, p);
            }
            else if (!prefill && Median(t, i, "attn_decode") is { } d)
            {
                yield return new KernelSample("attention_decode", "attn_decode", 2 * 2 * b * cache * heads * headDim, b * cache * 2 * kvHeads * headDim * ActivationBytes, d);
            }
        }
    }

    private static double? Median(CsvTable t, int row, string op)
    {
        var c = $"time_stats.{op}.median";
        return t.Has(c) && t.OptionalDouble(row, c) is { } ms && ms > 0 ? ms / MsPerSecond : null;
    }
}
