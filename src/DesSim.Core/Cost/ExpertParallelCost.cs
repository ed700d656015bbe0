namespace DesSim.Core.Cost;

/// <summary>Prices the expert-parallel part of MoE layers for a given token-to-expert load: the busiest expert group's
/// MLPs and the dispatch and combine all-to-alls (facts.md §4). Pure (memoizes per-expert times by token count); the executor samples the loads.</summary>
/// <remarks>
/// The EP domain has <see cref="Ep"/> expert groups; group g holds experts <c>g·E/ep … (g+1)·E/ep − 1</c>, each split
/// <see cref="LayerShard.ExpertTp"/> ways. Per layer: the layer waits for the busiest group (gate/up GEMM, SiLU·mul and
/// down GEMM per expert with its token count; an expert with no tokens launches nothing), plus dispatch and combine
/// all-to-alls, each moving <see cref="DispatchBytesPerGpu"/> = domain tokens · k · hidden · 2 / ep bytes per rank over
/// <see cref="Link"/>. The domain's tokens are a replica's tokens × <see cref="DomainReplicas"/> (attention data-parallel
/// replicas are assumed to carry equal loads). Seconds and bytes. Not thread-safe (memo array; one per deployment, like
/// <see cref="StageCostModel"/>).
/// </remarks>
public sealed class ExpertParallelCost
{
    private readonly LayerShard _shard;
    private readonly IKernelTimer _timer;
    private readonly int[] _layersPerStage;
    private readonly double[] _expertSecondsByTokens = new double[MemoTokens];

    /// <summary>Token counts below which one expert's MLP time is memoized (an array slot per count).</summary>
    /// <remarks>Performance only: covers every per-expert load of batches up to ~32K tokens with top-2 of 8 experts.</remarks>
    public const int MemoTokens = 1 << 14;

    /// <summary>Creates the pricer.</summary>
    public ExpertParallelCost(LayerShard shard, IReadOnlyList<int> layersPerStage, IKernelTimer timer, int domainReplicas, GroupLink link)
    {
        if (!shard.Model.IsMoe || shard.Ep < 1 || shard.Model.NumExperts % shard.Ep != 0)
        {
            throw new ArgumentException("expert parallelism needs an MoE model whose experts divide by ep", nameof(shard));
        }

        _shard = shard;
        _timer = timer;
        _layersPerStage = layersPerStage.ToArray();
        DomainReplicas = domainReplicas;
        Link = link;
    }

    /// <summary>Expert groups in the EP domain.</summary>
    public int Ep => _shard.Ep;

    /// <summary>Routed experts.</summary>
    public int Experts => _shard.Model.NumExperts;

    /// <summary>Experts each token picks (top-k).</summary>
    public int ExpertsPerToken => _shard.Model.ExpertsPerToken;

    /// <summary>Data-parallel replicas sharing one EP domain.</summary>
    public int DomainReplicas { get; }

    /// <summary>The all-to-all group's link (ep ranks).</summary>
    public GroupLink Link { get; }

    /// <summary>Decoder layers in stage <paramref name="stageIndex"/>.</summary>
    public int LayersInStage(int stageIndex) => _layersPerStage[stageIndex];

    /// <summary>Bytes each rank sends in one dispatch (and again in one combine): domain tokens · k · hidden · 2 / ep.</summary>
    public long DispatchBytesPerGpu(int replicaTokens) =>
        (long)replicaTokens * DomainReplicas * ExpertsPerToken * _shard.Model.HiddenSize * CostConstants.ActivationBytesPerElement / Ep;

    /// <summary>Dispatch plus combine all-to-all of one layer, seconds.</summary>
    public double AllToAllSecondsPerLayer(int replicaTokens) => 2 * Link.AllToAllSeconds(DispatchBytesPerGpu(replicaTokens));

    /// <summary>MLP seconds of expert group <paramref name="group"/> for per-expert token counts <paramref name="expertTokens"/>.</summary>
    public double GroupSeconds(ReadOnlySpan<long> expertTokens, int group)
    {
        int per = _shard.ExpertsPerGpu;
        int h = _shard.Model.HiddenSize, ffn = _shard.ExpertFfnPerRank;
        double w = _shard.Weights.BytesPerElement, act = CostConstants.ActivationBytesPerElement;
        double seconds = 0;
        for (int e = group * per; e < (group + 1) * per; e++)
        {
            long m = expertTokens[e];
            if (m == 0)
            {
                continue;
            }

            if (m < MemoTokens)
            {
                double memo = _expertSecondsByTokens[m];
                if (memo == 0)
                {
                    memo = ExpertSeconds(m, h, ffn, w, act);
                    _expertSecondsByTokens[m] = memo;
                }

                seconds += memo;
            }
            else
            {
                seconds += ExpertSeconds(m, h, ffn, w, act);
            }
        }

        return seconds;
    }

    private double ExpertSeconds(long m, int h, int ffn, double w, double act) =>
        _timer.Seconds(Gemm("expert_gate_up_proj", m, 2 * ffn, h, w, act))
        + _timer.Seconds(new Kernel("silu_mul", KernelKind.Elementwise, m * (double)ffn * CostConstants.ElementwiseFlopsPerElement, m * (double)ffn * act * 1.5))
        + _timer.Seconds(Gemm("expert_down_proj", m, h, ffn, w, act));

    /// <summary>The busiest group's MLP seconds for one layer and its index.</summary>
    public (double Seconds, int Group) BusiestGroup(ReadOnlySpan<long> expertTokens)
    {
        double best = -1;
        int at = 0;
        for (int g = 0; g < Ep; g++)
        {
            double s = GroupSeconds(expertTokens, g);
            if (s > best)
            {
                best = s;
                at = g;
            }
        }

        return (best, at);
    }

    /// <summary>Adds the experts of stage <paramref name="stageIndex"/> to <paramref name="cost"/>: layers × busiest group to
    /// compute, layers × all-to-alls to other comm; <paramref name="expertTokens"/> is one layer's sampled load.</summary>
    public StageCost AddTo(StageCost cost, int replicaTokens, ReadOnlySpan<long> expertTokens, int stageIndex)
    {
        int layers = _layersPerStage[stageIndex];
        if (replicaTokens == 0 || layers == 0)
        {
            return cost;
        }

        double mlp = BusiestGroup(expertTokens).Seconds;
        return cost with
        {
            ComputeSeconds = cost.ComputeSeconds + (layers * mlp),
            OtherCommSeconds = cost.OtherCommSeconds + (layers * AllToAllSecondsPerLayer(replicaTokens)),
        };
    }

    private static Kernel Gemm(string name, long m, int n, int k, double weightBytes, double actBytes) =>
        new(name, KernelKind.Gemm, 2.0 * m * n * k, ((double)n * k * weightBytes) + ((double)m * k * actBytes) + ((double)m * n * actBytes), (int)Math.Min(int.MaxValue, m), n, k);
}
