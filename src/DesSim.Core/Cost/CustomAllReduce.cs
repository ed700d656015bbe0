namespace DesSim.Core.Cost;

/// <summary>When an engine's own all-reduce is used instead of NCCL: world size, NVLink reach and message-size limits,
/// each from the engine's source.</summary>
/// <remarks>
/// The kernel time itself comes from the measured TensorRT-LLM custom all-reduce table (Cost/Data/custom_allreduce_*.csv,
/// strategy AUTO, which already switches one-shot → two-shot as the message grows). vLLM's and SGLang's kernels are the
/// same design (one-stage for small messages, two-stage reduce-scatter + all-gather for larger ones, peer-to-peer over
/// NVLink with IPC buffers) and are priced from that table too: no measurement of their kernels ships here, an
/// approximation stated in docs/engines.md. Outside these limits every engine falls back to NCCL.
/// </remarks>
public static class CustomAllReduce
{
    /// <summary>vLLM's largest custom all-reduce, bytes: <c>CustomAllreduce.__init__(max_size=8192 * 1024)</c> in
    /// <c>vllm/distributed/device_communicators/custom_all_reduce.py</c> (vLLM 0.12); <c>should_custom_ar</c> takes
    /// it when <c>inp_size &lt; max_size</c>.</summary>
    public const long VllmMaxBytes = 8192L * 1024;

    /// <summary>SGLang's largest custom all-reduce, bytes: <c>CustomAllreduce._MAX_CAR_SIZE = 8192 * 1024</c> in
    /// <c>python/sglang/srt/distributed/device_communicators/custom_all_reduce.py</c> (SGLang 0.5, CUDA).</summary>
    public const long SglangMaxBytes = 8192L * 1024;

    /// <summary>TensorRT-LLM's all-reduce workspace, bytes (AUTO uses its own kernels up to it, NCCL beyond):
    /// <c>getMaxRequiredWorkspaceSize</c> returns 64 MiB in <c>cpp/tensorrt_llm/common/customAllReduceUtils.h</c>.</summary>
    public const long TrtllmMaxBytes = 64L * 1024 * 1024;

    /// <summary>Whether <paramref name="implementation"/> runs its own kernel for <paramref name="bytes"/> over
    /// <paramref name="gpus"/> GPUs; <paramref name="fullNvLink"/> is true when every pair of the group is NVLink-connected
    /// (NVSwitch) and the group sits in one node.</summary>
    /// <remarks>vLLM and SGLang: <c>_SUPPORTED_WORLD_SIZES = [2, 4, 6, 8]</c>, single node, and for more than two GPUs a
    /// fully connected NVLink group (<c>should_custom_ar</c>: <c>world_size == 2 or fully_connected</c>). TensorRT-LLM: its
    /// kernels need NVLink peer access (<c>check_nvlink_p2p_supported</c> in <c>tensorrt_llm/_torch/distributed/ops.py</c>)
    /// and the group within one node; up to 8 ranks per node here.</remarks>
    public static bool Applies(AllReduceImplementation implementation, int gpus, long bytes, bool fullNvLink)
    {
        if (gpus < 2 || bytes <= 0 || !fullNvLink)
        {
            return false;
        }

        return implementation switch
        {
            AllReduceImplementation.VllmCustom => gpus is 2 or 4 or 6 or 8 && bytes < VllmMaxBytes,
            AllReduceImplementation.SglangCustom => gpus is 2 or 4 or 6 or 8 && bytes < SglangMaxBytes,
            AllReduceImplementation.TrtllmAuto => gpus <= 8 && bytes <= TrtllmMaxBytes,
            _ => false,
        };
    }
}
