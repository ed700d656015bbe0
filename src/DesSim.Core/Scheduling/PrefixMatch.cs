namespace DesSim.Core.Scheduling;

/// <summary>The cached prefix a waiting sequence would reuse if admitted now.</summary>
/// <param name="Units">Leading cache units found (each <see cref="PrefixCache.UnitTokens"/> tokens).</param>
/// <param name="ReferencedUnits">Of those, units other running sequences already hold (they cost no free block).</param>
/// <param name="Tokens">Tokens the hit skips: <c>Units · UnitTokens</c>.</param>
public readonly record struct PrefixMatch(int Units, int ReferencedUnits, int Tokens)
{
    /// <summary>No hit.</summary>
    public static readonly PrefixMatch None;
}
