using DesSim.Core.Hardware;
using DesSim.Core.Model;

namespace DesSim.Core.Cost;

/// <summary>One decoder layer as one tensor-parallel rank holds it: heads, KV heads and MLP columns divided by TP.</summary>
/// <remarks>KV heads are replicated when fewer than TP (each rank keeps one). Byte sizes per element. MoE under expert
/// parallelism (<see cref="Ep"/> &gt; 1): a GPU holds experts/ep experts, each split <see cref="ExpertTp"/> ways
/// (ep ≤ tp: tp/ep; ep &gt; tp: 1 — see Parallelism.ExpertContextRules).</remarks>
public sealed record LayerShard(ModelSpec Model, int Tp, Precision Weights, Precision Kv, int Ep = 1)
{
    /// <summary>Ways each routed expert's MLP is split: tp/ep when ep ≤ tp, else 1 (ep = 1: tp).</summary>
    public int ExpertTp => Ep <= Tp ? Tp / Ep : 1;

    /// <summary>Routed experts held by one GPU: experts/ep.</summary>
    public int ExpertsPerGpu => Model.NumExperts / Ep;

    /// <summary>MLP columns of one routed expert on one GPU.</summary>
    public int ExpertFfnPerRank => Model.MoeIntermediateSize / ExpertTp;

    /// <summary>Query heads per rank.</summary>
    public int HeadsPerRank => Model.NumHeads / Tp;

    /// <summary>KV heads per rank (≥ 1: replicated when kv_heads &lt; tp).</summary>
    public int KvHeadsPerRank => Math.Max(1, Model.NumKvHeads / Tp);

    /// <summary>MLP columns per rank (per expert for MoE).</summary>
    public int FfnPerRank => (Model.IsMoe ? Model.MoeIntermediateSize : Model.IntermediateSize) / Tp;

    /// <summary>Weight parameters of one layer on one rank (replicated KV projections counted once per rank).</summary>
    public long ParametersPerRank
    {
        get
        {
            long h = Model.HiddenSize, hd = Model.HeadDim;
            long attention = (h * HeadsPerRank * hd * 2) + (2 * h * KvHeadsPerRank * hd);
            long mlp = Model.IsMoe
                ? (ExpertsPerGpu * 3L * h * ExpertFfnPerRank) + (h * Model.NumExperts) + (Model.SharedExperts * 3L * h * (Model.IntermediateSize / Tp))
                : 3L * h * FfnPerRank;
            return attention + mlp + (2 * h);
        }
    }

    /// <summary>KV-cache bytes per token of one layer on one rank.</summary>
    public long KvBytesPerTokenPerRank => 2L * KvHeadsPerRank * Model.HeadDim * Kv.BytesPerElement;
}
