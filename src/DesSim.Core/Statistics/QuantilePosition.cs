namespace DesSim.Core.Statistics;

/// <summary>Where a quantile falls among n ascending values (see <see cref="Quantile.Position"/>).</summary>
/// <param name="Lower">0-based rank of the lower order statistic.</param>
/// <param name="Upper">0-based rank of the upper order statistic: <paramref name="Lower"/> + 1, or equal to it at the ends.</param>
/// <param name="Fraction">Weight of the upper value, in [0, 1).</param>
public readonly record struct QuantilePosition(long Lower, long Upper, double Fraction);
