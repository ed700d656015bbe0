using System.Text.Json.Serialization;
using DesSim.Core.Metrics;

namespace DesSim.Reporting.Results.Schema;

/// <summary>One tier of <c>summary.json</c>'s <c>prefix_cache.tiers</c> object, written under its name (<see cref="PrefixTierSummary"/>).</summary>
public sealed record PrefixTierDocument
{
    /// <summary>The tier's name: its key in <c>tiers</c> (not a key of its own).</summary>
    [JsonIgnore]
    public string Name { get; init; } = string.Empty;

    /// <summary>One store every replica reaches over the network.</summary>
    [JsonPropertyName("shared")]
    public required bool Shared { get; init; }

    /// <summary>Cache blocks it holds over its instances.</summary>
    [JsonPropertyName("capacity_blocks")]
    public required long CapacityBlocks { get; init; }

    /// <summary>Its hit tokens over the prompt tokens looked up, 0..1.</summary>
    [JsonPropertyName("token_hit_rate")]
    public required double TokenHitRate { get; init; }

    /// <summary>Its hit blocks over the prompt blocks looked up, 0..1.</summary>
    [JsonPropertyName("block_hit_rate")]
    public required double BlockHitRate { get; init; }

    /// <summary>Prompt tokens found here at first admissions.</summary>
    [JsonPropertyName("hit_tokens")]
    public required long HitTokens { get; init; }

    /// <summary>Prompt blocks found here at first admissions.</summary>
    [JsonPropertyName("hit_blocks")]
    public required long HitBlocks { get; init; }

    /// <summary>Blocks loaded back to GPUs from here.</summary>
    [JsonPropertyName("loaded_blocks")]
    public required long LoadedBlocks { get; init; }

    /// <summary>Blocks written here.</summary>
    [JsonPropertyName("written_blocks")]
    public required long WrittenBlocks { get; init; }

    /// <summary>Blocks evicted from here.</summary>
    [JsonPropertyName("evicted_blocks")]
    public required long EvictedBlocks { get; init; }

    /// <summary>Bytes loaded from here.</summary>
    [JsonPropertyName("bytes_loaded")]
    public required long BytesLoaded { get; init; }

    /// <summary>Bytes written here.</summary>
    [JsonPropertyName("bytes_written")]
    public required long BytesWritten { get; init; }

    /// <summary>Loads from here.</summary>
    [JsonPropertyName("loads")]
    public required long Loads { get; init; }

    /// <summary>Mean issue-to-landing time of a load, ms.</summary>
    [JsonPropertyName("mean_load_ms")]
    public required double MeanLoadMs { get; init; }

    /// <summary>The document of tier <paramref name="t"/> of <paramref name="cache"/>.</summary>
    public static PrefixTierDocument From(PrefixCacheSummary cache, PrefixTierSummary t)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(t);
        return new()
        {
            Name = t.Name, Shared = t.Shared, CapacityBlocks = t.CapacityBlocks, TokenHitRate = cache.TierTokenHitRate(t), BlockHitRate = cache.TierBlockHitRate(t),
            HitTokens = t.HitTokens, HitBlocks = t.HitBlocks, LoadedBlocks = t.LoadedBlocks, WrittenBlocks = t.WrittenBlocks, EvictedBlocks = t.EvictedBlocks,
            BytesLoaded = t.BytesLoaded, BytesWritten = t.BytesWritten, Loads = t.Loads, MeanLoadMs = t.MeanLoadMs,
        };
    }

    /// <summary>Back to the metrics type.</summary>
    public PrefixTierSummary ToTier() => new(Name, Shared, CapacityBlocks, HitTokens, HitBlocks, LoadedBlocks, WrittenBlocks, EvictedBlocks, BytesLoaded, BytesWritten, Loads, MeanLoadMs);
}
