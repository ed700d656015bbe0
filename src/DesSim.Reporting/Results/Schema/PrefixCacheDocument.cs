using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>The <c>prefix_cache</c> object of <c>summary.json</c> (<see cref="PrefixCacheSummary"/>).</summary>
/// <remarks><see cref="HitRequests"/>, <see cref="TtftHitMs"/> and <see cref="TtftMissMs"/> are written together or not at all;
/// <see cref="Tiers"/> only when the run had KV tiers.</remarks>
public sealed record PrefixCacheDocument
{
    /// <summary>Hit tokens over prompt tokens, 0..1.</summary>
    [JsonPropertyName("token_hit_rate")]
    public required double TokenHitRate { get; init; }

    /// <summary>Hit blocks over prompt blocks, 0..1.</summary>
    [JsonPropertyName("block_hit_rate")]
    public required double BlockHitRate { get; init; }

    /// <summary>Tokens per cache block.</summary>
    [JsonPropertyName("block_tokens")]
    public required int BlockTokens { get; init; }

    /// <summary>Prompt tokens looked up.</summary>
    [JsonPropertyName("prompt_tokens")]
    public required long PromptTokens { get; init; }

    /// <summary>Tokens found cached.</summary>
    [JsonPropertyName("hit_tokens")]
    public required long HitTokens { get; init; }

    /// <summary>Prompt blocks looked up.</summary>
    [JsonPropertyName("prompt_blocks")]
    public required long PromptBlocks { get; init; }

    /// <summary>Blocks found cached.</summary>
    [JsonPropertyName("hit_blocks")]
    public required long HitBlocks { get; init; }

    /// <summary>Prefill tokens not computed thanks to hits.</summary>
    [JsonPropertyName("prefill_tokens_saved")]
    public required long PrefillTokensSaved { get; init; }

    /// <summary>Cached blocks evicted to make room.</summary>
    [JsonPropertyName("evicted_blocks")]
    public required long EvictedBlocks { get; init; }

    /// <summary>Completed requests with a hit.</summary>
    [JsonPropertyName("hit_requests")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? HitRequests { get; init; }

    /// <summary>TTFT of completed requests with a hit, ms.</summary>
    [JsonPropertyName("ttft_hit_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StatsDocument? TtftHitMs { get; init; }

    /// <summary>TTFT of completed requests without a hit, ms.</summary>
    [JsonPropertyName("ttft_miss_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StatsDocument? TtftMissMs { get; init; }

    /// <summary>Per tier, <c>gpu</c> first, written as one object keyed by tier name.</summary>
    [JsonPropertyName("tiers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(PrefixTiersConverter))]
    public IReadOnlyList<PrefixTierDocument>? Tiers { get; init; }

    /// <summary>The document of <paramref name="p"/>.</summary>
    public static PrefixCacheDocument From(PrefixCacheSummary p)
    {
        ArgumentNullException.ThrowIfNull(p);
        bool split = p.TtftHitMs is not null && p.TtftMissMs is not null;
        return new()
        {
            TokenHitRate = p.TokenHitRate, BlockHitRate = p.BlockHitRate, BlockTokens = p.BlockTokens, PromptTokens = p.PromptTokens, HitTokens = p.HitTokens,
            PromptBlocks = p.PromptBlocks, HitBlocks = p.HitBlocks, PrefillTokensSaved = p.PrefillTokensSaved, EvictedBlocks = p.EvictedBlocks,
            HitRequests = split ? p.HitRequests : null,
            TtftHitMs = split ? StatsDocument.From(p.TtftHitMs!) : null,
            TtftMissMs = split ? StatsDocument.From(p.TtftMissMs!) : null,
            Tiers = p.Tiers.Count > 0 ? p.Tiers.Select(t => PrefixTierDocument.From(p, t)).ToArray() : null,
        };
    }

    /// <summary>Back to the metrics type (the rates are derived there).</summary>
    public PrefixCacheSummary ToSummary() => new(BlockTokens, PromptTokens, HitTokens, PromptBlocks, HitBlocks, PrefillTokensSaved, EvictedBlocks)
    {
        HitRequests = HitRequests ?? 0,
        TtftHitMs = TtftHitMs?.ToStats(),
        TtftMissMs = TtftMissMs?.ToStats(),
        Tiers = Tiers?.Select(t => t.ToTier()).ToArray() ?? [],
    };
}
