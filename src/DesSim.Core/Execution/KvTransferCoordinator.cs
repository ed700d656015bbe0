using DesSim.Core.Hardware;
using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Moves prefilled requests from the prefill pool to the decode pool: picks a decode instance with room (FIFO,
/// so a request that cannot be placed holds back the ones behind it), sends the KV flows over the transfer network (the
/// same link servers as pipeline traffic), frees the prefill KV when they have arrived and hands the request over.</summary>
/// <remarks>Back-pressure: while no decode instance has room, prefilled requests wait in arrival order and keep their
/// prefill KV, which in turn limits what the prefill instances admit. See docs/disaggregation.md.</remarks>
internal sealed class KvTransferCoordinator
{
    private const long FlowArrived = 0;
    private const long SetupDone = 1;

    private readonly ISimContext _ctx;
    private readonly ITransferNetwork _network;
    private readonly IServingObserver _observer;
    private readonly DisaggregationConfig _config;
    private readonly ReplicaEngine[] _decode;
    private readonly Queue<KvHandoff> _pending = new();
    private readonly List<KvHandoff?> _open = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly SendGroup[] _whole;
    private readonly SendGroup[][] _byStage;
    private readonly int _prefillStages;
    private readonly long _setupNanoseconds;
    private readonly int[] _activeTransfers;
    private readonly long[] _activeSinceNs;
    private readonly long[] _busyNs;
    private int[] _src = new int[16];
    private int[] _dst = new int[16];
    private int _nextDecode;

    public KvTransferCoordinator(ISimContext ctx, ITransferNetwork network, IServingObserver observer, DisaggregationConfig config, KvTransferFlows flows, ReplicaEngine[] decode, int prefillStages, int gpuCount)
    {
        _ctx = ctx;
        _network = network;
        _observer = observer;
        _config = config;
        _decode = decode;
        _prefillStages = prefillStages;
        _setupNanoseconds = config.Setup.Nanoseconds;
        _whole = Group(flows.Flows, f => f.BytesPerToken, 0);
        _byStage = new SendGroup[prefillStages][];
        for (int s = 0; s < prefillStages; s++)
        {
            int stage = s;
            var mine = flows.Flows.Where(f => f.PrefillStage == stage).ToList();
            _byStage[s] = [.. Group(mine, f => f.StreamedBytesPerToken, 0), .. Group(mine, f => f.LastLayerBytesPerToken, 1)];
        }

        _activeTransfers = new int[gpuCount];
        _activeSinceNs = new long[gpuCount];
        _busyNs = new long[gpuCount];
    }

    /// <summary>Transfers completed.</summary>
    public long Transfers { get; private set; }

    /// <summary>KV bytes moved.</summary>
    public long Bytes { get; private set; }

    /// <summary>Hand-offs open now (waiting for room or on the wire).</summary>
    public int OpenCount => _open.Count - _freeSlots.Count;

    /// <summary>Prefilled requests waiting for a decode instance with room.</summary>
    public int Waiting => _pending.Count;

    /// <summary>Per GPU: nanoseconds with at least one KV transfer from or to it in flight.</summary>
    public IReadOnlyList<long> BusyNanoseconds => _busyNs;

    /// <summary>A prefill instance launched a micro-batch holding <paramref name="s"/>'s final prefill chunk.</summary>
    public void OnFinalPassLaunched(Sequence s, ReplicaEngine prefill)
    {
        s.FinalPassNanoseconds = _ctx.Now.Nanoseconds;
        if (_config.Mode != KvTransferMode.Layerwise || s.OutputTokens <= 1 || _pending.Count > 0 || s.HandoffSlot >= 0)
        {
            return; // Why the queue check: a request placed now would overtake the ones already waiting for room.
        }

        var h = Open(s, prefill);
        if (!TryReserve(h))
        {
            Close(h);
            return;
        }

        h.Streaming = true;
        h.StartNanoseconds = _ctx.Now.Nanoseconds;
        MarkActive(h, +1);
    }

    /// <summary>Layerwise: prefill stage <paramref name="stage"/> started (<paramref name="end"/> false) or finished computing
    /// <paramref name="plan"/>; streams the part of each final pass's KV that stage has ready.</summary>
    public void OnPrefillStage(BatchPlan plan, int stage, bool end)
    {
        foreach (var item in plan.Items)
        {
            var s = item.Sequence;
            if (s.HandoffSlot < 0 || s.ContextTokens + item.NewTokens < s.PrefillTargetTokens)
            {
                continue;
            }

            var h = _open[s.HandoffSlot]!;
            if (!h.Streaming)
            {
                continue;
            }

            foreach (var g in _byStage[stage])
            {
                if (g.Part == (end ? 1 : 0))
                {
                    Send(h, g);
                }
            }

            h.StagesSent += end ? 1 : 0;
        }
    }

    /// <summary><paramref name="s"/> produced its first token on <paramref name="prefill"/> and needs more: it leaves the prefill
    /// instance's running set, keeping its KV there until the transfer is done.</summary>
    public void OnPrefilled(Sequence s, ReplicaEngine prefill, SchedulerState state)
    {
        state.Detach(s);
        var h = s.HandoffSlot >= 0 ? _open[s.HandoffSlot]! : Open(s, prefill);
        h.PrefillState = state;
        h.PrefillBlocks = new Sequence(s.Request, prefill.Index, s.Arrival) { AllocatedBlocks = s.AllocatedBlocks };
        s.AllocatedBlocks = 0;
        if (s.HoldsUnits)
        {
            // Why: with prefix caching the prefill instance's cached prompt units are held by the request; the holder keeps
            // them until the transfer is done, so releasing it returns them to that instance's cache (evictable), and the
            // request arrives on the decode instance owning no unit of another instance's index.
            h.PrefillBlocks.HeldUnits.AddRange(s.HeldUnits);
            s.HeldUnits.Clear();
        }

        h.PrefillBlocks.RegisteredUnits = s.RegisteredUnits;
        s.RegisteredUnits = 0;
        h.PrefillDone = true;
        h.ReadyNanoseconds = _ctx.Now.Nanoseconds;
        if (h.Streaming)
        {
            TryFinishWire(h);
            return;
        }

        _pending.Enqueue(h);
        PlacePending();
    }

    /// <summary>A decode instance freed KV or a running slot: places waiting hand-offs that now fit.</summary>
    public void OnDecodeProgress()
    {
        if (_pending.Count > 0)
        {
            PlacePending();
        }
    }

    public void OnEvent(KvHandoff h, long argument)
    {
        if (argument == FlowArrived)
        {
            h.PendingSends--;
            TryFinishWire(h);
        }
        else
        {
            Complete(h);
        }
    }

    /// <summary>Problems left at the end of the run (empty when every hand-off closed).</summary>
    public IEnumerable<string> Leftovers()
    {
        if (_pending.Count > 0)
        {
            yield return $"{_pending.Count} prefilled requests still wait for a decode instance";
        }

        if (OpenCount > 0)
        {
            yield return $"{OpenCount} KV transfers are still open";
        }
    }

    private void PlacePending()
    {
        while (_pending.Count > 0)
        {
            var h = _pending.Peek();
            if (!TryReserve(h))
            {
                return;
            }

            _pending.Dequeue();
            h.StartNanoseconds = _ctx.Now.Nanoseconds;
            MarkActive(h, +1);
            foreach (var g in _whole)
            {
                Send(h, g);
            }

            h.StagesSent = _prefillStages;
            TryFinishWire(h);
        }
    }

    private bool TryReserve(KvHandoff h)
    {
        int need = h.Sequence.PromptTokens + 1;
        int pick = -1;
        for (int k = 0; k < _decode.Length; k++)
        {
            int r = _config.DecodeRouter == DecodeRouterKind.RoundRobin ? (_nextDecode + k) % _decode.Length : k;
            var d = _decode[r];
            if (!d.HasRoomFor(need))
            {
                continue;
            }

            if (_config.DecodeRouter == DecodeRouterKind.RoundRobin)
            {
                pick = r;
                break;
            }

            if (pick < 0 || Better(d, _decode[pick]))
            {
                pick = r;
            }
        }

        if (pick < 0)
        {
            return false;
        }

        _nextDecode = (pick + 1) % _decode.Length;
        var holder = new Sequence(h.Sequence.Request, _decode[pick].Index, h.Sequence.Arrival);
        h.DecodeEngine = _decode[pick].ReserveHandoff(holder, need);
        h.Decode = _decode[pick];
        h.DecodeBlocks = holder;
        return true;
    }

    private bool Better(ReplicaEngine a, ReplicaEngine b) => _config.DecodeRouter == DecodeRouterKind.LeastOutstanding
        ? a.OutstandingRequests < b.OutstandingRequests
        : a.Kv.UsedBlocks * (double)b.Kv.CapacityBlocks < b.Kv.UsedBlocks * (double)a.Kv.CapacityBlocks;

    private void Send(KvHandoff h, SendGroup g)
    {
        long bytes = g.BytesPerToken * h.Sequence.PromptTokens;
        if (bytes == 0)
        {
            return;
        }

        int n = g.Pairs.Length;
        if (_src.Length < n)
        {
            _src = new int[n];
            _dst = new int[n];
        }

        for (int i = 0; i < n; i++)
        {
            var p = g.Pairs[i];
            _src[i] = h.Prefill.Stage(p.PrefillStage).Gpus[p.PrefillRank];
            _dst[i] = h.Decode!.Stage(p.DecodeStage).Gpus[p.DecodeRank];
        }

        h.PendingSends++;
        h.Bytes += bytes * n;
        _network.Send(_src.AsSpan(0, n), _dst.AsSpan(0, n), new Units.Bytes(bytes), h, FlowArrived);
    }

    private void TryFinishWire(KvHandoff h)
    {
        if (h.WireDone || h.PendingSends > 0 || !h.PrefillDone || h.StagesSent < _prefillStages)
        {
            return;
        }

        h.WireDone = true;
        _ctx.Schedule(new SimTime(_setupNanoseconds), h, SetupDone, EventPriority.Completion);
    }

    private void Complete(KvHandoff h)
    {
        var s = h.Sequence;
        h.PrefillState!.Kv.Release(h.PrefillBlocks!);
        s.AllocatedBlocks = h.DecodeBlocks!.AllocatedBlocks;
        MarkActive(h, -1);
        Transfers++;
        Bytes += h.Bytes;
        var now = _ctx.Now;
        _observer.OnKvTransfer(s, h.Prefill.Index, h.Decode!.Index, new SimTime(h.ReadyNanoseconds), new SimTime(Math.Max(h.StartNanoseconds, h.ReadyNanoseconds)), now, h.Bytes);
        Close(h);
        h.Decode.AcceptHandoff(s, h.DecodeEngine);
        h.Prefill.RequestDecision();
    }

    private KvHandoff Open(Sequence s, ReplicaEngine prefill)
    {
        int slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _open.Count;
        var h = new KvHandoff(this, s, prefill, slot);
        if (slot == _open.Count)
        {
            _open.Add(h);
        }
        else
        {
            _open[slot] = h;
        }

        s.HandoffSlot = slot;
        return h;
    }

    private void Close(KvHandoff h)
    {
        _open[h.Slot] = null;
        _freeSlots.Push(h.Slot);
        h.Sequence.HandoffSlot = -1;
    }

    private void MarkActive(KvHandoff h, int delta)
    {
        long now = _ctx.Now.Nanoseconds;
        foreach (var replica in new[] { h.Prefill, h.Decode! })
        {
            for (int st = 0; st < replica.Stages; st++)
            {
                foreach (int g in replica.Stage(st).Gpus)
                {
                    if (delta > 0 && _activeTransfers[g]++ == 0)
                    {
                        _activeSinceNs[g] = now;
                    }
                    else if (delta < 0 && --_activeTransfers[g] == 0)
                    {
                        _busyNs[g] += now - _activeSinceNs[g];
                    }
                }
            }
        }
    }

    private static SendGroup[] Group(IEnumerable<KvFlow> flows, Func<KvFlow, long> bytes, int part) =>
        flows.Where(f => bytes(f) > 0).GroupBy(bytes).OrderBy(g => g.Key)
            .Select(g => new SendGroup(g.Key, part, g.ToArray())).ToArray();

    private sealed record SendGroup(long BytesPerToken, int Part, KvFlow[] Pairs);
}
