namespace DesSim.Core.Metrics;

/// <summary>What prefix caching did over a run: the <c>prefix_cache</c> block of summary.json (docs/metrics.md).</summary>
/// <remarks>Hit rates are over the prompts of requests' first admissions: <see cref="TokenHitRate"/> =
/// <see cref="HitTokens"/> / <see cref="PromptTokens"/>, <see cref="BlockHitRate"/> = <see cref="HitBlocks"/> /
/// <see cref="PromptBlocks"/>, both in [0, 1]. Blocks are the cache's indexing unit of <see cref="BlockTokens"/> tokens
/// (the engine's KV block, or 16 tokens for SGLang's 1-token pages).</remarks>
/// <param name="BlockTokens">Tokens per cache block.</param>
/// <param name="PromptTokens">Prompt tokens looked up.</param>
/// <param name="HitTokens">Of those, tokens found cached.</param>
/// <param name="PromptBlocks">Prompt blocks looked up (<c>ceil(prompt / BlockTokens)</c> per request).</param>
/// <param name="HitBlocks">Of those, blocks found cached.</param>
/// <param name="PrefillTokensSaved">Prefill tokens not computed thanks to hits, re-admissions after preemption included.</param>
/// <param name="EvictedBlocks">Cached blocks evicted to make room.</param>
public sealed record PrefixCacheSummary(int BlockTokens, long PromptTokens, long HitTokens, long PromptBlocks, long HitBlocks, long PrefillTokensSaved, long EvictedBlocks)
{
    /// <summary>TTFT of completed requests with a hit (<c>cached_tokens</c> &gt; 0), ms; null when not computed.</summary>
    public LatencyStats? TtftHitMs { get; init; }

    /// <summary>TTFT of completed requests without a hit, ms; null when not computed.</summary>
    public LatencyStats? TtftMissMs { get; init; }

    /// <summary>Completed requests with a hit.</summary>
    public long HitRequests { get; init; }

    /// <summary>Per tier (<c>gpu</c> first, then the KV tiers below it); empty when the run had no KV tiers.</summary>
    public IReadOnlyList<PrefixTierSummary> Tiers { get; init; } = [];

    /// <summary>A tier's hit tokens over <see cref="PromptTokens"/> (0 when nothing was looked up).</summary>
    public double TierTokenHitRate(PrefixTierSummary tier) => PromptTokens > 0 ? tier.HitTokens / (double)PromptTokens : 0;

    /// <summary>A tier's hit blocks over <see cref="PromptBlocks"/> (0 when nothing was looked up).</summary>
    public double TierBlockHitRate(PrefixTierSummary tier) => PromptBlocks > 0 ? tier.HitBlocks / (double)PromptBlocks : 0;

    /// <summary>Hit tokens over prompt tokens (0 when nothing was looked up).</summary>
    public double TokenHitRate => PromptTokens > 0 ? HitTokens / (double)PromptTokens : 0;

    /// <summary>Hit blocks over prompt blocks (0 when nothing was looked up).</summary>
    public double BlockHitRate => PromptBlocks > 0 ? HitBlocks / (double)PromptBlocks : 0;
}
