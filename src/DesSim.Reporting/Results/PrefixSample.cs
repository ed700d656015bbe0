namespace DesSim.Reporting.Results;

/// <summary>One completed request's prefix-cache lookup, as requests.csv carries it: when it was first admitted (the
/// lookup), its prompt, the tokens found cached and, of those, the tokens loaded back from a KV tier below the GPU.</summary>
/// <param name="ScheduledSeconds">First admission, s (<c>scheduled_s</c>).</param>
/// <param name="InputTokens">Prompt tokens (<c>input_tokens</c>).</param>
/// <param name="CachedTokens">Tokens found in any cache tier (<c>cached_tokens</c>).</param>
/// <param name="LoadedTokens">Of those, tokens loaded from a tier below the GPU (<c>loaded_tokens</c>; 0 without tiers).</param>
public readonly record struct PrefixSample(double ScheduledSeconds, int InputTokens, int CachedTokens, int LoadedTokens);
