using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Scheduling;

/// <summary>One request's state on a replica: KV held, prompt progress, tokens produced.</summary>
/// <remarks>
/// Token bookkeeping: <see cref="ContextTokens"/> is the number of tokens whose KV is cached. A (re)admitted sequence
/// prefills up to <see cref="PrefillTargetTokens"/> = prompt + tokens generated so far (recompute after preemption);
/// the iteration that completes the prefill emits one token; every decode iteration then adds one cached token and
/// emits one token. Invariant: <c>ContextTokens ≤ AllocatedBlocks · blockSize</c> while running.
/// </remarks>
public sealed class Sequence
{
    /// <summary>Creates the state of a request that just arrived.</summary>
    public Sequence(RequestSpec request, int replica, SimTime arrival)
    {
        Request = request;
        Replica = replica;
        Arrival = arrival;
    }

    /// <summary>The request.</summary>
    public RequestSpec Request { get; }

    /// <summary>Request id.</summary>
    public long Id => Request.Id;

    /// <summary>Prompt length in tokens.</summary>
    public int PromptTokens => Request.InputTokens;

    /// <summary>Output tokens requested.</summary>
    public int OutputTokens => Request.OutputTokens;

    /// <summary>The replica serving it (changes if the request is retried elsewhere).</summary>
    public int Replica { get; set; }

    /// <summary>Arrival time at the cluster.</summary>
    public SimTime Arrival { get; }

    /// <summary>Status.</summary>
    public SequenceStatus Status { get; set; } = SequenceStatus.Waiting;

    /// <summary>Tokens whose KV is cached.</summary>
    public int ContextTokens { get; set; }

    /// <summary>Tokens to prefill before decoding (prompt plus tokens generated before a preemption).</summary>
    public int PrefillTargetTokens { get; set; }

    /// <summary>Output tokens produced so far.</summary>
    public int GeneratedTokens { get; set; }

    /// <summary>KV blocks held.</summary>
    public int AllocatedBlocks { get; set; }

    /// <summary>Whether it is part of a micro-batch now in the pipeline.</summary>
    public bool InFlight { get; set; }

    /// <summary>Times it was preempted (KV freed, to be recomputed).</summary>
    public int Preemptions { get; set; }

    /// <summary>Times it was restarted from scratch on another replica after its replica failed.</summary>
    public int Retries { get; set; }

    /// <summary>First time it was admitted (scheduled), or null.</summary>
    public SimTime? FirstScheduled { get; set; }

    /// <summary>Time of its first output token, or null.</summary>
    public SimTime? FirstToken { get; set; }

    /// <summary>Time of its latest output token, or null.</summary>
    public SimTime? LastToken { get; set; }

    /// <summary>Largest gap between consecutive output tokens so far (ns).</summary>
    public long MaxInterTokenNanoseconds { get; set; }

    /// <summary>Admission order stamp (larger = admitted later); used to preempt the newest.</summary>
    public long AdmissionStamp { get; set; }

    /// <summary>Disaggregated serving: when the micro-batch with its final prefill chunk launched on the prefill instance (ns), else -1.</summary>
    public long FinalPassNanoseconds { get; set; } = -1;

    /// <summary>Disaggregated serving: the executor's index of its KV hand-off while one is open, else -1.</summary>
    public int HandoffSlot { get; set; } = -1;

    /// <summary>Prompt tokens found in the prefix cache at its first admission (0 without a hit or without caching).</summary>
    public int CachedTokens { get; set; }

    /// <summary>Of <see cref="CachedTokens"/>, tokens loaded back from a KV tier below the GPU (CPU, disk, shared store).</summary>
    public int LoadedTokens { get; set; }

    /// <summary>Whether its prefix was looked up (its first admission under prefix caching happened).</summary>
    public bool PrefixLookedUp { get; set; }

    /// <summary>Chained keys of its cacheable units (computed at its first lookup; null before or without an identity).</summary>
    internal ulong[]? PrefixKeys { get; set; }

    /// <summary>The unit size <see cref="PrefixKeys"/> were computed for, tokens.</summary>
    internal int PrefixKeyUnitTokens { get; set; }

    /// <summary>Cached units it holds (hits and units it registered), in order.</summary>
    internal List<PrefixBlock> HeldUnits => _held ??= [];

    /// <summary>Whether it holds any cached unit.</summary>
    internal bool HoldsUnits => _held is { Count: > 0 };

    /// <summary>Leading units already matched or registered (the next unit to register is this one).</summary>
    internal int RegisteredUnits { get; set; }

    private List<PrefixBlock>? _held;

    /// <summary>Whether it is still prefilling.</summary>
    public bool IsPrefilling => ContextTokens < PrefillTargetTokens;

    /// <summary>Whether every output token has been produced.</summary>
    public bool IsDone => GeneratedTokens >= OutputTokens;

    /// <summary>Starts the request over for a retry after its replica failed: waiting again with no context, no tokens and
    /// no token times (what it generated is discarded), one more retry counted. Its arrival, first scheduling (queue time
    /// counts from the first) and preemptions stay; its KV blocks were released with the replica.</summary>
    public void ResetForRetry()
    {
        Retries++;
        Status = SequenceStatus.Waiting;
        ContextTokens = 0;
        PrefillTargetTokens = 0;
        GeneratedTokens = 0;
        InFlight = false;
        FirstToken = null;
        LastToken = null;
        MaxInterTokenNanoseconds = 0;
    }
}
