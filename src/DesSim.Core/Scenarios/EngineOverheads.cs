namespace DesSim.Core.Scenarios;

/// <summary>What the serving engine adds beyond kernels and collectives: per-iteration CPU work and per-sequence sampling.</summary>
/// <param name="Name">Preset name (vllm, trtllm, sglang, none, or custom).</param>
/// <param name="IterationOverheadSeconds">Per micro-batch scheduling, input preparation and launch gaps, added to stage 0.</param>
/// <param name="PerSequenceOverheadSeconds">Per sequence per iteration (sampling, detokenization), added to the last stage.</param>
public sealed record EngineOverheads(string Name, double IterationOverheadSeconds, double PerSequenceOverheadSeconds)
{
    /// <summary>Adds nothing.</summary>
    public static readonly EngineOverheads None = new("none", 0, 0);
}
