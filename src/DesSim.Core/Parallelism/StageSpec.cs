namespace DesSim.Core.Parallelism;

/// <summary>One pipeline stage: a contiguous run of decoder layers, plus the embedding (first stage) and LM head (last).</summary>
/// <param name="Index">0-based stage index.</param>
/// <param name="FirstLayer">0-based index of the first decoder layer.</param>
/// <param name="LayerCount">Decoder layers in the stage (≥ 1).</param>
/// <param name="HasEmbedding">Whether the stage holds the embedding.</param>
/// <param name="HasLmHead">Whether the stage holds the final norm and LM head.</param>
public sealed record StageSpec(int Index, int FirstLayer, int LayerCount, bool HasEmbedding, bool HasLmHead);
