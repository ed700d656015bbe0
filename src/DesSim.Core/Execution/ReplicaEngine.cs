using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>One data-parallel replica: its pipeline stages and, as in vLLM, one virtual engine per pipeline stage, each with
/// its own scheduler state, KV cache partition and micro-batch slot.</summary>
/// <remarks>
/// Why virtual engines: vLLM runs <c>pp</c> schedulers per replica, each with its own requests (a new request goes to the
/// one with the fewest unfinished requests), its own share of the KV blocks and one micro-batch in flight; the
/// micro-batches interleave in the pipeline. A single shared scheduler would instead fill the first micro-batches
/// greedily and leave later ones empty, starving the pipeline. A decision (an event at <see cref="EventPriority.Decision"/>,
/// coalesced per instant) lets every idle virtual engine form its next micro-batch, so batches see every arrival and
/// completion of the same instant; stage 0 queues them FIFO. When the last stage finishes a micro-batch, its tokens are
/// emitted and finished requests free their KV blocks. With <c>pp = 1</c> this is plain continuous batching.
/// </remarks>
internal sealed class ReplicaEngine : IEventHandler
{
    private readonly ISimContext _ctx;
    private readonly ExecutorServices _services;
    private readonly IBatchPolicy[] _policies;
    private readonly StageServer[] _stages;
    private readonly MicroBatch[] _slots;
    private readonly SchedulerState[] _engines;
    private readonly int[] _reserved; // per virtual engine: KV hand-offs reserved here and not yet arrived
    private readonly EventHandle[] _landing; // per slot: the pending "tier moves landed" event of the micro-batch waiting to enter stage 0
    private readonly KvTierHierarchy? _tiers;
    private readonly FrontEndServer? _frontEnd;
    private bool _decisionPending;
    private long _activeSinceNs;

    public ReplicaEngine(ISimContext ctx, ExecutorServices services, int index, int indexInPool, ServingConfig config, Parallelism.PoolRole role = Parallelism.PoolRole.Colocated)
    {
        Role = role;
        _ctx = ctx;
        _services = services;
        Index = index;
        Config = config;
        MaxContextTokens = config.KvBlocksPerReplica / config.Stages * config.BlockSizeTokens;
        Kv = new KvCache(config.KvBlocksPerReplica, config.BlockSizeTokens);
        _engines = new SchedulerState[config.Stages];
        for (int e = 0; e < _engines.Length; e++)
        {
            var prefix = config.Scheduler.EnablePrefixCaching && config.Scheduler.Policy != BatchPolicyKind.Static ? new PrefixCache(config.BlockSizeTokens) : null;
            _engines[e] = new SchedulerState(config.Scheduler, new KvCache(config.KvBlocksPerReplica / config.Stages, config.BlockSizeTokens, Kv, prefix), 1);
        }

        if (config.KvTiers is { } tiers && _engines[0].Kv.Prefix is { } first)
        {
            _tiers = services.TierFabric!.Create(tiers, config.StageGpuIds[indexInPool].SelectMany(g => g).ToArray(), first.UnitTokens);
            foreach (var e in _engines)
            {
                e.Kv.Prefix!.Lower = _tiers;
            }
        }

        // One policy per virtual engine: SGLang's keeps its new-token ratio as scheduler state.
        _policies = new IBatchPolicy[_engines.Length];
        for (int e = 0; e < _policies.Length; e++)
        {
            _policies[e] = CreatePolicy(config.Scheduler.Policy);
        }

        var gpus = config.StageGpuIds[indexInPool];
        _stages = new StageServer[gpus.Length];
        for (int s = 0; s < gpus.Length; s++)
        {
            _stages[s] = new StageServer(ctx, services, this, s, gpus[s], s + 1 < gpus.Length ? gpus[s + 1] : null);
        }

        _frontEnd = config.FrontEnd.IsNone ? null : new FrontEndServer(ctx, config.FrontEnd, EnqueueScheduler);
        _reserved = new int[config.Stages];
        _landing = new EventHandle[config.Stages];
        _slots = new MicroBatch[config.Stages];
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new MicroBatch(i);
        }
    }

    /// <summary>Colocated, prefill only or decode only.</summary>
    public Parallelism.PoolRole Role { get; }

    /// <summary>Layerwise KV streaming hooks apply: a prefill instance under <see cref="KvTransferMode.Layerwise"/>.</summary>
    public bool StreamsKv => Role == Parallelism.PoolRole.Prefill && _services.Disaggregation is { Layerwise: true };

    /// <summary>Global replica index (over all pools).</summary>
    public int Index { get; }

    /// <summary>The configuration of this replica's pool.</summary>
    public ServingConfig Config { get; }

    /// <summary>Prompt plus output tokens one virtual engine's KV partition holds.</summary>
    public long MaxContextTokens { get; }

    private static IBatchPolicy CreatePolicy(BatchPolicyKind kind) => kind switch
    {
        BatchPolicyKind.Vllm => new VllmPolicy(),
        BatchPolicyKind.VllmV1 => new Scheduling.Engines.Vllm.VllmV1Policy(),
        BatchPolicyKind.Sglang => new Scheduling.Engines.Sglang.SglangPolicy(),
        BatchPolicyKind.Trtllm => new Scheduling.Engines.Trtllm.TrtllmPolicy(),
        BatchPolicyKind.Sarathi => new SarathiPolicy(),
        _ => new StaticPolicy(),
    };

    /// <summary>Whether the replica is down (failed and not yet recovered).</summary>
    public bool IsDown { get; private set; }

    /// <summary>The replica's whole KV cache: the sum of its virtual engines' partitions (used and peak blocks).</summary>
    public KvCache Kv { get; }

    /// <summary>The virtual engines' prefix indexes (empty when prefix caching is off).</summary>
    public IEnumerable<PrefixCache> PrefixCaches => _engines.Select(e => e.Kv.Prefix).OfType<PrefixCache>();

    /// <summary>Prompt tokens of <paramref name="request"/> this replica has cached (the best of its virtual engines); 0
    /// without caching or an identity. <paramref name="keys"/> / <paramref name="keyUnitTokens"/> carry the request's keys
    /// between replicas of one block size.</summary>
    public int CachedPrefixTokens(in Workload.RequestSpec request, ref ulong[]? keys, ref int keyUnitTokens)
    {
        if (request.Prefix is not { } identity)
        {
            return 0;
        }

        int best = 0;
        foreach (var e in _engines)
        {
            if (e.Kv.Prefix is not { } p)
            {
                continue;
            }

            if (keys is null || keyUnitTokens != p.UnitTokens)
            {
                keys = PrefixKeys.For(identity, p.UnitTokens);
                keyUnitTokens = p.UnitTokens;
            }

            best = Math.Max(best, p.Match(keys, (request.InputTokens - 1) / p.UnitTokens).Tokens);
        }

        return best;
    }

    /// <summary>Requests waiting for admission.</summary>
    public int WaitingRequests => _engines.Sum(e => e.Waiting.Count);

    /// <summary>Requests admitted (holding KV).</summary>
    public int RunningRequests => _engines.Sum(e => e.Running.Count);

    /// <summary>Whether any virtual engine holds a request.</summary>
    public bool HasRequests => _engines.Any(e => e.HasRequests);

    /// <summary>Preemptions over the virtual engines.</summary>
    public long PreemptionCount => _engines.Sum(e => e.PreemptionCount);

    public int InFlight { get; private set; }

    /// <summary>Nanoseconds during which at least one micro-batch was in flight.</summary>
    public long ActiveNanoseconds { get; private set; }

    /// <summary>Outstanding requests (waiting or running).</summary>
    public int OutstandingRequests { get; private set; }

    /// <summary>Prompt plus remaining output tokens of outstanding requests.</summary>
    public long OutstandingTokens { get; set; }

    public int Stages => _stages.Length;

    public StageServer Stage(int index) => _stages[index];

    public MicroBatch Slot(int index) => _slots[index];

    /// <summary>New tokens in the micro-batches now in flight.</summary>
    public int InFlightTokens
    {
        get
        {
            int t = 0;
            foreach (var mb in _slots)
            {
                if (mb.InUse)
                {
                    t += mb.Plan.Shape.TotalTokens;
                }
            }

            return t;
        }
    }

    /// <summary>A request routed here: it counts as outstanding at once and reaches the scheduler after the front end, if any.</summary>
    public void Enqueue(Sequence s)
    {
        OutstandingRequests++;
        OutstandingTokens += s.PromptTokens + s.OutputTokens;
        if (_frontEnd is null)
        {
            EnqueueScheduler(s);
        }
        else
        {
            _frontEnd.Accept(s);
        }
    }

    private void EnqueueScheduler(Sequence s)
    {
        // vLLM: the virtual engine with the fewest unfinished requests (the lowest index on ties).
        var target = _engines[0];
        foreach (var e in _engines)
        {
            if (e.Waiting.Count + e.Running.Count < target.Waiting.Count + target.Running.Count)
            {
                target = e;
            }
        }

        target.Waiting.PushBack(s);
        RequestDecision();
    }

    public void RequestDecision()
    {
        if (!_decisionPending)
        {
            _decisionPending = true;
            _ctx.Schedule(SimTime.Zero, this, 0, EventPriority.Decision);
        }
    }

    /// <summary>The KV tiers below this replica's GPU caches, or null.</summary>
    internal KvTierHierarchy? Tiers => _tiers;

    public void OnEvent(long argument)
    {
        if (argument > 0)
        {
            // A micro-batch's tier moves have landed: it enters stage 0 (a failure cancels the event, Fail).
            int slot = (int)(argument - 1);
            _landing[slot] = EventHandle.None;
            _stages[0].Accept(slot);
            return;
        }

        _decisionPending = false;
        TryLaunch();
    }

    public void OnMicroBatchDone(int slot)
    {
        var mb = _slots[slot];
        var now = _ctx.Now;
        foreach (var item in mb.Plan.Items)
        {
            var s = item.Sequence;
            s.InFlight = false;
            s.ContextTokens += item.NewTokens;
            _engines[slot].Kv.Register(s);
            if (!s.IsPrefilling)
            {
                EmitToken(s, now, _engines[slot]);
            }
        }

        mb.InUse = false;
        _engines[slot].LastStepEnd = now;
        InFlight--;
        if (InFlight == 0)
        {
            ActiveNanoseconds += now.Nanoseconds - _activeSinceNs;
        }

        RequestDecision();
        if (Role == Parallelism.PoolRole.Decode)
        {
            _services.Disaggregation!.Coordinator.OnDecodeProgress();
        }
    }

    private void EmitToken(Sequence s, SimTime now, SchedulerState state)
    {
        bool first = s.GeneratedTokens == 0;
        s.GeneratedTokens++;
        OutstandingTokens--;
        _services.Observer.OnToken(s, now, first);
        if (s.LastToken is { } last && now.Nanoseconds - last.Nanoseconds > s.MaxInterTokenNanoseconds)
        {
            s.MaxInterTokenNanoseconds = now.Nanoseconds - last.Nanoseconds;
        }

        if (first)
        {
            s.FirstToken = now;
        }

        s.LastToken = now;
        if (s.IsDone)
        {
            state.Finish(s);
            OutstandingTokens -= s.PromptTokens;
            OutstandingRequests--;
            _services.Requests.Complete(s);
        }
        else if (first && Role == Parallelism.PoolRole.Prefill)
        {
            // TTFT ends here; the decode pool generates the rest.
            OutstandingTokens -= s.PromptTokens + s.OutputTokens - s.GeneratedTokens;
            OutstandingRequests--;
            _services.Disaggregation!.Coordinator.OnPrefilled(s, this, state);
        }
    }

    /// <summary>Decode role: whether a virtual engine has room for a handed-off request of <paramref name="tokens"/> cached
    /// tokens (free blocks for them and a running slot).</summary>
    public bool HasRoomFor(int tokens) => PickEngineFor(tokens) >= 0;

    /// <summary>Decode role: reserves <paramref name="tokens"/> tokens of KV on <paramref name="holder"/> in the virtual engine
    /// with the fewest requests that has room; returns that engine's index.</summary>
    public int ReserveHandoff(Scheduling.Sequence holder, int tokens)
    {
        int e = PickEngineFor(tokens);
        if (e < 0 || !_engines[e].Kv.TryReserve(holder, tokens))
        {
            throw new InvalidOperationException("a KV hand-off was reserved on a decode instance without room");
        }

        _reserved[e]++;
        return e;
    }

    /// <summary>Decode role: the request's KV arrived (its blocks already moved to it); it joins the running set and decodes.</summary>
    public void AcceptHandoff(Sequence s, int engine)
    {
        _reserved[engine]--;
        s.Replica = Index;
        s.PrefillTargetTokens = s.PromptTokens;
        s.ContextTokens = s.PromptTokens;
        _engines[engine].AdmitTransferred(s);
        OutstandingRequests++;
        OutstandingTokens += s.PromptTokens + s.OutputTokens - s.GeneratedTokens;
        RequestDecision();
    }

    private int PickEngineFor(int tokens)
    {
        if (IsDown)
        {
            return -1;
        }

        int best = -1;
        for (int e = 0; e < _engines.Length; e++)
        {
            var st = _engines[e];
            if (st.Running.Count + _reserved[e] >= st.MaxRunning || st.Kv.BlocksFor(tokens) > st.Kv.FreeBlocks)
            {
                continue;
            }

            if (best < 0 || Load(e) < Load(best))
            {
                best = e;
            }
        }

        return best;
    }

    private int Load(int e) => _engines[e].Waiting.Count + _engines[e].Running.Count + _reserved[e];

    /// <summary>Fails the replica: in-flight micro-batches are lost, KV is dropped, and the requests it held are
    /// returned (running in admission order, then waiting in queue order) for the caller to retry elsewhere.</summary>
    public List<Sequence> Fail()
    {
        var now = _ctx.Now.Nanoseconds;
        if (InFlight > 0)
        {
            ActiveNanoseconds += now - _activeSinceNs;
        }

        foreach (var stage in _stages)
        {
            stage.Abort();
        }

        foreach (var mb in _slots)
        {
            mb.InUse = false;
        }

        InFlight = 0;
        var lost = new List<Sequence>();
        foreach (var e in _engines)
        {
            lost.AddRange(e.Running);
            foreach (var s in e.Running)
            {
                e.Kv.Release(s);
            }

            e.Running.Clear();
            e.Kv.ClearPrefix(); // the GPU's cached blocks are lost with it
        }

        _tiers?.ClearLocal(); // and its engine's host and disk tiers (a shared store keeps its own)
        for (int slot = 0; slot < _landing.Length; slot++)
        {
            _ctx.Cancel(_landing[slot]);
            _landing[slot] = EventHandle.None;
        }

        foreach (var e in _engines)
        {
            lost.AddRange(e.Waiting.DrainAll());
        }

        if (_frontEnd is not null)
        {
            lost.AddRange(_frontEnd.Abort());
        }

        OutstandingTokens = 0;
        OutstandingRequests = 0;
        IsDown = true;
        return lost;
    }

    /// <summary>Brings a failed replica back up, empty.</summary>
    public void Recover() => IsDown = false;

    private void TryLaunch()
    {
        var now = _ctx.Now;
        if (IsDown)
        {
            return;
        }

        for (int e = 0; e < _engines.Length; e++)
        {
            var mb = _slots[e];
            var state = _engines[e];
            if (mb.InUse || !state.HasRequests)
            {
                continue;
            }

            state.Now = now;
            _tiers?.BeginStep();
            _policies[e].Plan(state, mb.Plan);
            foreach (var p in mb.Plan.Preempted)
            {
                _services.Observer.OnPreempted(p, now);
            }

            foreach (var a in mb.Plan.Admitted)
            {
                if (a.FirstScheduled is null)
                {
                    a.FirstScheduled = now;
                    _services.Observer.OnScheduled(a, now);
                }
            }

            if (mb.Plan.IsEmpty)
            {
                continue;
            }

            if (Role == Parallelism.PoolRole.Prefill)
            {
                foreach (var item in mb.Plan.Items)
                {
                    if (item.IsPrefill && item.Sequence.ContextTokens + item.NewTokens >= item.Sequence.PrefillTargetTokens)
                    {
                        _services.Disaggregation!.Coordinator.OnFinalPassLaunched(item.Sequence, this);
                    }
                }
            }

            mb.InUse = true;
            mb.Number = _services.NextMicroBatchNumber();
            if (InFlight == 0)
            {
                _activeSinceNs = now.Nanoseconds;
            }

            InFlight++;
            if (_tiers is { } tiers && tiers.StepReadyNanoseconds > now.Nanoseconds)
            {
                // Loads of lower-tier hits and write-backs of the blocks this step evicted land first (KvTierHierarchy).
                _landing[e] = _ctx.Schedule(SimTime.FromNanoseconds(tiers.StepReadyNanoseconds - now.Nanoseconds), this, e + 1, EventPriority.Completion);
                continue;
            }

            _stages[0].Accept(mb.Slot);
        }
    }
}
