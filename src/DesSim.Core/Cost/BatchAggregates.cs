namespace DesSim.Core.Cost;

/// <summary>The numbers a layer's cost depends on, summed over a <see cref="BatchShape"/>; also the memoization key.</summary>
/// <remarks>Token counts in tokens. <see cref="PrefillCausalPairsTimesTwo"/> = Σ over chunks of 2·n·c + n² (twice the
/// query-key pairs of a causal chunk of n new tokens on c cached ones), kept integral so the key is exact.
/// <see cref="PrefillKvTokens"/> = Σ (c + n), the KV positions prefill attention reads.</remarks>
public readonly record struct BatchAggregates(
    int Tokens,
    int PrefillTokens,
    int PrefillChunks,
    long PrefillCausalPairsTimesTwo,
    long PrefillKvTokens,
    int DecodeSequences,
    long DecodeContextTokens)
{
    /// <summary>Sequences that produce a token this iteration (approximation: every sequence of the batch).</summary>
    public int Sequences => PrefillChunks + DecodeSequences;

    /// <summary>Sums <paramref name="batch"/> without allocating.</summary>
    public static BatchAggregates From(BatchShape batch)
    {
        long pairs2 = 0, kv = 0;
        var prefills = batch.Prefills;
        for (int i = 0; i < prefills.Count; i++)
        {
            var p = prefills[i];
            long n = p.NewTokens, c = p.CachedTokens;
            pairs2 += (2 * n * c) + (n * n);
            kv += n + c;
        }

        return new BatchAggregates(batch.TotalTokens, batch.PrefillTokens, prefills.Count, pairs2, kv, batch.DecodeSequences, batch.DecodeContextTokens);
    }
}
