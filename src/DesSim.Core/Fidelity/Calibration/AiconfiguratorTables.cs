using DesSim.Core.Cost;

namespace DesSim.Core.Fidelity.Calibration;

/// <summary>Reads ai-dynamo/aiconfigurator measurement tables (GEMM, context/generation attention, NCCL, custom all-reduce).</summary>
/// <remarks>
/// Latencies in the source are milliseconds. GEMM: <c>gemm_dtype,m,n,k,latency</c>. Attention (per layer, heads already
/// TP-sharded): <c>batch_size,isl,num_heads,num_key_value_heads,head_dim,...,kv_cache_dtype,step,latency</c>; prefill work
/// is 2·2·b·isl²·heads·head_dim/2 (causal), decode reads b·(isl+step) keys and values. NCCL and custom all-reduce:
/// <c>op_name,(nccl|allreduce)_dtype,num_gpus,message_size</c> (elements) — both column orders (the 2.23 tables differ).
/// </remarks>
public static class AiconfiguratorTables
{
    private const double MsPerSecond = 1e3;

    /// <summary>Whether <paramref name="t"/> is a GEMM table.</summary>
    public static bool IsGemm(CsvTable t) => t.Has("gemm_dtype") && t.Has("m") && t.Has("n") && t.Has("k") && t.Has("latency");

    /// <summary>Whether <paramref name="t"/> is an attention table.</summary>
    public static bool IsAttention(CsvTable t) => t.Has("isl") && t.Has("num_heads") && t.Has("num_key_value_heads") && t.Has("head_dim") && t.Has("latency");

    /// <summary>Whether <paramref name="t"/> is an NCCL or custom all-reduce table.</summary>
    public static bool IsCollective(CsvTable t) => t.Has("op_name") && t.Has("num_gpus") && t.Has("message_size") && t.Has("latency") && (t.Has("nccl_dtype") || t.Has("allreduce_dtype"));

    /// <summary>GEMM samples (bf16/fp16 and fp8; other dtypes skipped).</summary>
    public static IEnumerable<KernelSample> Gemm(CsvTable t)
    {
        for (int i = 0; i < t.Rows.Count; i++)
        {
            var dtype = t.Text(i, "gemm_dtype").ToLowerInvariant();
            double elementBytes = dtype switch { "bfloat16" or "float16" or "bf16" or "fp16" => 2, "fp8" or "fp8_block" => 1, _ => 0 };
            if (elementBytes == 0)
            {
                continue;
            }

            double m = t.PositiveInt(i, "m"), n = t.PositiveInt(i, "n"), k = t.PositiveInt(i, "k");
            yield return new KernelSample("gemm", "gemm", 2 * m * n * k, ((m * k) + (k * n)) * elementBytes + (m * n * 2), t.Positive(i, "latency") / MsPerSecond, elementBytes == 1);
        }
    }

    /// <summary>Attention samples; <paramref name="context"/> selects prefill (true) or decode.</summary>
    public static IEnumerable<KernelSample> Attention(CsvTable t, bool context)
    {
        bool hasStep = t.Has("step");
        for (int i = 0; i < t.Rows.Count; i++)
        {
            double b = t.PositiveInt(i, "batch_size"), isl = t.PositiveInt(i, "isl"), h = t.PositiveInt(i, "num_heads"), kv = t.PositiveInt(i, "num_key_value_heads"), d = t.PositiveInt(i, "head_dim");
            double step = hasStep ? t.Double(i, "step") : 0;
            double kvBytes = t.Has("kv_cache_dtype") && t.Text(i, "kv_cache_dtype").StartsWith("fp8", StringComparison.OrdinalIgnoreCase) ? 1 : 2;
            double seconds = t.Positive(i, "latency") / MsPerSecond;
            if (context)
            {
                // Why: QKᵀ and PV are 2·isl²·d FLOPs per head each; the causal mask halves them.
                double flops = 2 * 2 * b * isl * isl * h * d / 2;
                double bytes = b * isl * ((2 * h * d) + (2 * kv * d)) * 2;
                yield return new KernelSample("attention_prefill", "context_attention", flops, bytes, seconds);
            }
            else
            {
                double keys = isl + step;
                yield return new KernelSample("attention_decode", "generation_attention", 2 * 2 * b * keys * h * d, b * keys * 2 * kv * d * kvBytes, seconds);
            }
        }
    }

    /// <summary>Collective samples (message size converted from elements to bytes by the dtype).</summary>
    public static IEnumerable<CollectiveSample> Collectives(CsvTable t)
    {
        var dtypeColumn = t.Has("nccl_dtype") ? "nccl_dtype" : "allreduce_dtype";
        bool custom = dtypeColumn == "allreduce_dtype";
        for (int i = 0; i < t.Rows.Count; i++)
        {
            var dtype = t.Text(i, dtypeColumn).ToLowerInvariant();
            int elementBytes = dtype switch { "half" or "bfloat16" or "float16" or "fp16" or "bf16" => 2, "int8" or "fp8" => 1, "float" or "float32" => 4, _ => 0 };
            if (elementBytes == 0)
            {
                throw t.Error(i, dtypeColumn, $"unknown dtype '{dtype}'", "half, bfloat16, int8, fp8 or float");
            }

            var op = t.Text(i, "op_name").ToLowerInvariant();
            yield return new CollectiveSample(custom ? op + "_custom" : op, t.PositiveInt(i, "num_gpus"), (long)t.Positive(i, "message_size") * elementBytes, t.Positive(i, "latency") / MsPerSecond);
        }
    }
}
