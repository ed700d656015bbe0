namespace DesSim.Core.Cost;

/// <summary>Part of one request's prompt processed in an iteration: <see cref="NewTokens"/> on top of <see cref="CachedTokens"/> already in its KV cache.</summary>
public readonly record struct PrefillChunk(int NewTokens, int CachedTokens);
