namespace DesSim.Core.Workload;

/// <summary>What a request's tokens are, as far as prefix reuse needs to know: one id per block of
/// <see cref="BlockTokens"/> tokens, covering its first <see cref="Tokens"/> tokens.</summary>
/// <remarks>
/// Two requests share their first <c>k · BlockTokens</c> tokens exactly when their first <c>k</c> ids are equal; an equal id
/// after a differing one is no match (prefix blocks are chained, as vLLM's block hashes and SGLang's radix tree are).
/// Mooncake traces give <c>hash_ids</c> of <see cref="MooncakeBlockTokens"/>-token blocks over the prompt (the last one may
/// be partial); synthetic sessions give ids over prompt and output, so the next turn can reuse the answer too.
/// Invariant: <c>0 ≤ Tokens ≤ BlockIds.Length · BlockTokens</c>.
/// </remarks>
/// <param name="BlockIds">One id per block, in prompt order.</param>
/// <param name="BlockTokens">Tokens per id (512 for Mooncake).</param>
/// <param name="Tokens">Tokens the ids describe, from the start of the prompt.</param>
public sealed record PrefixIdentity(int[] BlockIds, int BlockTokens, int Tokens)
{
    /// <summary>Tokens per <c>hash_ids</c> entry in Mooncake's traces (kvcache-ai/Mooncake FAST25-release/traces README).</summary>
    public const int MooncakeBlockTokens = 512;

    /// <summary>The identity of a Mooncake row: its <paramref name="hashIds"/> over the prompt's <paramref name="promptTokens"/>.</summary>
    public static PrefixIdentity Mooncake(int[] hashIds, int promptTokens) =>
        new(hashIds, MooncakeBlockTokens, (int)Math.Min(promptTokens, (long)hashIds.Length * MooncakeBlockTokens));
}
