namespace DesSim.Core.Workload;

/// <summary>Distribution of one token-length column: mean, extremes and percentiles (tokens).</summary>
/// <remarks>Percentiles use the nearest-rank method on the exact values (no interpolation).</remarks>
public sealed record LengthSummary(double MeanTokens, int MinTokens, int P50Tokens, int P90Tokens, int P95Tokens, int P99Tokens, int MaxTokens);
