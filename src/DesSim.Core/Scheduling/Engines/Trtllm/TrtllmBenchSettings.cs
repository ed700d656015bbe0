using DesSim.Core.Hardware;
using DesSim.Core.Model;

namespace DesSim.Core.Scheduling.Engines.Trtllm;

/// <summary>The engine limits <c>trtllm-bench build</c> picks for a dataset: <c>max_batch_size</c> and <c>max_num_tokens</c>
/// from the KV cache the weights leave, the target input and output lengths.</summary>
/// <remarks>
/// Source: tensorrt_llm/bench/build/tuning.py (<c>calc_engine_setting</c>, <c>finetune_setting</c>; the v0.17-era version,
/// which counts every weight at one byte for FP8 and the KV cache at one byte for an FP8 KV cache). Available memory =
/// GPUs × device memory (GiB) − weights; KV memory = 0.95 of it; requests in the KV cache = KV tokens / (input + output).
/// Batch size: that count capped at 4096 / pp, rounded up to a multiple of 32 (at least 64) below 256, of 128 below 1024,
/// else of 256. Tokens: batch × (1 + input / output) capped at 32768, rounded up to a multiple of 256 (at least 2048) below
/// 4096, of 512 below 8192, else of 1024. At run time trtllm-bench runs the C++ executor with chunked context,
/// MAX_UTILIZATION and <c>kv_cache_percent</c> 0.90 (tensorrt_llm/bench/dataclasses/configuration.py
/// <c>ExecutorSettingsConfig</c>).
/// </remarks>
public static class TrtllmBenchSettings
{
    /// <summary><c>kv_cache_gpu_mem_fraction</c> default of <c>calc_engine_setting</c>.</summary>
    public const double BuildKvFraction = 0.95;

    /// <summary>Cap on the batch size before rounding (decoder buffers).</summary>
    public const int MaxBatchCap = 4096;

    /// <summary>Cap on the token budget before rounding (TensorRT activation buffers).</summary>
    public const int MaxTokensCap = 32768;

    /// <summary>Bytes per GiB (the tuning code works in GiB).</summary>
    private const double GiB = 1024.0 * 1024 * 1024;

    /// <summary>(max_batch_size, max_num_tokens) for <paramref name="model"/> on <paramref name="gpu"/> at the given layout and lengths.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive degree or length.</exception>
    public static (int MaxBatchSize, int MaxNumTokens) Calc(ModelSpec model, Precision weights, Precision kv, GpuSpec gpu, int tp, int pp, int inputTokens, int outputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tp);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pp);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputTokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputTokens);
        double bytePerElem = weights.BytesPerElement == 1 ? 1 : 2;
        double bytePerKv = kv.BytesPerElement == 1 ? 1 : 2;
        int kvHeads = Math.Max(tp, model.NumKvHeads); // each GPU of the TP group holds at least one KV head
        double gibPerToken = 2.0 * model.NumLayers * kvHeads * model.HeadDim * bytePerKv / GiB;
        double engineGib = model.ParameterCount / 1e9 * bytePerElem;
        double available = (gpu.MemoryBytes / GiB * tp * pp) - engineGib;
        double requests = available * BuildKvFraction / gibPerToken / (inputTokens + outputTokens);
        return Finetune(Math.Max(requests, 1), inputTokens, outputTokens, pp);
    }

    private static (int, int) Finetune(double requests, int input, int output, int pp)
    {
        double rawBs = Math.Min(requests, MaxBatchCap) / pp;
        double rawTokens = Math.Min(rawBs * (1 + ((double)input / output)), MaxTokensCap);
        int bs = rawBs < 256 ? Math.Max(64, 32 * (int)Math.Ceiling(rawBs / 32)) : rawBs < 1024 ? 128 * (int)Math.Ceiling(rawBs / 128) : 256 * (int)Math.Ceiling(rawBs / 256);
        int tokens = rawTokens < 4096 ? Math.Max(2048, 256 * (int)Math.Ceiling(rawTokens / 256)) : rawTokens < 8192 ? 512 * (int)Math.Ceiling(rawTokens / 512) : 1024 * (int)Math.Ceiling(rawTokens / 1024);
        return (bs, tokens);
    }
}
