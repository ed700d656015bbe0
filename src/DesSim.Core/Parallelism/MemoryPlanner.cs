using System.Globalization;
using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Model;

namespace DesSim.Core.Parallelism;

/// <summary>Per-GPU memory arithmetic: weights shard + activation reserve + KV cache under gpu_memory_utilization.</summary>
/// <remarks>Bytes throughout. MoE under EP: a GPU holds experts/ep experts split expert-TP ways (<see cref="LayerShard.ParametersPerRank"/>).
/// CP: weights are replicated on the cp ranks; the KV cache is sharded over them (KV tokens per replica × cp). Throws <see cref="InputException"/> with the arithmetic and a hint when the layout cannot run.</remarks>
public static class MemoryPlanner
{
    private const double GB = 1e9;

    /// <summary>Weight bytes one GPU of <paramref name="stage"/> holds.</summary>
    public static long StageWeightBytesPerGpu(LayerShard shard, StageSpec stage, int stageCount)
    {
        var m = shard.Model;
        long w = shard.Weights.BytesPerElement;
        long vocabShard = ((long)m.VocabSize + shard.Tp - 1) / shard.Tp * m.HiddenSize;
        long bytes = stage.LayerCount * shard.ParametersPerRank * w;
        if (stage.HasEmbedding)
        {
            bytes += vocabShard * w;
        }

        if (stage.HasLmHead)
        {
            // Why: tied embeddings share the matrix only when embedding and head sit on the same GPU.
            bool shared = m.TieWordEmbeddings && stageCount == 1;
            bytes += (shared ? 0 : vocabShard * w) + (m.HiddenSize * w);
        }

        return bytes;
    }

    /// <summary>Activation and workspace reserve per GPU: fixed reserve + one profiling forward pass.</summary>
    public static long ActivationReserveBytes(LayerShard shard)
    {
        var m = shard.Model;
        long perToken = (4L * m.HiddenSize) + (3L * shard.FfnPerRank) + ((long)(shard.HeadsPerRank + (2 * shard.KvHeadsPerRank)) * m.HeadDim);
        return MemoryConstants.FixedReserveBytes + (MemoryConstants.ActivationProfileTokens * perToken * CostConstants.ActivationBytesPerElement);
    }

    /// <summary>Plans memory for <paramref name="stages"/>; throws when the layout does not fit.</summary>
    public static MemoryPlan Plan(DeploymentSpec spec, LayerShard shard, IReadOnlyList<StageSpec> stages)
    {
        var gpu = spec.Cluster.Gpu;
        var model = spec.Model;
        int tp = spec.Plan.Tp, pp = spec.Plan.Pp, cp = spec.Plan.Cp;
        long capacity = gpu.MemoryBytes;
        double fraction = spec.MemoryFraction;
        long total = model.WeightBytes(spec.WeightPrecision);
        // Why: CP ranks hold copies of the same shard; an EP domain spanning d replicas holds one copy of the experts over d·tp GPUs.
        int domain = model.IsMoe ? ExpertContextRules.ReplicasPerExpertDomain(spec.Plan) : 1;
        long replicaMemory = capacity * tp * pp * domain;
        if (total > replicaMemory)
        {
            throw new InputException(null, "memory",
                $"{model.Name} {spec.WeightPrecision} weights need {Gb(total)} GB; tp={tp}, pp={pp}{(domain > 1 ? $" (× {domain} replicas sharing experts)" : string.Empty)} on {gpu.Name} gives {Gb(replicaMemory)} GB of GPU memory",
                FitHint(spec, shard));
        }

        long reserve = ActivationReserveBytes(shard);
        MemoryPlan? best = null;
        foreach (var stage in stages)
        {
            long weights = StageWeightBytesPerGpu(shard, stage, stages.Count);
            long kvPerToken = stage.LayerCount * shard.KvBytesPerTokenPerRank;
            long kv = KvCacheBudget.KvBytes(spec.KvSizing, fraction, capacity, weights, reserve);
            if (kv < kvPerToken * spec.BlockSizeTokens)
            {
                throw new InputException(null, "memory",
                    $"{model.Name} {spec.WeightPrecision} on {gpu.Name}, tp={tp}, pp={pp}: stage {stage.Index} needs {Gb(weights)} GB of weights + {Gb(reserve)} GB activation reserve per GPU, "
                    + (spec.KvSizing == KvCacheSizing.Vllm
                        ? $"but {Gb(capacity)} GB × {F(fraction)} gpu_memory_utilization = {Gb((long)Math.Floor(capacity * fraction))} GB "
                        : $"but {KvCacheBudget.Describe(spec.KvSizing)} with {Gb(capacity)} GB and fraction {F(fraction)} ")
                    + (kv < 0 ? $"is {Gb(-kv)} GB short" : $"leaves {Gb(kv)} GB, less than one KV block ({kvPerToken * spec.BlockSizeTokens} bytes)"),
                    FitHint(spec, shard));
            }

            long usable = weights + reserve + kv;

            // Why: CP shards the KV cache along the sequence, so cp ranks together hold cp times the tokens.
            long tokens = kv / kvPerToken * cp / spec.BlockSizeTokens * spec.BlockSizeTokens;
            if (best is null || tokens < best.KvCapacityTokensPerReplica)
            {
                best = new MemoryPlan(capacity, usable, weights, reserve, kv, kvPerToken, tokens, tokens / spec.BlockSizeTokens, spec.BlockSizeTokens, stage.Index);
            }
        }

        return best!;
    }

    /// <summary>"use ≥ N GPUs or fp8": the smallest power-of-two GPU count whose usable memory holds the weights and reserve.</summary>
    public static string FitHint(DeploymentSpec spec, LayerShard shard)
    {
        int Needed(Precision p)
        {
            long weights = spec.Model.WeightBytes(p);
            long perGpu = (long)(spec.Cluster.Gpu.MemoryBytes * spec.GpuMemoryUtilization) - ActivationReserveBytes(shard with { Weights = p });
            for (int n = 1; n <= MemoryConstants.MaxHintGpus; n *= 2)
            {
                // Why: leave at least 10% of the weights' size for KV cache, or the layout runs but serves nothing.
                if (perGpu > 0 && n * (double)perGpu >= weights * 1.1)
                {
                    return n;
                }
            }

            return MemoryConstants.MaxHintGpus;
        }

        int gpus = Needed(spec.WeightPrecision);
        if (spec.WeightPrecision.Is16Bit)
        {
            return $"use ≥ {gpus} GPUs, or fp8 weights on ≥ {Needed(Precision.Fp8)} GPUs";
        }

        return $"use ≥ {gpus} GPUs or a GPU with more memory";
    }

    private static string Gb(long bytes) => (bytes / GB).ToString(bytes >= 100 * GB ? "F0" : "F1", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString(CultureInfo.InvariantCulture);
}
