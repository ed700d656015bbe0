using DesSim.Core.Configuration;
using DesSim.Core.Cost;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Scheduling.Engines.Vllm;

/// <summary>vLLM at one modeled version: V0 semantics before 0.8.0, the V1 scheduler from 0.8.0 (V1 became the default
/// engine in v0.8.0, VLLM_USE_V1=1).</summary>
/// <remarks>
/// Defaults (vllm/engine/arg_utils.py): 0.8.0 <c>_set_default_args_v1</c> — <c>max_num_batched_tokens</c> 2048 for the
/// OpenAI server, 8192 for the offline LLM class, <c>max_num_seqs</c> 256. From 0.9.0 (<c>get_batch_defaults</c>, PR #17885):
/// GPUs with ≥ 70 GiB that are not A100 get 8192 (server) / 16384 (offline) and 1024 sequences; others 2048 / 8192 and 256.
/// V0 (0.6.0): <c>max_num_seqs</c> 256; its budget max(max_model_len, 2048) is not modeled (DesSim's 8192, and a longer
/// prompt still runs alone). Block size 16 (vllm/config cache block_size). CUDA graphs: V0 captures
/// [1, 2, 4, 8..256 step 8] up to max_num_seqs and pads (worker/model_runner.py _BATCH_SIZES_TO_CAPTURE); V1 0.8–0.9
/// [1, 2, 4] + range(8, 513, 8) (compilation config <c>cuda_graph_sizes=[512]</c>); 0.12.0 [1, 2, 4] + range(8, 256, 8) +
/// range(256, max + 1, 16) with max = min(2·max_num_seqs, 512) (vllm/config/vllm.py); batches pad to the next size.
/// CPU: <see cref="EngineOverheadsCatalog.VllmIterationMs"/> per step (fitted on the Splitwise A100 TP2/TP8 rows, TP4
/// held out; docs/calibration.md), not overlapped unless <c>async_scheduling</c> (off by default through 0.12). V1 runs
/// the API server and the engine core as separate processes (vllm/v1/engine/async_llm.py, core.py): requests pass a serial
/// front end of <see cref="EngineOverheadsCatalog.VllmFrontEndPerRequestMs"/> each (fitted; <see cref="FrontEndSpec"/>). Prefix
/// caching: <see cref="DefaultPrefixCaching"/> (docs/prefix-caching.md). Speculative decoding and priority scheduling are not modeled.
/// </remarks>
public sealed class VllmEngine : EngineModel
{
    /// <summary>V0 CUDA-graph batch sizes stop here (vllm/worker/model_runner.py, v0.6).</summary>
    private const int V0MaxCaptureSize = 256;

    /// <summary>V1's capture cap: <c>cuda_graph_sizes=[512]</c> before 0.12, min(2·max_num_seqs, 512) in 0.12.</summary>
    private const int V1MaxCaptureSize = 512;

    /// <summary>Above this, 0.12.0 captures every 16 instead of every 8 (vllm/config/vllm.py).</summary>
    private const int Step16From = 256;

    /// <summary>vLLM's GPU-class threshold, GiB (arg_utils.py, v0.9+).</summary>
    private const long LargeGpuGiB = 70;

    private static readonly string[] V0Options = ["enforce_eager"];
    private static readonly string[] V1Options = ["usage_context", "long_prefill_token_threshold", "async_scheduling", "enforce_eager"];

    private readonly bool _v1;
    private readonly bool _gpuClassDefaults;
    private readonly bool _doubledCapture;

    private VllmEngine(string version, bool v1, bool gpuClassDefaults, bool doubledCapture)
        : base("vllm", version)
    {
        _v1 = v1;
        _gpuClassDefaults = gpuClassDefaults;
        _doubledCapture = doubledCapture;
    }

    /// <summary>The modeled versions, oldest first.</summary>
    public static IReadOnlyList<VllmEngine> Releases { get; } =
    [
        new("0.6.0", v1: false, gpuClassDefaults: false, doubledCapture: false),
        new("0.8.0", v1: true, gpuClassDefaults: false, doubledCapture: false),
        new("0.9.0", v1: true, gpuClassDefaults: true, doubledCapture: false),
        new("0.12.0", v1: true, gpuClassDefaults: true, doubledCapture: true),
    ];

    /// <summary>On from V1 (vllm/engine/arg_utils.py <c>_set_default_args_v1</c>: <c>enable_prefix_caching</c> None → True,
    /// v0.8.0–v0.12.0); off in V0 (<c>EngineArgs.enable_prefix_caching = False</c>, v0.6.0).</summary>
    public override bool DefaultPrefixCaching => _v1;

    /// <inheritdoc />
    public override IReadOnlyList<string> OptionKeys => _v1 ? V1Options : V0Options;

    /// <inheritdoc />
    protected override EngineSettings Build(EngineContext context, SchedulerKeys keys, YamlSection? options)
    {
        bool offline = options?.GetEnum("usage_context", ["server", "offline"], "server") == "offline";
        bool large = _gpuClassDefaults && context.Gpu.MemoryBytes >= LargeGpuGiB * EngineContext.GiB && !context.IsA100;
        int seqs = keys.MaxNumSeqs ?? (large ? 1024 : SchedulerConfig.DefaultMaxNumSeqs);
        int tokens = keys.MaxNumBatchedTokens ?? (!_v1 ? SchedulerConfig.DefaultMaxNumBatchedTokens : (large, offline) switch
        {
            (true, true) => 16384,
            (true, false) => 8192,
            (false, true) => 8192,
            _ => 2048,
        });
        var scheduler = new SchedulerConfig(_v1 ? BatchPolicyKind.VllmV1 : BatchPolicyKind.Vllm, seqs, tokens)
        {
            LongPrefillTokenThreshold = options?.GetInt("long_prefill_token_threshold", 0, 0, 100_000_000) ?? 0,
        };
        bool eager = options?.GetBool("enforce_eager", false) ?? false;
        var graphs = eager ? CudaGraphSizes.None : new CudaGraphSizes(CaptureSizes(seqs, tokens), padding: true);
        var overheads = new EngineOverheads("vllm", EngineOverheadsCatalog.VllmIterationMs / 1e3, 0)
        {
            AllReduce = AllReduceImplementation.VllmCustom,
            KvSizing = Parallelism.KvCacheSizing.Vllm,
            FrontEnd = _v1 ? new FrontEndSpec(EngineOverheadsCatalog.VllmFrontEndPerRequestMs / 1e3, 0) : FrontEndSpec.None,
        };
        bool overlap = options?.GetBool("async_scheduling", false) ?? false;
        return new EngineSettings(scheduler, graphs, overheads, overlap, BlockSize);
    }

    /// <summary>vLLM's default KV block size in tokens.</summary>
    public const int BlockSize = 16;

    private IEnumerable<int> CaptureSizes(int seqs, int tokens)
    {
        if (!_v1)
        {
            return CudaGraphSizes.Step8(V0MaxCaptureSize, seqs);
        }

        if (!_doubledCapture)
        {
            return CudaGraphSizes.Step8(V1MaxCaptureSize, tokens);
        }

        int max = Math.Min(2 * seqs, V1MaxCaptureSize);
        var sizes = CudaGraphSizes.Step8(Step16From - 1, max).ToList();
        for (int s = Step16From; s <= max; s += 16)
        {
            sizes.Add(s);
        }

        return sizes;
    }
}
