using DesSim.Core.Workload;

namespace DesSim.Core.Scheduling;

/// <summary>Chained keys of a request's cacheable units: unit <c>j</c> (tokens <c>[j·U, (j+1)·U)</c>) gets a key that
/// depends on every workload block up to the one holding its last token, so a key matches only when the whole prefix
/// before it matches.</summary>
/// <remarks>
/// As vLLM V1's block hashes (vllm/v1/core/kv_cache_utils.py <c>hash_block_tokens(parent_block_hash, block_tokens)</c>,
/// v0.8.0–v0.12.0): each key hashes its parent's. The workload's blocks (512 tokens for Mooncake) rarely equal the engine's
/// (16 for vLLM): unit <c>j</c> ending at token <c>e</c> lies in workload block <c>k = (e − 1) / G</c> and its key is
/// <c>mix(chain[k], e − k·G)</c>, where <c>chain[k] = mix(chain[k − 1], id[k])</c>. Only units that end within the
/// identity's tokens get keys. Keys are 64-bit mixes (SplitMix64 finalizer), deterministic in every build.
/// </remarks>
internal static class PrefixKeys
{
    private const ulong Root = 0x9E3779B97F4A7C15UL; // the chain's seed: SplitMix64's golden-ratio increment

    /// <summary>The keys of <paramref name="identity"/>'s full units of <paramref name="unitTokens"/> tokens.</summary>
    public static ulong[] For(PrefixIdentity identity, int unitTokens)
    {
        int units = identity.Tokens / unitTokens;
        var keys = new ulong[units];
        int g = identity.BlockTokens;
        int chained = -1;
        ulong chain = Root;
        for (int j = 0; j < units; j++)
        {
            long end = (long)(j + 1) * unitTokens;
            int k = (int)((end - 1) / g);
            while (chained < k)
            {
                chained++;
                chain = Mix(chain, (ulong)(uint)identity.BlockIds[chained]);
            }

            keys[j] = Mix(chain, (ulong)(end - ((long)k * g)));
        }

        return keys;
    }

    /// <summary>Mixes <paramref name="value"/> into <paramref name="parent"/> (SplitMix64's finalizer over both).</summary>
    public static ulong Mix(ulong parent, ulong value)
    {
        ulong z = parent ^ (value + Root + (parent << 6) + (parent >> 2));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
