using DesSim.Core.Cost;
using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Execution;

/// <summary>Callbacks the executor raises as requests and micro-batches move; metrics and timelines subscribe.</summary>
/// <remarks>Called synchronously inside events, in simulation order; observers must not schedule events or mutate sequences.</remarks>
public interface IServingObserver
{
    /// <summary>A request arrived and was routed to <see cref="Sequence.Replica"/>.</summary>
    void OnArrived(Sequence sequence, SimTime now);

    /// <summary>A request was admitted for the first time.</summary>
    void OnScheduled(Sequence sequence, SimTime now);

    /// <summary>A running request was preempted (its KV freed, to be recomputed).</summary>
    void OnPreempted(Sequence sequence, SimTime now);

    /// <summary>A request produced an output token (<paramref name="first"/> for its first). Called before the sequence's
    /// <see cref="Sequence.LastToken"/> moves to <paramref name="now"/>, so it still holds the previous token's time.</summary>
    void OnToken(Sequence sequence, SimTime now, bool first);

    /// <summary>A request produced its last token.</summary>
    void OnCompleted(Sequence sequence, SimTime now);

    /// <summary>A request can never be served (e.g. longer than the KV capacity); it is dropped.</summary>
    void OnRejected(Sequence sequence, SimTime now, string reason);

    /// <summary>A stage ran a micro-batch from <paramref name="start"/> to <paramref name="end"/> (compute + TP comm).</summary>
    void OnStageSpan(int replica, int stage, long microBatch, SimTime start, SimTime end, in StageCost cost, int tokens);

    /// <summary>A replica failure stopped a stage at <paramref name="abortedAt"/> while it ran a micro-batch that started at
    /// <paramref name="start"/>, priced at <paramref name="cost"/> (its span never ends: no <see cref="OnStageSpan"/> follows).</summary>
    void OnStageSpanAborted(int replica, int stage, long microBatch, SimTime start, SimTime abortedAt, in StageCost cost)
    {
    }

    /// <summary>A stage sent a micro-batch's activations to the next stage from <paramref name="start"/> to <paramref name="end"/>.</summary>
    void OnTransferSpan(int replica, int stage, long microBatch, SimTime start, SimTime end, long bytes);

    /// <summary>A request's replica failed; it is about to restart from scratch elsewhere (its generated tokens are discarded).
    /// Called before its state is reset, so <see cref="Sequence.GeneratedTokens"/> still holds the discarded count.</summary>
    void OnRetried(Sequence sequence, SimTime now)
    {
    }

    /// <summary>Disaggregated serving: <paramref name="sequence"/>'s KV moved from prefill replica <paramref name="prefillReplica"/> to
    /// decode replica <paramref name="decodeReplica"/>: prefill done at <paramref name="ready"/>, a decode instance had room at
    /// <paramref name="start"/> (layerwise: at most <paramref name="ready"/>), the KV was usable there at <paramref name="end"/>.</summary>
    void OnKvTransfer(Sequence sequence, int prefillReplica, int decodeReplica, SimTime ready, SimTime start, SimTime end, long bytes)
    {
    }

    /// <summary>The periodic state sample.</summary>
    void OnSample(SimTime now, in ClusterSnapshot snapshot);
}
