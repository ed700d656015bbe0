using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>One request's KV hand-off from a prefill instance to a decode instance: the blocks held on both sides, the
/// flows still on the wire, and its times.</summary>
/// <remarks>Lifecycle: opened at prefill completion (or, layerwise, when the final prefill pass launches and a decode
/// instance has room), then decode blocks reserved, flows sent, and closed when the last flow has arrived and the
/// connector's setup cost has passed: the prefill blocks are freed and the decode instance runs the request.</remarks>
internal sealed class KvHandoff(KvTransferCoordinator owner, Sequence sequence, ReplicaEngine prefill, int slot) : IEventHandler
{
    public Sequence Sequence { get; } = sequence;

    public ReplicaEngine Prefill { get; } = prefill;

    public int Slot { get; } = slot;

    /// <summary>The prefill virtual engine's state (its KV is freed through it), set at prefill completion.</summary>
    public SchedulerState? PrefillState { get; set; }

    /// <summary>Holds the prefill instance's blocks of the request after it left the running set.</summary>
    public Sequence? PrefillBlocks { get; set; }

    public ReplicaEngine? Decode { get; set; }

    public int DecodeEngine { get; set; } = -1;

    /// <summary>Holds the blocks reserved on the decode instance until the request moves there.</summary>
    public Sequence? DecodeBlocks { get; set; }

    /// <summary>Layerwise: the decode side was reserved before the final prefill pass, so flows stream during it.</summary>
    public bool Streaming { get; set; }

    public bool PrefillDone { get; set; }

    public bool WireDone { get; set; }

    public int PendingSends { get; set; }

    /// <summary>Prefill stages whose last layer has been sent.</summary>
    public int StagesSent { get; set; }

    public long Bytes { get; set; }

    /// <summary>When the prefill finished (first token), ns.</summary>
    public long ReadyNanoseconds { get; set; } = -1;

    /// <summary>When the decode side was reserved (the transfer could start), ns.</summary>
    public long StartNanoseconds { get; set; } = -1;

    public void OnEvent(long argument) => owner.OnEvent(this, argument);
}
