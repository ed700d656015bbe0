namespace DesSim.Core.Cost;

/// <summary>Prices a pipeline stage: one decoder layer's kernels × the stage's layers, plus the embedding on stage 0 and
/// the LM head on the last stage, plus two TP all-reduces per layer, plus (cp &gt; 1) the exposed ring exchange.</summary>
/// <remarks>
/// All decoder layers are identical, so one layer is priced and multiplied. Results per batch aggregate
/// (<see cref="BatchAggregates"/>) are memoized in a small direct-mapped cache of <see cref="CacheCapacity"/> slots, so a
/// shape priced again soon (the next pipeline stage, a repeated prefill) costs one compare and no allocation. Why small:
/// decode batches change their context sum every iteration, so a large cache mostly missed and its inserts and clears cost
/// more than they saved. Not thread-safe (one instance per run).
/// The LM head runs over all sequences in the batch (approximation: chunks that do not finish their prompt produce no token).
/// With context parallelism each layer is priced on one CP rank's share (<see cref="ContextParallelCost"/>); the exposed
/// ring and decode-combine time goes to <see cref="StageCost.OtherCommSeconds"/>. Expert-parallel MLPs are not priced
/// here (they depend on sampled routing): see <see cref="ExpertParallelCost"/>.
/// </remarks>
public sealed class StageCostModel : IStageCostModel
{
    /// <summary>Slots of the direct-mapped memo (a power of two).</summary>
    public const int CacheCapacity = 1 << 8;

    private readonly LayerShard _shard;
    private readonly int[] _layersPerStage;
    private readonly IKernelTimer _timer;
    private readonly TpCollectiveModel _collective;
    private readonly int _cp;
    private readonly GroupLink? _cpLink;
    private readonly RooflineKernelTimer? _bound;
    private readonly Kernel[] _kernels = new Kernel[LayerKernels.MaxKernelsPerLayer];
    private readonly BatchAggregates[] _cacheKeys = new BatchAggregates[CacheCapacity]; // default (0 tokens) = empty slot
    private readonly Entry[] _cacheEntries = new Entry[CacheCapacity];

    /// <summary>Creates the model.</summary>
    /// <param name="shard">One layer on one TP rank.</param>
    /// <param name="layersPerStage">Decoder layers in each stage (stage 0 also holds the embedding, the last the LM head).</param>
    /// <param name="timer">Kernel pricing (roofline or measured).</param>
    /// <param name="collective">TP all-reduce pricing.</param>
    /// <param name="cpLink">The context-parallel ring (its <see cref="GroupLink.Gpus"/> = cp), or null without CP.</param>
    /// <param name="boundClassifier">Classifies kernels as compute- or memory-bound (<see cref="StageCost.ComputeBoundSeconds"/>);
    /// null counts no kernel as compute-bound.</param>
    public StageCostModel(LayerShard shard, IReadOnlyList<int> layersPerStage, IKernelTimer timer, TpCollectiveModel collective, GroupLink? cpLink = null, RooflineKernelTimer? boundClassifier = null)
    {
        _bound = boundClassifier;
        _shard = shard;
        _layersPerStage = layersPerStage.ToArray();
        _timer = timer;
        _collective = collective;
        _cpLink = cpLink is { Gpus: > 1 } ? cpLink : null;
        _cp = _cpLink?.Gpus ?? 1;
    }

    /// <summary>Decoder layers in stage <paramref name="stageIndex"/>.</summary>
    public int LayersInStage(int stageIndex) => _layersPerStage[stageIndex];

    /// <summary>Stages priced.</summary>
    public int StageCount => _layersPerStage.Length;

    /// <inheritdoc />
    public StageCost Price(BatchShape batch, int stageIndex)
    {
        if ((uint)stageIndex >= (uint)_layersPerStage.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(stageIndex), $"stage must be in 0..{_layersPerStage.Length - 1}");
        }

        var a = BatchAggregates.From(batch);
        if (a.Tokens == 0)
        {
            return default;
        }

        int slot = a.GetHashCode() & (CacheCapacity - 1);
        Entry e;
        if (_cacheKeys[slot] == a)
        {
            e = _cacheEntries[slot];
        }
        else
        {
            e = Compute(a);
            _cacheKeys[slot] = a;
            _cacheEntries[slot] = e;
        }

        int layers = _layersPerStage[stageIndex];
        double compute = layers * e.LayerComputeSeconds;
        double bound = layers * e.LayerComputeBoundSeconds;
        if (stageIndex == 0)
        {
            compute += e.EmbeddingSeconds;
        }

        if (stageIndex == _layersPerStage.Length - 1)
        {
            compute += e.LmHeadSeconds;
            bound += e.LmHeadComputeBoundSeconds;
        }

        return new StageCost(compute, layers * e.LayerTpCommSeconds, layers * e.LayerOtherCommSeconds) { ComputeBoundSeconds = bound };
    }

    /// <summary>The kernels of one layer for <paramref name="batch"/> with their times (for inspection and reports; allocates).</summary>
    public IReadOnlyList<(Kernel Kernel, double Seconds)> ExplainLayer(BatchShape batch)
    {
        var a = ContextParallelCost.Split(BatchAggregates.From(batch), _cp);
        int n = LayerKernels.BuildLayer(_shard, a, _kernels);
        return _kernels.Take(n).Select(k => (k, _timer.Seconds(k))).ToList();
    }

    private Entry Compute(in BatchAggregates full)
    {
        var a = ContextParallelCost.Split(full, _cp);
        int n = LayerKernels.BuildLayer(_shard, a, _kernels);
        double layer = 0, attention = 0, layerBound = 0;
        for (int i = 0; i < n; i++)
        {
            double t = _timer.Seconds(_kernels[i]);
            layer += t;
            layerBound += Bound(_kernels[i], t);
            if (_kernels[i].Kind == KernelKind.AttentionPrefill)
            {
                attention += t;
            }
        }

        double other = 0;
        if (_cpLink is not null)
        {
            other = ContextParallelCost.ExposedRingSeconds(a, _cp, _shard.KvBytesPerTokenPerRank, attention, _cpLink)
                + ContextParallelCost.DecodeCombineSeconds(a, _shard, _cp, _cpLink);
        }

        // Why: under EP the MLP's all-reduce is replaced by the combine all-to-all (priced by ExpertParallelCost); attention keeps its one.
        int allReduces = _shard.Ep > 1 ? 1 : 2;
        double comm = allReduces * _collective.AllReduceSeconds(LayerKernels.AllReduceBytes(_shard.Model.HiddenSize, a.Tokens));
        var emb = LayerKernels.Embedding(_shard, a.Tokens);
        var head = LayerKernels.LmHead(_shard, Math.Max(1, a.Sequences));
        // Why: the final norm runs before the LM head on the last token of each sequence.
        var norm = new Kernel("final_norm", KernelKind.Elementwise, Math.Max(1, a.Sequences) * (double)_shard.Model.HiddenSize * CostConstants.ElementwiseFlopsPerElement, Math.Max(1, a.Sequences) * (double)_shard.Model.HiddenSize * CostConstants.ActivationBytesPerElement * 2);
        double headSeconds = _timer.Seconds(head);
        return new Entry(layer, comm, other, _timer.Seconds(emb), headSeconds + _timer.Seconds(norm), layerBound, Bound(head, headSeconds));
    }

    private double Bound(in Kernel kernel, double seconds) => _bound is not null && _bound.IsComputeBound(kernel) ? seconds : 0;

    private readonly record struct Entry(double LayerComputeSeconds, double LayerTpCommSeconds, double LayerOtherCommSeconds, double EmbeddingSeconds, double LmHeadSeconds, double LayerComputeBoundSeconds, double LmHeadComputeBoundSeconds);
}
