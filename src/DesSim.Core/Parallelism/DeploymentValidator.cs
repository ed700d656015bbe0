using DesSim.Core.Cost;
using DesSim.Core.Hardware;

namespace DesSim.Core.Parallelism;

/// <summary>Checks a <see cref="DeploymentSpec"/> before planning: degrees, divisibility, GPU counts, stage layers.</summary>
/// <remarks>Throws <see cref="InputException"/> (location: the scenario key at fault) with the numbers and a hint; records warnings in the notes.</remarks>
public static class DeploymentValidator
{
    /// <summary>Validates <paramref name="spec"/>, adding warnings to <paramref name="notes"/>.</summary>
    public static void Validate(DeploymentSpec spec, RunNotes notes)
    {
        var m = spec.Model;
        var p = spec.Plan;
        var c = spec.Cluster;
        foreach (var (name, v) in new[] { ("tp", p.Tp), ("pp", p.Pp), ("dp", p.Dp), ("ep", p.Ep), ("cp", p.Cp) })
        {
            if (v < 1)
            {
                throw new InputException(null, $"parallelism.{name}", $"{name}={v} must be ≥ 1");
            }
        }

        ExpertContextRules.Validate(spec);

        if (c.Nodes < 1 || c.GpusPerNode < 1)
        {
            throw new InputException(null, "cluster", $"the cluster must have ≥ 1 node and ≥ 1 GPU per node (got {c.Nodes} × {c.GpusPerNode})");
        }

        if (p.GpuCount > c.TotalGpus)
        {
            throw new InputException(null, "parallelism",
                $"{p} needs {p.GpuCount} GPUs (tp {p.Tp} × pp {p.Pp} × cp {p.Cp} × dp {p.Dp}; ep reuses these GPUs); the cluster has {c.Nodes} × {c.GpusPerNode} = {c.TotalGpus}",
                $"lower dp to {Math.Max(1, c.TotalGpus / p.GpusPerReplica)} or add nodes");
        }

        if (m.NumHeads % p.Tp != 0)
        {
            throw new InputException(null, "parallelism.tp",
                $"{m.Name} has {m.NumHeads} attention heads, not divisible by tp={p.Tp}", $"use tp in {{{string.Join(", ", Divisors(m.NumHeads))}}}");
        }

        int ffn = m.IsMoe ? m.MoeIntermediateSize : m.IntermediateSize;
        int ffnSplit = m.IsMoe ? ExpertContextRules.ExpertTp(p) : p.Tp;
        if (ffn % ffnSplit != 0)
        {
            throw new InputException(null, "parallelism.tp", $"{m.Name}'s MLP width {ffn} is not divisible by {(m.IsMoe ? "the expert TP degree" : "tp")}={ffnSplit}", $"use tp in {{{string.Join(", ", Divisors(ffn).Where(d => m.NumHeads % d == 0))}}}");
        }

        if (m.NumKvHeads < p.Tp && p.Tp % m.NumKvHeads != 0)
        {
            throw new InputException(null, "parallelism.tp", $"{m.Name} has {m.NumKvHeads} KV heads; tp={p.Tp} is not a multiple of it, so KV heads cannot be replicated evenly", $"use tp in {{{string.Join(", ", Divisors(m.NumHeads).Where(d => d % m.NumKvHeads == 0 || m.NumKvHeads % d == 0))}}}");
        }

        if (m.NumKvHeads < p.Tp)
        {
            notes.Once("kv-replication", $"{m.Name} has {m.NumKvHeads} KV heads, fewer than tp={p.Tp}: each KV head is replicated on {p.Tp / m.NumKvHeads} GPUs (KV cache per GPU holds 1 head)");
        }
        else if (m.NumKvHeads % p.Tp != 0)
        {
            throw new InputException(null, "parallelism.tp", $"{m.Name} has {m.NumKvHeads} KV heads, not divisible by tp={p.Tp}", $"use tp in {{{string.Join(", ", Divisors(m.NumKvHeads))}}} or tp > {m.NumKvHeads} dividing {m.NumHeads}");
        }

        if (p.Pp > m.NumLayers)
        {
            throw new InputException(null, "parallelism.pp", $"pp={p.Pp} stages but {m.Name} has only {m.NumLayers} layers", $"use pp ≤ {m.NumLayers}");
        }

        if (spec.StageLayers is { } layers)
        {
            if (layers.Count != p.Pp)
            {
                throw new InputException(null, "stage_layers", $"lists {layers.Count} stages but pp={p.Pp}", "give one layer count per stage");
            }

            if (layers.Any(l => l < 1))
            {
                throw new InputException(null, "stage_layers", "every stage needs ≥ 1 layer");
            }

            if (layers.Sum() != m.NumLayers)
            {
                throw new InputException(null, "stage_layers", $"layers sum to {layers.Sum()} but {m.Name} has {m.NumLayers}", "make the counts add up to the model's layers");
            }
        }

        if (spec.BlockSizeTokens < 1)
        {
            throw new InputException(null, "scheduler.block_size", $"block_size={spec.BlockSizeTokens} must be ≥ 1");
        }

        if (!(spec.GpuMemoryUtilization > 0 && spec.GpuMemoryUtilization <= 1))
        {
            throw new InputException(null, "scheduler.gpu_memory_utilization", $"{spec.GpuMemoryUtilization} must be in (0, 1]");
        }

        if (p.Tp > c.GpusPerNode || c.GpusPerNode % p.Tp != 0)
        {
            notes.Once("tp-spans-nodes", $"tp={p.Tp} with {c.GpusPerNode} GPUs per node: some TP groups cross nodes, and their all-reduces run over {c.InterNode.Name}");
        }

        if (spec.WeightPrecision.BytesPerElement == 1 && c.Gpu.Fp8FlopsPerSecond <= 0)
        {
            notes.Once("no-fp8", $"{c.Gpu.Name} has no FP8 tensor cores: fp8 weights halve memory and weight reads, GEMMs run at the BF16 rate");
        }

        if (m.IsMoe && p.Ep == 1)
        {
            notes.Once("moe", $"{m.Name} is MoE with ep=1: every GPU holds a TP shard of every expert; experts are priced as evenly loaded");
        }
        else if (m.IsMoe)
        {
            notes.Once("moe-ep", ExpertContextRules.Describe(spec));
        }

        if (p.Cp > 1)
        {
            notes.Once("cp", $"cp={p.Cp}: prefill split along the sequence (load-balanced causal chunks), ring K/V exchange overlapped with attention; decode attends to KV shards and combines partial results");
        }

        if (spec.KvPrecision.BytesPerElement == 1)
        {
            notes.Once("fp8-kv", "fp8 KV cache: halves KV bytes; attention FLOPs unchanged");
        }
    }

    private static IEnumerable<int> Divisors(int n) => Enumerable.Range(1, n).Where(d => n % d == 0 && d <= 64);
}
