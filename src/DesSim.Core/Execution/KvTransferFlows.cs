namespace DesSim.Core.Execution;

/// <summary>Which GPU sends which part of a request's KV cache to which GPU when a prefill instance hands it to a decode
/// instance of another layout: split by layer (pipeline stages) and re-sharded by KV head (tensor parallelism).</summary>
/// <remarks>
/// Every decode rank receives, for every layer its stage holds, the KV of the heads it holds, from a prefill rank that
/// holds them in the stage that holds that layer. Heads: with tp ≤ H KV heads, rank k holds heads
/// ⌊k·H/tp⌋ … ⌊(k+1)·H/tp⌋ − 1; with tp &gt; H, rank k holds head ⌊k·H/tp⌋ (each head replicated tp/H times). When several
/// prefill ranks hold a head, decode rank j reads it from the (j mod holders)-th of them (spreading the load). Bytes per
/// token per layer per head = 2 (K and V) · head_dim · KV bytes per element. So the total is prompt tokens × layers × H
/// × 2 · head_dim · bytes, times tp_decode/H where the decode side replicates heads. Immutable.
/// </remarks>
public sealed class KvTransferFlows
{
    /// <summary>Computes the flows between layouts; <paramref name="prefillStageLayers"/> and <paramref name="decodeStageLayers"/>
    /// are the decoder layers per pipeline stage (each summing to the model's layers).</summary>
    public KvTransferFlows(int kvHeads, long bytesPerLayerPerHeadPerToken, IReadOnlyList<int> prefillStageLayers, int prefillTp, IReadOnlyList<int> decodeStageLayers, int decodeTp)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kvHeads);
        var flows = new List<KvFlow>();
        var pStart = Starts(prefillStageLayers);
        var dStart = Starts(decodeStageLayers);
        for (int ds = 0; ds < decodeStageLayers.Count; ds++)
        {
            for (int ps = 0; ps < prefillStageLayers.Count; ps++)
            {
                int lo = Math.Max(pStart[ps], dStart[ds]);
                int hi = Math.Min(pStart[ps] + prefillStageLayers[ps], dStart[ds] + decodeStageLayers[ds]);
                if (hi <= lo)
                {
                    continue;
                }

                int last = pStart[ps] + prefillStageLayers[ps] - 1;
                int lastLayers = last >= lo && last < hi ? 1 : 0;
                for (int dr = 0; dr < decodeTp; dr++)
                {
                    // Heads per source prefill rank for this decode rank.
                    var fromRank = new int[prefillTp];
                    foreach (int h in Heads(dr, decodeTp, kvHeads))
                    {
                        var holders = Holders(h, prefillTp, kvHeads);
                        fromRank[holders[dr % holders.Count]]++;
                    }

                    for (int pr = 0; pr < prefillTp; pr++)
                    {
                        if (fromRank[pr] > 0)
                        {
                            long perLayer = fromRank[pr] * bytesPerLayerPerHeadPerToken;
                            flows.Add(new KvFlow(ps, pr, ds, dr, perLayer * (hi - lo - lastLayers), perLayer * lastLayers));
                        }
                    }
                }
            }
        }

        Flows = flows;
        BytesPerToken = flows.Sum(f => f.BytesPerToken);
    }

    /// <summary>The flows, by decode stage, prefill stage, decode rank, prefill rank.</summary>
    public IReadOnlyList<KvFlow> Flows { get; }

    /// <summary>Bytes moved per prompt token, summed over flows.</summary>
    public long BytesPerToken { get; }

    /// <summary>KV heads held by rank <paramref name="rank"/> of <paramref name="tp"/> for a model with <paramref name="kvHeads"/>.</summary>
    public static IEnumerable<int> Heads(int rank, int tp, int kvHeads)
    {
        if (tp > kvHeads)
        {
            yield return (int)((long)rank * kvHeads / tp);
            yield break;
        }

        int from = (int)((long)rank * kvHeads / tp), to = (int)((long)(rank + 1) * kvHeads / tp);
        for (int h = from; h < to; h++)
        {
            yield return h;
        }
    }

    private static List<int> Holders(int head, int tp, int kvHeads)
    {
        var holders = new List<int>();
        for (int k = 0; k < tp; k++)
        {
            if (Heads(k, tp, kvHeads).Contains(head))
            {
                holders.Add(k);
            }
        }

        return holders;
    }

    private static int[] Starts(IReadOnlyList<int> layers)
    {
        var starts = new int[layers.Count];
        for (int i = 1; i < layers.Count; i++)
        {
            starts[i] = starts[i - 1] + layers[i - 1];
        }

        return starts;
    }
}
