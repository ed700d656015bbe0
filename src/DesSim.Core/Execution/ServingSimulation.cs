using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Parallelism;
using DesSim.Core.Scheduling;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Wires DP replicas of TP × PP pipelines onto a simulator and runs a workload through them.</summary>
/// <remarks>
/// Wiring only: requests enter through the <see cref="Dispatcher"/> (router, reject, park), replicas (<see cref="ReplicaEngine"/>,
/// <see cref="StageServer"/>) share an <see cref="ExecutorServices"/>, finished requests are counted by the
/// <see cref="RequestLedger"/>, and replica failures are the <see cref="FaultController"/>'s; none of them calls back into
/// this class. Lifecycle: construct, <see cref="Run"/> once, then read <see cref="ReplicaActiveNanoseconds"/>
/// and the observer's records. End-of-run invariants (every request completed or rejected exactly once, every server idle,
/// every KV block freed) are checked by <see cref="Run"/>; a violation is an internal error.
/// </remarks>
public sealed class ServingSimulation
{
    private readonly Simulator _sim;
    private readonly ServingConfig _config;
    private readonly ReplicaEngine[] _replicas;
    private readonly ArrivalDriver _arrivals;
    private readonly RequestLedger _requests;
    private readonly Dispatcher _dispatcher;
    private readonly FaultController? _faults;
    private readonly int[] _poolOf;

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
        ArrivalDriver? arrivals = null; // built below, once the dispatcher it feeds exists
        _requests = new RequestLedger(simulator, observer, id => arrivals!.OnCompleted(id));
        var services = new ExecutorServices(cluster, observer, network, _requests,
            disaggregation is null ? null : new DisaggregationRuntime(disaggregation),
            pools.Any(p => p.Config.KvTiers is not null) ? new KvTierFabric(simulator) : null);
        Disaggregation = services.Disaggregation;
        TierFabric = services.TierFabric;
        _replicas = new ReplicaEngine[pools.Sum(p => p.Config.Replicas)];
        _poolOf = new int[_replicas.Length];
        for (int p = 0, r = 0; p < pools.Count; p++)
        {
            for (int k = 0; k < pools[p].Config.Replicas; k++, r++)
            {
                _poolOf[r] = p;
                _replicas[r] = new ReplicaEngine(simulator, services, r, k, pools[p].Config, disaggregation is null ? PoolRole.Colocated : pools[p].Role);
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

            d.Coordinator = new KvTransferCoordinator(simulator, network, observer, disaggregation, disaggregation.Flows, decode, prefill[0].Stages, cluster.GpuCount);
        }

        _dispatcher = new Dispatcher(simulator, _replicas, disaggregation?.PrefillRouter ?? cluster.Router, cluster.PrefixRouting, disaggregation is not null, _requests);
        _arrivals = arrivals = new ArrivalDriver(simulator, source, _dispatcher.Dispatch);
        if (cluster.Faults.Problem(_replicas.Length, cluster.GpuCount) is { } problem)
        {
            // Why an input error: the fault plan is the user's (scenario faults:), checked here against the layout that runs.
            throw new InputException(null, "faults", problem);
        }

        _faults = cluster.Faults.Failures.Count > 0 ? new FaultController(simulator, cluster.Faults, _replicas, _dispatcher, observer) : null;
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
    public long Retries => _faults?.Retries ?? 0;

    /// <summary>Distinct requests retried at least once.</summary>
    public long RetriedRequests => _faults?.RetriedRequests ?? 0;

    /// <summary>Output tokens produced and then discarded because their replica failed.</summary>
    public long DiscardedTokens => _faults?.DiscardedTokens ?? 0;

    /// <summary>Observer receiving every callback.</summary>
    public IServingObserver Observer { get; }

    /// <summary>The network carrying activations between stages.</summary>
    public ITransferNetwork Network { get; }

    /// <summary>Requests that arrived.</summary>
    public long Arrived => _requests.Arrived;

    /// <summary>Requests that completed.</summary>
    public long Completed => _requests.Completed;

    /// <summary>Requests dropped as impossible to serve.</summary>
    public long Rejected => _requests.Rejected;

    /// <summary>Time of the last completion.</summary>
    public SimTime LastCompletion => _requests.LastCompletion;

    /// <summary>Whether every offered request has finished and nothing more will arrive.</summary>
    public bool IsFinished => _arrivals.IsDone && _requests.AllEnded;

    /// <summary>Per replica: its pipeline stages (where their GPUs spent their time is the observer's: Metrics/GpuTimeAccounting).</summary>
    public IReadOnlyList<int> StagesPerReplica => _replicas.Select(r => r.Stages).ToArray();

    /// <summary>Per replica: nanoseconds with at least one micro-batch in flight.</summary>
    public IReadOnlyList<long> ReplicaActiveNanoseconds => _replicas.Select(r => r.ActiveNanoseconds).ToArray();

    /// <summary>Preemptions over all replicas.</summary>
    public long Preemptions => _replicas.Sum(r => r.PreemptionCount);

    /// <summary>Requests that arrived carrying a prefix identity (Mooncake <c>hash_ids</c>, synthetic sessions).</summary>
    public long PrefixIdentifiedRequests => _requests.PrefixIdentified;

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
        int waiting = _dispatcher.Parked, running = 0, inflight = 0, tokens = 0;
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

    private void CheckInvariants()
    {
        var problems = new List<string>();
        if (!_arrivals.IsDone)
        {
            problems.Add("the workload still had requests when the event queue ran dry");
        }

        if (_dispatcher.Parked > 0)
        {
            problems.Add($"{_dispatcher.Parked} requests are still waiting for a replica to come up");
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
