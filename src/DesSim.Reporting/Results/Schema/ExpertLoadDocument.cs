using System.Text.Json.Serialization;
using DesSim.Core.Execution;

namespace DesSim.Reporting.Results.Schema;

/// <summary>The <c>expert_load</c> object of <c>summary.json</c> (<see cref="ExpertLoadStats"/>).</summary>
public sealed record ExpertLoadDocument
{
    /// <summary>Routing model: uniform, zipf(s), popularity.</summary>
    [JsonPropertyName("routing")]
    public required string Routing { get; init; }

    /// <summary>Expert groups (= ep).</summary>
    [JsonPropertyName("expert_groups")]
    public required int ExpertGroups { get; init; }

    /// <summary>Routing samples (one per micro-batch and stage).</summary>
    [JsonPropertyName("sampled_batches")]
    public required long SampledBatches { get; init; }

    /// <summary>max / mean of <see cref="ExpertTokens"/>.</summary>
    [JsonPropertyName("imbalance_factor")]
    public required double ImbalanceFactor { get; init; }

    /// <summary>Busiest expert group's tokens / mean group's, averaged over samples.</summary>
    [JsonPropertyName("batch_gpu_imbalance_mean")]
    public required double BatchGpuImbalanceMean { get; init; }

    /// <summary>The same, maximized over samples.</summary>
    [JsonPropertyName("batch_gpu_imbalance_max")]
    public required double BatchGpuImbalanceMax { get; init; }

    /// <summary>Token→expert assignments per expert, summed over samples.</summary>
    [JsonPropertyName("expert_tokens")]
    public required IReadOnlyList<long> ExpertTokens { get; init; }

    /// <summary>The document of <paramref name="load"/>.</summary>
    public static ExpertLoadDocument From(ExpertLoadStats load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return new()
        {
            Routing = load.Routing, ExpertGroups = load.ExpertGroups, SampledBatches = load.SampledBatches, ImbalanceFactor = load.ImbalanceFactor,
            BatchGpuImbalanceMean = load.MeanBatchGpuImbalance, BatchGpuImbalanceMax = load.MaxBatchGpuImbalance, ExpertTokens = load.ExpertTokens,
        };
    }

    /// <summary>Back to the execution type.</summary>
    public ExpertLoadStats ToStats() => new(ExpertTokens, ImbalanceFactor, BatchGpuImbalanceMean, BatchGpuImbalanceMax, SampledBatches, ExpertGroups, Routing);
}
