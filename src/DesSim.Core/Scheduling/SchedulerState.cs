namespace DesSim.Core.Scheduling;

/// <summary>The queue and cache state a batching policy decides on: waiting FIFO, running set, KV cache, limits.</summary>
/// <remarks>
/// Policies mutate it only through <see cref="Admit"/>, <see cref="Preempt"/> and the KV cache; the executor removes
/// finished sequences with <see cref="Finish"/>. <see cref="Running"/> is in admission order (the newest last).
/// The running set is capped at <c>MaxNumSeqs · MicroBatchSlots</c>, as vLLM's per-virtual-engine schedulers are.
/// </remarks>
public sealed class SchedulerState
{
    private long _admissions;

    /// <summary>Creates the state of one replica.</summary>
    public SchedulerState(SchedulerConfig config, KvCache kv, int microBatchSlots)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(microBatchSlots);
        Config = config;
        Kv = kv;
        MicroBatchSlots = microBatchSlots;
    }

    /// <summary>Scheduler limits.</summary>
    public SchedulerConfig Config { get; }

    /// <summary>The KV cache.</summary>
    public KvCache Kv { get; }

    /// <summary>Micro-batches that may be in flight at once (the pipeline depth).</summary>
    public int MicroBatchSlots { get; }

    /// <summary>Sequences waiting for admission.</summary>
    public SequenceDeque Waiting { get; } = new();

    /// <summary>Admitted sequences, oldest first.</summary>
    public List<Sequence> Running { get; } = [];

    /// <summary>Preemptions so far.</summary>
    public long PreemptionCount { get; private set; }

    /// <summary>Most sequences that may be admitted at once.</summary>
    public int MaxRunning => Config.MaxNumSeqs * MicroBatchSlots;

    /// <summary>The simulated time of the decision being made (set by the executor before each plan).</summary>
    public DesSim.Engine.SimTime Now { get; set; }

    /// <summary>When this virtual engine's last micro-batch finished (null before the first one): a plan made at that
    /// same instant follows a busy step, one made later follows an idle gap.</summary>
    public DesSim.Engine.SimTime? LastStepEnd { get; set; }

    /// <summary>Whether the replica holds any request (waiting or running).</summary>
    public bool HasRequests => Waiting.Count > 0 || Running.Count > 0;

    /// <summary>Moves the front waiting sequence to running; the caller has reserved its KV.</summary>
    public Sequence Admit(BatchPlan plan)
    {
        var s = Waiting.PopFront();
        s.Status = SequenceStatus.Running;
        s.AdmissionStamp = ++_admissions;
        s.PrefillTargetTokens = s.PromptTokens + s.GeneratedTokens;
        Running.Add(s);
        plan.Admitted.Add(s);
        return s;
    }

    /// <summary>Preempts <paramref name="s"/> (recompute mode): frees its KV and puts it at the front of the waiting queue.</summary>
    public void Preempt(Sequence s, BatchPlan plan)
    {
        if (s.InFlight)
        {
            throw new InvalidOperationException("cannot preempt a sequence that is in the pipeline");
        }

        Kv.Release(s);
        Running.Remove(s);
        s.Status = SequenceStatus.Waiting;
        s.ContextTokens = 0;
        s.Preemptions++;
        PreemptionCount++;
        Waiting.PushFront(s);
        plan.Preempted.Add(s);
    }

    /// <summary>Removes a finished sequence and frees its KV.</summary>
    public void Finish(Sequence s)
    {
        Kv.Release(s);
        Running.Remove(s);
        s.Status = SequenceStatus.Finished;
    }

    /// <summary>Removes a prefilled sequence that leaves for a decode instance; its KV stays allocated (the caller frees it
    /// when the transfer is done).</summary>
    public void Detach(Sequence s)
    {
        Running.Remove(s);
        s.Status = SequenceStatus.Transferring;
    }

    /// <summary>Adds a sequence whose KV arrived from a prefill instance to the running set (its blocks already reserved).</summary>
    public void AdmitTransferred(Sequence s)
    {
        s.Status = SequenceStatus.Running;
        s.AdmissionStamp = ++_admissions;
        Running.Add(s);
    }

    /// <summary>The newest running sequence not in flight, other than <paramref name="except"/>, or null.</summary>
    public Sequence? NewestPreemptible(Sequence? except = null)
    {
        for (int i = Running.Count - 1; i >= 0; i--)
        {
            var s = Running[i];
            if (!s.InFlight && !ReferenceEquals(s, except))
            {
                return s;
            }
        }

        return null;
    }
}
