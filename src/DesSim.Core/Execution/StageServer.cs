using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>One pipeline stage of one replica: a server with a busy flag and a FIFO of micro-batches.</summary>
/// <remarks>
/// A micro-batch occupies the stage for its priced time (compute, TP all-reduces, engine overheads), then, unless this
/// is the last stage, while its activations travel to the next stage's GPUs over the network. Idle gaps while the
/// replica has work in flight are the pipeline bubbles; they are not computed, they emerge. The stage keeps no time
/// accounts: it reports its spans to the observer (GPU time is <c>Metrics/GpuTimeAccounting</c>'s). A busy stage has exactly one
/// pending event of its own (compute done, or its activations' arrival); <see cref="Abort"/> cancels it
/// (<see cref="ISimContext.Cancel"/>), so an event that fires is always the current micro-batch's.
/// </remarks>
internal sealed class StageServer : IEventHandler
{
    private const long ComputeDoneKind = 1L << 32;
    private const long SendDoneKind = 2L << 32;
    private const long SlotMask = 0xFFFF_FFFFL;
    private const long KindMask = 3L << 32;

    private readonly ISimContext _ctx;
    private readonly ReplicaEngine _replica;
    private readonly int _index;
    private readonly int[] _gpus;
    private readonly int[]? _nextGpus;
    private readonly Queue<int> _queue = new();
    private readonly ExecutorServices _services;
    private readonly StagePerturbation? _perturbation;
    private readonly bool _streamsKv;
    private long _startNs;
    private bool _computing; // a micro-batch is in its priced span (its compute-done event is pending)
    private EventHandle _pending;

    public StageServer(ISimContext ctx, ExecutorServices services, ReplicaEngine replica, int index, int[] gpus, int[]? nextGpus)
    {
        _ctx = ctx;
        _services = services;
        _replica = replica;
        _index = index;
        _gpus = gpus;
        _nextGpus = nextGpus;
        _perturbation = StagePerturbation.Create(ctx, services.Cluster, replica.Index, index, gpus);
        _streamsKv = replica.StreamsKv;
    }

    public bool IsIdle { get; private set; } = true;

    public int QueueLength => _queue.Count;

    public IReadOnlyList<int> Gpus => _gpus;

    public void Accept(int slot)
    {
        if (IsIdle)
        {
            Start(slot);
        }
        else
        {
            _queue.Enqueue(slot);
        }
    }

    public void OnEvent(long argument)
    {
        _pending = EventHandle.None;
        int slot = (int)(argument & SlotMask);
        var mb = _replica.Slot(slot);
        if ((argument & KindMask) == ComputeDoneKind)
        {
            _computing = false;
            _services.Observer.OnStageSpan(_replica.Index, _index, mb.Number, new SimTime(_startNs), _ctx.Now, _lastCost, mb.Plan.Shape.TotalTokens);
            if (_streamsKv)
            {
                _services.Disaggregation!.Coordinator.OnPrefillStage(mb.Plan, _index, end: true);
            }

            if (_nextGpus is null)
            {
                Release();
                _replica.OnMicroBatchDone(slot);
            }
            else
            {
                mb.SendStartNanoseconds = _ctx.Now.Nanoseconds;
                long bytes = BatchPricer.ActivationBytesPerPair(_replica.Config, mb.Plan.Shape.TotalTokens);
                _pending = _services.Network.Send(_gpus, _nextGpus, new Units.Bytes(bytes), this, SendDoneKind | (uint)slot);
            }
        }
        else
        {
            long start = mb.SendStartNanoseconds;
            _services.Observer.OnTransferSpan(_replica.Index, _index, mb.Number, new SimTime(start), _ctx.Now, BatchPricer.ActivationBytesPerPair(_replica.Config, mb.Plan.Shape.TotalTokens) * _gpus.Length);
            Release();
            _replica.Stage(_index + 1).Accept(slot);
        }
    }

    private StageCost _lastCost;
    private int _slot; // the micro-batch slot in the stage now

    private void Start(int slot)
    {
        IsIdle = false;
        _slot = slot;
        var mb = _replica.Slot(slot);
        var cost = _services.Pricer.Price(_replica.Config, mb.Plan, _index);
        if (_perturbation is not null)
        {
            cost = _perturbation.Apply(cost, _ctx.Now.Nanoseconds);
        }

        _lastCost = cost;
        if (_streamsKv)
        {
            _services.Disaggregation!.Coordinator.OnPrefillStage(mb.Plan, _index, end: false);
        }

        long compute = Nanoseconds.FromSeconds(cost.ComputeSeconds);
        long tp = Nanoseconds.FromSeconds(cost.TpCommSeconds);
        long other = Nanoseconds.FromSeconds(cost.OtherCommSeconds);
        _startNs = _ctx.Now.Nanoseconds;
        _computing = true;
        _pending = _ctx.Schedule(new SimTime(compute + tp + other), this, ComputeDoneKind | (uint)slot, EventPriority.Completion);
    }

    /// <summary>The replica failed: drops the running and queued micro-batches (its pending event is cancelled); a
    /// micro-batch cut short in its priced span is reported (<see cref="IServingObserver.OnStageSpanAborted"/>).</summary>
    public void Abort()
    {
        if (_computing)
        {
            _computing = false;
            _services.Observer.OnStageSpanAborted(_replica.Index, _index, _replica.Slot(_slot).Number, new SimTime(_startNs), _ctx.Now, _lastCost);
        }

        _ctx.Cancel(_pending);
        _pending = EventHandle.None;
        _queue.Clear();
        IsIdle = true;
    }

    private void Release()
    {
        IsIdle = true;
        if (_queue.Count > 0)
        {
            Start(_queue.Dequeue());
        }
    }
}
