using DesSim.Core.Hardware;

namespace DesSim.Core.Scheduling.Engines;

/// <summary>What an engine's defaults depend on: the GPU (its memory and name pick defaults in several engines) and the
/// tensor-parallel degree; the pipeline-parallel degree (TensorRT-LLM runs another executor loop with pp &gt; 1).</summary>
/// <param name="Gpu">The GPU.</param>
/// <param name="Tp">Tensor-parallel degree.</param>
/// <param name="Pp">Pipeline-parallel degree.</param>
public sealed record EngineContext(GpuSpec Gpu, int Tp, int Pp = 1)
{
    /// <summary>Bytes per GiB.</summary>
    public const long GiB = 1L << 30;

    /// <summary>Bytes per MiB (SGLang compares its thresholds in MiB).</summary>
    public const long MiB = 1L << 20;

    /// <summary>GPU memory in MiB.</summary>
    public double GpuMemoryMiB => Gpu.MemoryBytes / (double)MiB;

    /// <summary>Whether the GPU's name or an alias says A100 (vLLM excludes A100 from its large-GPU defaults).</summary>
    public bool IsA100 => Gpu.Name.Contains("a100", StringComparison.OrdinalIgnoreCase) || Gpu.Aliases.Any(a => a.Contains("a100", StringComparison.OrdinalIgnoreCase));
}
