using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Parallelism;
using DesSim.Core.Scheduling;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Replays a workload through DP replicas of TP × PP pipelines on a simulator; the only domain code that schedules events.</summary>
/// <remarks>
/// Lifecycle: construct, <see cref="Run"/> once, then read <see cref="Stages"/>, <see cref="ReplicaActiveNanoseconds"/> and the observer's records.
/// End-of-run invariants (every request completed or rejected exactly once, every server idle, every KV block freed)
/// are checked by <see cref="Run"/>; a violation is an internal error.
/// </remarks>
public sealed class ServingSimulation
{
    private readonly Simulator _sim;
    private readonly ServingConfig _config;
    private readonly ReplicaEngine[] _replicas;
    private readonly ArrivalDriver _arrivals;
    private readonly Router _router;
    private readonly int[]? _cachedTokens; // prefix-aware scratch: the request's cached prompt tokens per replica
    private readonly Dictionary<long, int>? _sessionReplica; // session affinity: each session's latest replica
    private readonly int[] _outstandingRequests; // scratch for the router, filled from the replicas before each pick
    private readonly long[] _outstandingTokens; // scratch for the router, as above
    private readonly bool[] _up;
    private readonly long _maxContextTokens; // the largest virtual engine's KV partition over the replicas
    private readonly long _minContextTokens;
    private readonly int[] _poolOf;
    private readonly long _prefillContextTokens; // disaggregated: the largest prefill virtual engine (prompt + first token)
    private readonly long _decodeContextTokens;  // disaggregated: the largest decode virtual engine (prompt + output)
    private readonly bool[] _eligible;
    private readonly Queue<Sequence> _parked = new();
    private readonly FaultInjector? _faults;
    private long _microBatches;

    /// <summary>Wires the replicas, router and arrivals onto <paramref name="simulator"/>.</summary>
    public ServingSimulation(Simulator simulator, ServingConfig config, IRequestSource source, ITransferNetwork network, IServingObserver observer)
        : this(simulator, [new ServingPool("all", PoolRole.Colocated, string.Empty, config)], config, source, network, observer)
    {
        HasPools = false;
    }

    /// <summary>Whether the simulation was built from pools (heterogeneous or disaggregated), not one homogeneous layout.</summary>
    public bool HasPools { get; private set; } = true;

    /// <summary>Wires pools of replicas (colocated pools on different GPUs behind one router), the router and arrivals onto
    /// <paramref name="simulator"/>; <paramref name="cluster"/> carries the run-wide settings (all GPU ids, faults, sampling).</summary>
    /// <param name="simulator">The simulator.</param>
    /// <param name="pools">The pools, in replica order.</param>
    /// <param name="cluster">Run-wide settings (all GPU ids, faults, sampling, router).</param>
    /// <param name="source">The requests.</param>
    /// <param name="network">Carries pipeline activations and KV transfers.</param>
    /// <param name="observer">Receives every callback.</param>
    /// <param name="disaggregation">When set, exactly one pool is <see cref="PoolRole.Prefill"/> and one <see cref="PoolRole.Decode"/>:
    /// requests prefill on the first, their KV moves over <paramref name="network"/>, and they decode on the second.</param>
    public ServingSimulation(Simulator simulator, IReadOnlyList<ServingPool> pools, ServingConfig cluster, IRequestSource source, ITransferNetwork network, IServingObserver observer, DisaggregationConfig? disaggregation = null)
    {
        _sim = simulator;
        _config = cluster;
        Pools = pools;
        Network = network;
        Observer = observer;
        Disaggregation = disaggregation is null ? null : new DisaggregationRuntime(disaggregation);
        TierFabric = pools.Any(p => p.Config.KvTiers is not null) ? new KvTierFabric(simulator) : null;
        _replicas = new ReplicaEngine[pools.Sum(p => p.Config.Replicas)];
        _poolOf = new int[_replicas.Length];
        for (int p = 0, r = 0; p < pools.Count; p++)
        {
            for (int k = 0; k < pools[p].Config.Replicas; k++, r++)
            {
                _poolOf[r] = p;
                _replicas[r] = new ReplicaEngine(simulator, this, r, k, pools[p].Config, disaggregation is null ? PoolRole.Colocated : pools[p].Role);
            }
        }

        if (Disaggregation is { } d)
        {
            var prefill = _replicas.Where(r => r.Role == PoolRole.Prefill).ToArray();
            var decode = _replicas.Where(r => r.Role == PoolRole.Decode).ToArray();
            if (prefill.Length == 0 || decode.Length == 0 || prefill.Length + decode.Length != _replicas.Length || disaggregation!.Flows is null)
            {
                throw new ArgumentException("disaggregated serving needs prefill and decode pools only, and the KV flows between them", nameof(disaggregation));
            }

            d.Coordinator = new KvTransferCoordinator(simulator, this, disaggregation, disaggregation.Flows, decode, prefill[0].Stages, cluster.GpuCount);
            _prefillContextTokens = prefill.Max(r => r.MaxContextTokens);
            _decodeContextTokens = decode.Max(r => r.MaxContextTokens);
        }

        var routerKind = disaggregation?.PrefillRouter ?? cluster.Router;
        _router = new Router(routerKind, routerKind == RouterKind.PowerOfTwo ? simulator.Streams.Get("router") : null, cluster.PrefixRouting);
        _cachedTokens = routerKind == RouterKind.PrefixAware ? new int[_replicas.Length] : null;
        _sessionReplica = cluster.PrefixRouting.SessionAffinity ? [] : null;
        _outstandingRequests = new int[_replicas.Length];
        _outstandingTokens = new long[_replicas.Length];
        _up = Enumerable.Repeat(true, _replicas.Length).ToArray();
        _eligible = new bool[_replicas.Length];
        _arrivals = new ArrivalDriver(simulator, source, Dispatch);
        _maxContextTokens = _replicas.Max(r => r.MaxContextTokens);
        _minContextTokens = _replicas.Min(r => r.MaxContextTokens);
        if (cluster.Faults.Problem(_replicas.Length, cluster.GpuCount) is { } problem)
        {
            // Why an input error: the fault plan is the user's (scenario faults:), checked here against the layout that runs.
            throw new InputException(null, "faults", problem);
        }

        _faults = cluster.Faults.Failures.Count > 0 ? new FaultInjector(simulator, this, cluster.Faults) : null;
    }

    /// <summary>The KV tiers' builder and instances, or null when no pool has tiers.</summary>
    internal KvTierFabric? TierFabric { get; }

    /// <summary>What each KV tier did (empty without tiers or without prefix caching): one entry per tier name, summed over
    /// the replicas' own tiers (a shared store once).</summary>
    public IReadOnlyList<KvTierStats> KvTierStats => TierFabric is null ? [] : TierFabric.All.GroupBy(t => t.Name).Select(g => Execution.KvTierStats.Sum(g.Key, g.Select(x => x.Tier))).ToArray();

    /// <summary>Disaggregated serving state, or null when every pool is colocated.</summary>
    internal DisaggregationRuntime? Disaggregation { get; }

    /// <summary>KV hand-offs from prefill to decode (null when not disaggregated).</summary>
    public KvTransferStats? KvTransfers => Disaggregation is { } d ? new KvTransferStats(d.Coordinator.Transfers, d.Coordinator.Bytes, d.Coordinator.BusyNanoseconds.ToArray()) : null;

    /// <summary>The pools, in replica order (pool p holds a contiguous range of global replica indices).</summary>
    public IReadOnlyList<ServingPool> Pools { get; }

    /// <summary>The pool of global replica <paramref name="replica"/>.</summary>
    public int PoolOf(int replica) => _poolOf[replica];

    /// <summary>Restarts of requests whose replica failed (one request may be retried more than once).</summary>
    public long Retries { get; private set; }

    /// <summary>Distinct requests retried at least once.</summary>
    public long RetriedRequests { get; private set; }

    /// <summary>Output tokens produced and then discarded because their replica failed.</summary>
    public long DiscardedTokens { get; private set; }

    /// <summary>Observer receiving every callback.</summary>
    public IServingObserver Observer { get; }

    /// <summary>The network carrying activations between stages.</summary>
    public ITransferNetwork Network { get; }

    /// <summary>Requests that arrived.</summary>
    public long Arrived { get; private set; }

    /// <summary>Requests that completed.</summary>
    public long Completed { get; private set; }

    /// <summary>Requests dropped as impossible to serve.</summary>
    public long Rejected { get; private set; }

    /// <summary>Time of the last completion.</summary>
    public SimTime LastCompletion { get; private set; }

    /// <summary>Whether every offered request has finished and nothing more will arrive.</summary>
    public bool IsFinished => _arrivals.IsDone && Completed + Rejected == Arrived;

    /// <summary>Per replica, per stage time breakdown.</summary>
    public IReadOnlyList<IReadOnlyList<StageTimes>> Stages =>
        _replicas.Select(r => (IReadOnlyList<StageTimes>)Enumerable.Range(0, r.Stages).Select(s => r.Stage(s).Times).ToArray()).ToArray();

    /// <summary>Per replica: nanoseconds with at least one micro-batch in flight.</summary>
    public IReadOnlyList<long> ReplicaActiveNanoseconds => _replicas.Select(r => r.ActiveNanoseconds).ToArray();

    /// <summary>Preemptions over all replicas.</summary>
    public long Preemptions => _replicas.Sum(r => r.PreemptionCount);

    /// <summary>Requests that arrived carrying a prefix identity (Mooncake <c>hash_ids</c>, synthetic sessions).</summary>
    public long PrefixIdentifiedRequests { get; private set; }

    /// <summary>Whether prefix caching ran on a workload that says what its requests share (else nothing is reusable).</summary>
    public bool PrefixCachingActive => PrefixIdentifiedRequests > 0 && _replicas.Any(r => r.PrefixCaches.Any());

    /// <summary>Every replica's prefix indexes (empty when caching is off).</summary>
    public IEnumerable<PrefixCache> PrefixCaches => _replicas.SelectMany(r => r.PrefixCaches);

    /// <summary>Per replica peak KV blocks in use.</summary>
    public IReadOnlyList<long> PeakKvBlocks => _replicas.Select(r => r.Kv.PeakUsedBlocks).ToArray();

    /// <summary>Per replica KV capacity in blocks.</summary>
    public IReadOnlyList<long> KvCapacityBlocks => _replicas.Select(r => r.Kv.CapacityBlocks).ToArray();

    /// <summary>The configuration.</summary>
    public ServingConfig Config => _config;

    /// <summary>Runs the workload to the end and checks the end-of-run invariants.</summary>
    public void Run()
    {
        if (_config.SampleStepSeconds > 0)
        {
            new Sampler(_sim, this, Math.Max(1, Nanoseconds.FromSeconds(_config.SampleStepSeconds))).Start();
        }

        _faults?.Start();
        _arrivals.Pull();
        _sim.Run();
        CheckInvariants();
    }

    /// <summary>The state summed over replicas.</summary>
    public ClusterSnapshot Snapshot()
    {
        int waiting = _parked.Count, running = 0, inflight = 0, tokens = 0;
        long used = 0, cap = 0;
        foreach (var r in _replicas)
        {
            waiting += r.WaitingRequests;
            running += r.RunningRequests;
            inflight += r.InFlight;
            tokens += r.InFlightTokens;
            used += r.Kv.UsedBlocks;
            cap += r.Kv.CapacityBlocks;
        }

        return new ClusterSnapshot(waiting, running, inflight, tokens, used, cap);
    }

    internal long NextMicroBatchNumber() => _microBatches++;

    internal static long ActivationBytesPerPair(ServingConfig config, int tokens) => tokens * config.ActivationBytesPerToken / config.TensorParallel;

    private readonly BatchShape _paddedShape = new();

    internal StageCost Price(ServingConfig config, BatchPlan plan, int stage)
    {
        var shape = PricedShape(config, plan.Shape);
        var cost = config.CostModel.Price(shape, stage);
        if (config.ExpertRouting is { } experts)
        {
            cost = experts.Apply(cost, shape, stage);
        }

        if (config.Power is { Throttles: true } power)
        {
            // Why before the overheads: those are CPU time, which the GPU's clock does not change.
            cost = power.Throttle(cost);
        }

        double overhead = 0;
        if (stage == 0)
        {
            if (config.CpuOverlapsGpu)
            {
                // The next step's CPU work runs while this step's GPU work does: the step lasts the longer of the two.
                overhead += Math.Max(0, config.IterationOverheadSeconds - cost.ComputeSeconds);
            }
            else
            {
                overhead += config.IterationOverheadSeconds;
            }
        }

        if (stage == config.Stages - 1)
        {
            overhead += config.PerSequenceOverheadSeconds * plan.Shape.Sequences;
        }

        return overhead == 0 ? cost : cost with { ComputeSeconds = cost.ComputeSeconds + overhead };
    }

    // A decode-only batch replays the CUDA graph of the next captured size: price the padding rows as decodes with no context.
    private BatchShape PricedShape(ServingConfig config, BatchShape shape)
    {
        if (shape.Prefills.Count > 0 || shape.DecodeSequences == 0)
        {
            return shape;
        }

        int padded = config.CudaGraphs.PaddedSize(shape.DecodeSequences);
        if (padded == shape.DecodeSequences)
        {
            return shape;
        }

        _paddedShape.CopyFrom(shape);
        for (int i = shape.DecodeSequences; i < padded; i++)
        {
            _paddedShape.AddDecode(0);
        }

        return _paddedShape;
    }

    internal void OnRequestFinished(Sequence s)
    {
        Completed++;
        LastCompletion = _sim.Now;
        Observer.OnCompleted(s, _sim.Now);
        _arrivals.OnCompleted(s.Id);
    }

    private void Dispatch(RequestSpec request)
    {
        Arrived++;
        PrefixIdentifiedRequests += request.Prefix is null ? 0 : 1;
        long context = (long)request.InputTokens + request.OutputTokens;
        if (Disaggregation is not null)
        {
            DispatchDisaggregated(request, context);
            return;
        }

        // Why two ways: on replicas of different KV capacity, a request too long for some goes only to those that hold it.
        int replica = Affine(request, context) ?? (context <= _minContextTokens || context > _maxContextTokens ? PickReplica(request) : PickReplica(request, context));
        if (_sessionReplica is not null && request.SessionId >= 0 && replica >= 0)
        {
            _sessionReplica[request.SessionId] = replica;
        }

        var s = new Sequence(request, replica, _sim.Now);
        Observer.OnArrived(s, _sim.Now);
        if (context > _maxContextTokens)
        {
            s.Status = SequenceStatus.Rejected;
            Rejected++;
            Observer.OnRejected(s, _sim.Now, $"prompt + output = {context} tokens exceeds the KV capacity of one virtual engine ({_maxContextTokens} tokens: the replica's cache split over its {_replicas[replica].Stages} pipeline stages)");
            _arrivals.OnCompleted(s.Id);
            return;
        }

        Enqueue(s, replica);
    }

    // A request prefills on a prefill instance that holds prompt + 1 tokens, and needs a decode instance that holds it all.
    private void DispatchDisaggregated(RequestSpec request, long context)
    {
        long prefillTokens = (long)request.InputTokens + 1;
        bool fits = prefillTokens <= _prefillContextTokens && (request.OutputTokens <= 1 || context <= _decodeContextTokens);
        for (int r = 0; r < _replicas.Length; r++)
        {
            _outstandingRequests[r] = _replicas[r].OutstandingRequests;
            _outstandingTokens[r] = _replicas[r].OutstandingTokens;
            _eligible[r] = _replicas[r].Role == PoolRole.Prefill && (!fits || _replicas[r].MaxContextTokens >= prefillTokens);
        }

        // Why Cached: a prefix-aware prefill router weighs each prefill instance's cached prompt tokens (decode instances
        // are not eligible); session affinity keeps a session's turns on one prefill instance, as in colocated runs.
        int replica = (fits ? Affine(request, prefillTokens) : null) ?? _router.Pick(_outstandingRequests, _outstandingTokens, _eligible, Cached(request), request.InputTokens);
        if (_sessionReplica is not null && request.SessionId >= 0 && replica >= 0 && fits)
        {
            _sessionReplica[request.SessionId] = replica;
        }

        var s = new Sequence(request, replica, _sim.Now);
        Observer.OnArrived(s, _sim.Now);
        if (!fits)
        {
            s.Status = SequenceStatus.Rejected;
            Rejected++;
            Observer.OnRejected(s, _sim.Now, prefillTokens > _prefillContextTokens
                ? $"prompt + 1 = {prefillTokens} tokens exceeds the KV capacity of every prefill virtual engine ({_prefillContextTokens} tokens)"
                : $"prompt + output = {context} tokens exceeds the KV capacity of every decode virtual engine ({_decodeContextTokens} tokens)");
            _arrivals.OnCompleted(s.Id);
            return;
        }

        Enqueue(s, replica);
    }

    /// <summary>Fails replica <paramref name="replica"/> and retries every request it held on the others.</summary>
    internal void FailReplica(int replica)
    {
        if (!_up[replica])
        {
            return;
        }

        _up[replica] = false;
        var lost = _replicas[replica].Fail();
        foreach (var s in lost)
        {
            Retry(s);
        }
    }

    /// <summary>Brings replica <paramref name="replica"/> back and routes the requests parked while every replica was down.</summary>
    internal void RecoverReplica(int replica)
    {
        _up[replica] = true;
        _replicas[replica].Recover();
        while (_parked.Count > 0)
        {
            Route(_parked.Dequeue());
        }
    }

    private void Retry(Sequence s)
    {
        Retries++;
        RetriedRequests += s.Retries == 0 ? 1 : 0;
        DiscardedTokens += s.GeneratedTokens;
        Observer.OnRetried(s, _sim.Now);
        s.ResetForRetry();
        Route(s);
    }

    private void Route(Sequence s) => Enqueue(s, PickReplica(s.Request));

    // Session affinity: the replica of the session's previous turn while it is up and holds the request; else null.
    private int? Affine(in RequestSpec request, long context) =>
        _sessionReplica is not null && request.SessionId >= 0 && _sessionReplica.TryGetValue(request.SessionId, out int r)
            && _up[r] && _replicas[r].MaxContextTokens >= context ? r : null;

    /// <summary>The router's choice given each replica's current load (-1 when every replica is down).</summary>
    private int PickReplica(in RequestSpec request)
    {
        for (int r = 0; r < _replicas.Length; r++)
        {
            _outstandingRequests[r] = _replicas[r].OutstandingRequests;
            _outstandingTokens[r] = _replicas[r].OutstandingTokens;
        }

        return _router.Pick(_outstandingRequests, _outstandingTokens, _up, Cached(request), request.InputTokens);
    }

    /// <summary>As <see cref="PickReplica(in RequestSpec)"/>, among the live replicas whose virtual engines hold <paramref name="context"/> tokens.</summary>
    private int PickReplica(in RequestSpec request, long context)
    {
        for (int r = 0; r < _replicas.Length; r++)
        {
            _outstandingRequests[r] = _replicas[r].OutstandingRequests;
            _outstandingTokens[r] = _replicas[r].OutstandingTokens;
            _eligible[r] = _up[r] && _replicas[r].MaxContextTokens >= context;
        }

        return _router.Pick(_outstandingRequests, _outstandingTokens, _eligible, Cached(request), request.InputTokens);
    }

    // Prefix-aware routing: each replica's cached prompt tokens for the request (empty for other routers).
    private ReadOnlySpan<int> Cached(in RequestSpec request)
    {
        if (_cachedTokens is null)
        {
            return default;
        }

        ulong[]? keys = null;
        int unit = 0;
        for (int r = 0; r < _replicas.Length; r++)
        {
            _cachedTokens[r] = _replicas[r].CachedPrefixTokens(request, ref keys, ref unit);
        }

        return _cachedTokens;
    }

    private void Enqueue(Sequence s, int replica)
    {
        if (replica < 0)
        {
            _parked.Enqueue(s); // Why: every replica is down; a recovery routes it (FaultPlan guarantees one).
            return;
        }

        s.Replica = replica;
        _replicas[replica].Enqueue(s);
    }

    private void CheckInvariants()
    {
        var problems = new List<string>();
        if (!_arrivals.IsDone)
        {
            problems.Add("the workload still had requests when the event queue ran dry");
        }

        if (_parked.Count > 0)
        {
            problems.Add($"{_parked.Count} requests are still waiting for a replica to come up");
        }

        if (Completed + Rejected != Arrived)
        {
            problems.Add($"{Arrived} requests arrived but {Completed} completed and {Rejected} were rejected");
        }

        foreach (var r in _replicas)
        {
            if (r.InFlight != 0 || r.HasRequests)
            {
                problems.Add($"replica {r.Index} still holds work ({r.InFlight} micro-batches, {r.OutstandingRequests} requests)");
            }

            if (r.Kv.UsedBlocks != 0)
            {
                problems.Add($"replica {r.Index} still holds {r.Kv.UsedBlocks} KV blocks");
            }

            foreach (var c in r.PrefixCaches)
            {
                if (c.EvictableUnits != c.CachedUnits)
                {
                    problems.Add($"replica {r.Index} prefix cache: {c.CachedUnits - c.EvictableUnits} cached units are still held");
                }
            }

            for (int s = 0; s < r.Stages; s++)
            {
                if (!r.Stage(s).IsIdle || r.Stage(s).QueueLength != 0)
                {
                    problems.Add($"replica {r.Index} stage {s} is not idle");
                }
            }
        }

        if (Disaggregation is { } d)
        {
            problems.AddRange(d.Coordinator.Leftovers());
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("end-of-run invariant violated: " + string.Join("; ", problems));
        }
    }
}
