namespace DesSim.Core.Cost;

/// <summary>Which all-reduce a serving engine runs for its tensor-parallel group (see <see cref="CustomAllReduce"/>).</summary>
public enum AllReduceImplementation
{
    /// <summary>NCCL (ring/tree as NCCL picks): what a plain PyTorch/NCCL stack runs, and every engine's fallback.</summary>
    Nccl,

    /// <summary>TensorRT-LLM's <c>AllReduceStrategy.AUTO</c>: its own one-shot/two-shot kernels on NVLink up to the workspace
    /// size, NCCL beyond it.</summary>
    TrtllmAuto,

    /// <summary>vLLM's <c>CustomAllreduce</c> (one-stage or two-stage by size) below its <c>max_size</c>, NCCL (pynccl) above.</summary>
    VllmCustom,

    /// <summary>SGLang's custom all-reduce (sgl_kernel, adapted from vLLM's) below its <c>_MAX_CAR_SIZE</c>, NCCL above.</summary>
    SglangCustom,
}
