using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Scheduling.Engines.Sglang;

/// <summary>SGLang at one modeled version (0.5.1.post1, 0.5.8.post1): prefill-priority scheduling with chunked prefill,
/// the new-token-ratio admission rule, the overlap scheduler and CUDA graphs.</summary>
/// <remarks>
/// Defaults (python/sglang/srt/server_args.py): <c>chunked_prefill_size</c> 2048 below 35 GiB of GPU memory, 8192 below
/// 160 GiB (H100, H200, A100), 16384 above (0.5.1; 0.5.8 adds 4096 for 35–60 GiB); <c>max_prefill_tokens</c> 16384;
/// <c>schedule_conservativeness</c> 1.0; <c>enable_mixed_chunk</c> off; <c>page_size</c> 1 (token-level KV);
/// overlap scheduler on (<c>disable_overlap_schedule</c> False). <c>max_running_requests</c>: SGLang derives
/// min(max(KV tokens / context_len × 512, 2048), 4096) (model_runner.py); DesSim takes its lower clamp, 2048.
/// CUDA graphs (cuda_graph_runner.py / server_args.py): 0.5.1 captures [1, 2, 4, 8] + range(16, 161, 8)
/// (<c>cuda_graph_max_bs</c> 160); 0.5.8 [1, 2, 4, 8, 12] + range(16, 257, 8) + range(272, 512, 16) + range(512, max+1, 32)
/// with <c>cuda_graph_max_bs</c> 256 at TP &lt; 4 and 512 otherwise on 60–160 GiB GPUs; padded to the next size.
/// CPU: <see cref="EngineOverheadsCatalog.SglangIterationMs"/> per step (an estimate, not fitted), overlapped with the GPU.
/// Radix-cache prefix reuse: <see cref="DefaultPrefixCaching"/>. Priority scheduling and DP attention are not modeled.
/// </remarks>
public sealed class SglangEngine : EngineModel
{
    /// <summary>SGLang's token-level KV page (server_args.py <c>page_size</c> = 1).</summary>
    public const int PageSize = 1;

    /// <summary>Lower clamp of SGLang's derived <c>max_running_requests</c> (model_runner.py).</summary>
    public const int DefaultMaxRunningRequests = 2048;

    private static readonly string[] Options = ["schedule_conservativeness", "enable_mixed_chunk", "max_prefill_tokens", "disable_overlap_schedule", "disable_cuda_graph", "cuda_graph_max_bs"];

    private readonly bool _v058;

    private SglangEngine(string version, bool v058)
        : base("sglang", version) => _v058 = v058;

    /// <summary>The modeled versions, oldest first.</summary>
    public static IReadOnlyList<SglangEngine> Releases { get; } = [new("0.5.1.post1", false), new("0.5.8.post1", true)];

    /// <summary>The radix cache is on unless <c>disable_radix_cache</c> (python/sglang/srt/server_args.py, default False, v0.5).</summary>
    public override bool DefaultPrefixCaching => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> OptionKeys => Options;

    /// <inheritdoc />
    protected override EngineSettings Build(EngineContext context, SchedulerKeys keys, YamlSection? options)
    {
        double mib = context.GpuMemoryMiB;
        int chunk = mib < 35 * 1024 ? 2048 : _v058 && mib < 60 * 1024 ? 4096 : mib < 160 * 1024 ? 8192 : 16384;
        var admission = new SglangAdmission(
            options?.GetDouble("schedule_conservativeness", 1.0, 0, 100, exclusiveMin: true) ?? 1.0,
            options?.GetInt("max_prefill_tokens", SglangAdmission.DefaultMaxPrefillTokens, 1, 100_000_000) ?? SglangAdmission.DefaultMaxPrefillTokens,
            options?.GetBool("enable_mixed_chunk", false) ?? false);
        var scheduler = new SchedulerConfig(BatchPolicyKind.Sglang, keys.MaxNumSeqs ?? DefaultMaxRunningRequests, keys.MaxNumBatchedTokens ?? chunk) { Sglang = admission };
        int defaultMaxBs = !_v058 ? 160 : mib < 60 * 1024 ? (context.Tp < 4 ? 32 : 160) : (context.Tp < 4 ? 256 : 512);
        int maxBs = options?.GetInt("cuda_graph_max_bs", defaultMaxBs, 1, 100_000) ?? defaultMaxBs;
        bool noGraphs = options?.GetBool("disable_cuda_graph", false) ?? false;
        var graphs = noGraphs ? CudaGraphSizes.None : new CudaGraphSizes(CaptureSizes(maxBs), padding: true);
        var overheads = new EngineOverheads("sglang", EngineOverheadsCatalog.SglangIterationMs / 1e3, 0) { AllReduce = AllReduceImplementation.SglangCustom, KvSizing = Parallelism.KvCacheSizing.Sglang };
        bool overlap = !(options?.GetBool("disable_overlap_schedule", false) ?? false);
        return new EngineSettings(scheduler, graphs, overheads, overlap, PageSize);
    }

    private IEnumerable<int> CaptureSizes(int maxBs)
    {
        IEnumerable<int> sizes = _v058
            ? new[] { 1, 2, 4, 8, 12 }.Concat(Range(16, 256, 8)).Concat(Range(272, 511, 16)).Concat(Range(512, maxBs, 32))
            : new[] { 1, 2, 4, 8 }.Concat(Range(16, Math.Max(maxBs, 16), 8));
        return sizes.Where(s => s <= maxBs);
    }

    private static IEnumerable<int> Range(int from, int toInclusive, int step)
    {
        for (int s = from; s <= toInclusive; s += step)
        {
            yield return s;
        }
    }
}
