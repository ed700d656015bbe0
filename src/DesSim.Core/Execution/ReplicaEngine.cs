using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>One data-parallel replica: its scheduler state and policy, its pipeline stages and micro-batch slots.</summary>
/// <remarks>
/// A decision (an event at <see cref="EventPriority.Decision"/>, coalesced per instant) forms the next micro-batch when a
/// slot is free and stage 0 is idle, so batches see every arrival and completion of the same instant. At most <c>pp</c>
/// micro-batches are in flight. When the last stage finishes a micro-batch, its tokens are emitted and finished
/// requests free their KV blocks.
/// </remarks>
internal sealed class ReplicaEngine : IEventHandler
{
    private readonly ISimContext _ctx;
    private readonly ServingSimulation _simulation;
    private readonly IBatchPolicy _policy;
    private readonly StageServer[] _stages;
    private readonly MicroBatch[] _slots;
    private bool _decisionPending;
    private long _activeSinceNs;

    public ReplicaEngine(ISimContext ctx, ServingSimulation simulation, int index, ServingConfig config)
    {
        _ctx = ctx;
        _simulation = simulation;
        Index = index;
        var kv = new KvCache(config.KvBlocksPerReplica, config.BlockSizeTokens);
        State = new SchedulerState(config.Scheduler, kv, config.Stages);
        _policy = config.Scheduler.Policy switch
        {
            BatchPolicyKind.Vllm => new VllmPolicy(),
            BatchPolicyKind.Sarathi => new SarathiPolicy(),
            _ => new StaticPolicy(),
        };
        var gpus = config.StageGpuIds[index];
        _stages = new StageServer[gpus.Length];
        for (int s = 0; s < gpus.Length; s++)
        {
            _stages[s] = new StageServer(ctx, simulation, this, s, gpus[s], s + 1 < gpus.Length ? gpus[s + 1] : null);
        }

        _slots = new MicroBatch[config.Stages];
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new MicroBatch(i);
        }
    }

    public int Index { get; }

    /// <summary>Whether the replica is down (failed and not yet recovered).</summary>
    public bool IsDown { get; private set; }

    public SchedulerState State { get; }

    public int InFlight { get; private set; }

    /// <summary>Nanoseconds during which at least one micro-batch was in flight.</summary>
    public long ActiveNanoseconds { get; private set; }

    /// <summary>Outstanding requests (waiting or running).</summary>
    public int OutstandingRequests => State.Waiting.Count + State.Running.Count;

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

    public void Enqueue(Sequence s)
    {
        State.Waiting.PushBack(s);
        OutstandingTokens += s.PromptTokens + s.OutputTokens;
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

    public void OnEvent(long argument)
    {
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
            if (!s.IsPrefilling)
            {
                EmitToken(s, now);
            }
        }

        mb.InUse = false;
        InFlight--;
        if (InFlight == 0)
        {
            ActiveNanoseconds += now.Nanoseconds - _activeSinceNs;
        }

        RequestDecision();
    }

    private void EmitToken(Sequence s, SimTime now)
    {
        bool first = s.GeneratedTokens == 0;
        s.GeneratedTokens++;
        OutstandingTokens--;
        _simulation.Observer.OnToken(s, now, first);
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
            State.Finish(s);
            OutstandingTokens -= s.PromptTokens;
            _simulation.OnRequestFinished(s);
        }
    }

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
        var lost = new List<Sequence>(State.Running);
        State.Running.Clear();
        lost.AddRange(State.Waiting.DrainAll());
        foreach (var s in lost)
        {
            State.Kv.Release(s);
        }

        OutstandingTokens = 0;
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

        while (InFlight < _slots.Length && _stages[0].IsIdle && State.HasRequests)
        {
            var mb = FreeSlot();
            _policy.Plan(State, mb.Plan);
            foreach (var p in mb.Plan.Preempted)
            {
                _simulation.Observer.OnPreempted(p, now);
            }

            foreach (var a in mb.Plan.Admitted)
            {
                if (a.FirstScheduled is null)
                {
                    a.FirstScheduled = now;
                    _simulation.Observer.OnScheduled(a, now);
                }
            }

            if (mb.Plan.IsEmpty)
            {
                return;
            }

            mb.InUse = true;
            mb.Number = _simulation.NextMicroBatchNumber();
            if (InFlight == 0)
            {
                _activeSinceNs = now.Nanoseconds;
            }

            InFlight++;
            _stages[0].Accept(mb.Slot);
        }
    }

    private MicroBatch FreeSlot()
    {
        foreach (var mb in _slots)
        {
            if (!mb.InUse)
            {
                return mb;
            }
        }

        throw new InvalidOperationException("no free micro-batch slot");
    }
}
