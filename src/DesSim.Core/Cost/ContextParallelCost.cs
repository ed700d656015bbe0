namespace DesSim.Core.Cost;

/// <summary>Context-parallel (CP) arithmetic of one layer on one CP rank (facts.md §4; ring attention, arXiv 2411.01783).</summary>
/// <remarks>
/// Prefill is split along the sequence in load-balanced causal chunks: each of the <c>c</c> ranks holds ⌈n/c⌉ new tokens
/// and 1/c of the causal query-key pairs, and reads every K/V chunk once as they pass around the ring. The ring takes
/// c−1 steps, each passing a chunk of ⌈(cached + new)/c⌉ tokens of K and V (KV bytes per token per layer of the rank);
/// each step overlaps with 1/c of the rank's attention compute, and only the excess is exposed. Decode: the new token's
/// query is on every rank, each rank attends to its 1/c share of the KV cache, and the partial outputs (query width · 2
/// bytes + one fp32 log-sum-exp per head) are combined by an all-reduce over the c ranks. Linear layers of decode tokens
/// run on every rank (not split). Seconds and bytes.
/// </remarks>
public static class ContextParallelCost
{
    /// <summary>Bytes of a log-sum-exp value carried with a partial attention output (fp32).</summary>
    /// <remarks>Flash-decoding style combines keep one fp32 LSE per head per query (assumed).</remarks>
    public const int LseBytes = 4;

    /// <summary>The aggregates one CP rank sees of batch <paramref name="a"/> split over <paramref name="cp"/> ranks.</summary>
    public static BatchAggregates Split(in BatchAggregates a, int cp)
    {
        if (cp <= 1)
        {
            return a;
        }

        int prefill = (a.PrefillTokens + cp - 1) / cp;
        return a with
        {
            Tokens = prefill + a.DecodeSequences,
            PrefillTokens = prefill,
            PrefillCausalPairsTimesTwo = (a.PrefillCausalPairsTimesTwo + cp - 1) / cp,
            DecodeContextTokens = (a.DecodeContextTokens + cp - 1) / cp,
        };
    }

    /// <summary>Bytes of one ring step: a K/V chunk of ⌈kvTokens/c⌉ tokens.</summary>
    public static long RingChunkBytes(long prefillKvTokens, int cp, long kvBytesPerTokenPerRank) =>
        (prefillKvTokens + cp - 1) / cp * kvBytesPerTokenPerRank;

    /// <summary>Exposed (not hidden by attention) ring time of one layer: (c−1) · max(0, step − attention/c).</summary>
    public static double ExposedRingSeconds(in BatchAggregates a, int cp, long kvBytesPerTokenPerRank, double rankAttentionSeconds, GroupLink link)
    {
        if (cp <= 1 || a.PrefillTokens == 0)
        {
            return 0;
        }

        double step = link.StepSeconds(RingChunkBytes(a.PrefillKvTokens, cp, kvBytesPerTokenPerRank));
        return (cp - 1) * Math.Max(0, step - (rankAttentionSeconds / cp));
    }

    /// <summary>Decode combine of one layer: all-reduce of the partial outputs over the c ranks.</summary>
    public static double DecodeCombineSeconds(in BatchAggregates a, LayerShard shard, int cp, GroupLink link)
    {
        if (cp <= 1 || a.DecodeSequences == 0)
        {
            return 0;
        }

        long perSequence = ((long)shard.HeadsPerRank * shard.Model.HeadDim * CostConstants.ActivationBytesPerElement) + ((long)shard.HeadsPerRank * LseBytes);
        return link.AllReduceSeconds(a.DecodeSequences * perSequence);
    }
}
