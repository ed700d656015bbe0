using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Scheduling.Engines.Trtllm;

/// <summary>TensorRT-LLM at one modeled version: 0.17.0 (TensorRT engine, C++ executor) and 1.0.0rc3 (PyTorch backend,
/// the trtllm-serve default from 1.0).</summary>
/// <remarks>
/// Defaults: <c>max_batch_size</c> 2048 and <c>max_num_tokens</c> 8192 (tensorrt_llm/llmapi/llm_args.py and the
/// trtllm-build defaults, tensorrt_llm/commands/build.py, v0.17–v1.2); capacity scheduler GUARANTEED_NO_EVICT
/// (llm_args.py <c>SchedulerConfig.capacity_scheduler_policy</c>); chunked context off (<c>enable_chunked_prefill</c> False);
/// <c>tokens_per_block</c> 32 (KvCacheConfig). Overlap scheduler: none in the 0.17 C++ executor; on in 1.0
/// (<c>disable_overlap_scheduler</c> False, tensorrt_llm/_torch/pyexecutor/py_executor.py). CUDA graphs: off by default in
/// the 0.17 C++ runtime; in 1.0 <c>CudaGraphConfig</c> (max_batch_size 128, <c>enable_padding</c> False) captures
/// range(1, 32) + [32, 64, 128] and replays only an exact size (with padding: [1, 2, 4] + range(8, 129, 8)).
/// CPU: <see cref="EngineOverheadsCatalog.TrtllmIterationMs"/> per step (an estimate, not fitted).
/// KV reuse: <see cref="DefaultPrefixCaching"/>. Not modeled: MAX_UTILIZATION's pause-and-resume detail (modeled as recompute), beam search.
/// </remarks>
public sealed class TrtllmEngine : EngineModel
{
    /// <summary>TensorRT-LLM <c>tokens_per_block</c> default.</summary>
    public const int TokensPerBlock = 32;

    /// <summary><c>max_batch_size</c> default.</summary>
    public const int DefaultMaxBatchSize = 2048;

    /// <summary><c>max_num_tokens</c> default.</summary>
    public const int DefaultMaxNumTokens = 8192;

    /// <summary><c>CudaGraphConfig.max_batch_size</c> when 0 (llm_args.py, v1.0).</summary>
    public const int DefaultCudaGraphMaxBatchSize = 128;

    private static readonly string[] Options = ["capacity_scheduler_policy", "enable_chunked_prefill", "disable_overlap_scheduler", "cuda_graph_padding", "cuda_graph_max_batch_size"];

    private readonly bool _pytorch;

    private TrtllmEngine(string version, bool pytorch)
        : base("trtllm", version) => _pytorch = pytorch;

    /// <summary>The modeled versions, oldest first.</summary>
    public static IReadOnlyList<TrtllmEngine> Releases { get; } = [new("0.17.0", false), new("1.0.0rc3", true)];

    /// <summary>KV block reuse: off in the 0.17 C++ executor (<c>KvCacheConfig.enableBlockReuse</c> default false,
    /// docs/source/kv_cache_reuse.md); on in the 1.0 LLM API (<c>KvCacheConfig.enable_block_reuse</c> True,
    /// tensorrt_llm/llmapi/llm_args.py; docs/source/features/kvcache.md).</summary>
    public override bool DefaultPrefixCaching => _pytorch;

    /// <inheritdoc />
    public override IReadOnlyList<string> OptionKeys => Options;

    /// <inheritdoc />
    protected override EngineSettings Build(EngineContext context, SchedulerKeys keys, YamlSection? options)
    {
        var policy = options?.GetEnum("capacity_scheduler_policy", ["GUARANTEED_NO_EVICT", "MAX_UTILIZATION"], "GUARANTEED_NO_EVICT") ?? "GUARANTEED_NO_EVICT";
        var scheduler = new SchedulerConfig(BatchPolicyKind.Trtllm, keys.MaxNumSeqs ?? DefaultMaxBatchSize, keys.MaxNumBatchedTokens ?? DefaultMaxNumTokens)
        {
            GuaranteedNoEvict = policy == "GUARANTEED_NO_EVICT",
            ChunkedContext = options?.GetBool("enable_chunked_prefill", false) ?? false,
        };
        bool padding = options?.GetBool("cuda_graph_padding", false) ?? false;
        int max = options?.GetInt("cuda_graph_max_batch_size", DefaultCudaGraphMaxBatchSize, 1, 100_000) ?? DefaultCudaGraphMaxBatchSize;
        var graphs = !_pytorch ? CudaGraphSizes.None : new CudaGraphSizes(CaptureSizes(max, padding), padding);
        var overheads = new EngineOverheads("trtllm", EngineOverheadsCatalog.TrtllmIterationMs / 1e3, 0) { AllReduce = AllReduceImplementation.TrtllmAuto, KvSizing = Parallelism.KvCacheSizing.Trtllm };
        bool overlap = _pytorch && !(options?.GetBool("disable_overlap_scheduler", false) ?? false);
        scheduler = scheduler with { OverlapFetch = overlap };
        // KV dtype (1.0, tensorrt_llm/_torch/pyexecutor/_util.py _create_kv_cache_manager): FP8 when the checkpoint's quant
        // config has an FP8 KV cache, else the model dtype. The FP8 checkpoints TensorRT-LLM serves are ModelOpt exports,
        // whose KV cache is quantized unless asked otherwise (TensorRT-Model-Optimizer examples/llm_ptq/hf_ptq.py:
        // --kv_cache_qformat default "fp8"), so kv_cache_dtype auto with fp8 weights means an FP8 KV cache here.
        return new EngineSettings(scheduler, graphs, overheads, overlap, TokensPerBlock) { Fp8CheckpointQuantizesKv = _pytorch };
    }

    // CudaGraphConfig._generate_cuda_graph_batch_sizes (llm_args.py, v1.0): powers of two from 256 below max are added too.
    private static IEnumerable<int> CaptureSizes(int max, bool padding)
    {
        var sizes = padding
            ? new List<int> { 1, 2, 4 }.Concat(Enumerable.Range(1, 16).Select(i => i * 8)).ToList()
            : Enumerable.Range(1, 31).Concat([32, 64, 128]).ToList();
        for (int p = 256; p < max; p *= 2)
        {
            sizes.Add(p);
        }

        sizes.Add(max);
        return sizes.Where(s => s <= max);
    }
}
