namespace DesSim.Core.Execution;

/// <summary>One GPU-to-GPU stream of a KV transfer between a prefill and a decode instance, per prompt token.</summary>
/// <param name="PrefillStage">Source pipeline stage of the prefill instance.</param>
/// <param name="PrefillRank">Source TP rank within that stage.</param>
/// <param name="DecodeStage">Destination pipeline stage of the decode instance.</param>
/// <param name="DecodeRank">Destination TP rank within that stage.</param>
/// <param name="StreamedBytesPerToken">Bytes per prompt token of the layers the source stage finishes before its last layer.</param>
/// <param name="LastLayerBytesPerToken">Bytes per prompt token of the source stage's last layer (zero when the destination
/// stage does not hold it).</param>
public readonly record struct KvFlow(int PrefillStage, int PrefillRank, int DecodeStage, int DecodeRank, long StreamedBytesPerToken, long LastLayerBytesPerToken)
{
    /// <summary>All bytes of the flow per prompt token.</summary>
    public long BytesPerToken => StreamedBytesPerToken + LastLayerBytesPerToken;
}
