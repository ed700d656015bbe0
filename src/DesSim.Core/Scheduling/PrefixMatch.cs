namespace DesSim.Core.Scheduling;

/// <summary>The cached prefix a waiting sequence would reuse if admitted now.</summary>
/// <param name="Units">Leading cache units found in the GPU cache (each <see cref="PrefixCache.UnitTokens"/> tokens).</param>
/// <param name="ReferencedUnits">Of those, units other running sequences already hold (they cost no free block).</param>
/// <param name="Tokens">Tokens the hit skips: <c>(Units + LowerUnits) · UnitTokens</c>.</param>
/// <param name="LowerUnits">Units after the GPU run found in the KV tiers below the GPU (CPU, disk, shared store): they
/// take fresh GPU blocks and are loaded back before the request's first step (docs/prefix-caching.md, "KV tiers").</param>
public readonly record struct PrefixMatch(int Units, int ReferencedUnits, int Tokens, int LowerUnits = 0)
{
    /// <summary>No hit.</summary>
    public static readonly PrefixMatch None;
}
