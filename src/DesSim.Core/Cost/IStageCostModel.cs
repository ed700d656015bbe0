namespace DesSim.Core.Cost;

/// <summary>Prices one pipeline stage of one replica for one micro-batch.</summary>
/// <remarks>Pure: the same batch and stage always give the same cost (jitter is applied by the executor).
/// Implementations may memoize by batch shape. Stage 0 includes the embedding; the last stage the LM head (and sampling).</remarks>
public interface IStageCostModel
{
    /// <summary>The cost of <paramref name="stageIndex"/> (0-based) running <paramref name="batch"/>.</summary>
    StageCost Price(BatchShape batch, int stageIndex);
}
