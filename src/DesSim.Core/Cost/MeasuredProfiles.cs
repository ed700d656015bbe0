using System.Collections.Concurrent;
using System.Reflection;

namespace DesSim.Core.Cost;

/// <summary>The measured tables embedded in DesSim.Core (Cost/Data), loaded once per process.</summary>
/// <remarks>Keys are <see cref="Hardware.GpuSpec.ProfileKey"/> values: a100_sxm, h100_sxm, h200_sxm. Thread-safe.</remarks>
public static class MeasuredProfiles
{
    private static readonly ConcurrentDictionary<string, Lazy<GemmTable?>> Gemms = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<AttentionTable?>> Attentions = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<NcclTable?>> Nccls = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<NcclTable?>> CustomAllReduces = new(StringComparer.Ordinal);

    /// <summary>Whether GEMM tables exist for <paramref name="profileKey"/>.</summary>
    public static bool Has(string? profileKey) => profileKey is not null && Open($"gemm_{profileKey}.csv") is { } s && Dispose(s);

    /// <summary>The GEMM table of <paramref name="profileKey"/> for <paramref name="dtype"/> (bf16 | fp8), or null.</summary>
    public static GemmTable? Gemm(string profileKey, string dtype) =>
        Gemms.GetOrAdd($"{profileKey}/{dtype}", _ => new Lazy<GemmTable?>(() =>
        {
            using var s = Open($"gemm_{profileKey}.csv");
            return s is null ? null : GemmTable.Load(s, dtype);
        })).Value;

    /// <summary>The attention table of <paramref name="profileKey"/> for one per-rank head configuration, or null.</summary>
    /// <param name="profileKey">h100_sxm or h200_sxm.</param>
    /// <param name="context">Prefill (context) table when true, decode (generation) otherwise.</param>
    /// <param name="kvDtype">bf16 or fp8.</param>
    /// <param name="heads">Query heads per rank.</param>
    /// <param name="kvHeads">KV heads per rank.</param>
    public static AttentionTable? Attention(string profileKey, bool context, string kvDtype, int heads, int kvHeads) =>
        Attentions.GetOrAdd($"{profileKey}/{context}/{kvDtype}/{heads}/{kvHeads}", _ => new Lazy<AttentionTable?>(() =>
        {
            using var s = Open($"attention_{(context ? "context" : "generation")}_{profileKey}.csv");
            return s is null ? null : AttentionTable.Load(s, context, kvDtype, heads, kvHeads);
        })).Value;

    /// <summary>The NCCL table of <paramref name="profileKey"/>, or null.</summary>
    public static NcclTable? Nccl(string profileKey) =>
        Nccls.GetOrAdd(profileKey, _ => new Lazy<NcclTable?>(() =>
        {
            using var s = Open($"nccl_{profileKey}.csv");
            return s is null ? null : NcclTable.Load(s);
        })).Value;

    /// <summary>The measured custom all-reduce table of <paramref name="profileKey"/> (TensorRT-LLM's kernels; h100_sxm,
    /// h200_sxm), or null.</summary>
    public static NcclTable? CustomAllReduce(string profileKey) =>
        CustomAllReduces.GetOrAdd(profileKey, _ => new Lazy<NcclTable?>(() =>
        {
            using var s = Open($"custom_allreduce_{profileKey}.csv");
            return s is null ? null : NcclTable.Load(s);
        })).Value;

    private static Stream? Open(string file) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream($"DesSim.Core.Cost.Data.{file}");

    private static bool Dispose(Stream s)
    {
        s.Dispose();
        return true;
    }
}
