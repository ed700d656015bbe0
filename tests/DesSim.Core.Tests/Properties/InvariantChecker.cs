using DesSim.Core.Cost;
using DesSim.Core.Execution;
using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Tests.Properties;

/// <summary>An observer that forwards to another and records every invariant violation it sees as it happens.</summary>
internal sealed class InvariantChecker(IServingObserver inner) : IServingObserver
{
    private readonly Dictionary<(int Replica, int Stage), long> _stageFreeAtNs = [];
    private readonly Dictionary<long, int> _completions = [];
    private long _lastNowNs;

    public List<string> Violations { get; } = [];

    public long TokensEmitted { get; private set; }

    public long TokensDiscarded { get; private set; }

    public IReadOnlyDictionary<long, int> Completions => _completions;

    public void OnArrived(Sequence sequence, SimTime now)
    {
        Tick(now);
        inner.OnArrived(sequence, now);
    }

    public void OnScheduled(Sequence sequence, SimTime now)
    {
        Tick(now);
        inner.OnScheduled(sequence, now);
    }

    public void OnPreempted(Sequence sequence, SimTime now)
    {
        Tick(now);
        inner.OnPreempted(sequence, now);
    }

    public void OnToken(Sequence sequence, SimTime now, bool first)
    {
        Tick(now);
        TokensEmitted++;
        inner.OnToken(sequence, now, first);
    }

    public void OnCompleted(Sequence sequence, SimTime now)
    {
        Tick(now);
        _completions[sequence.Id] = _completions.GetValueOrDefault(sequence.Id) + 1;
        if (sequence.GeneratedTokens != sequence.OutputTokens)
        {
            Violations.Add($"request {sequence.Id} completed with {sequence.GeneratedTokens} of {sequence.OutputTokens} tokens");
        }

        inner.OnCompleted(sequence, now);
    }

    public void OnRejected(Sequence sequence, SimTime now, string reason)
    {
        Tick(now);
        _completions[sequence.Id] = _completions.GetValueOrDefault(sequence.Id) + 1;
        inner.OnRejected(sequence, now, reason);
    }

    public void OnRetried(Sequence sequence, SimTime now)
    {
        Tick(now);
        TokensDiscarded += sequence.GeneratedTokens;
        inner.OnRetried(sequence, now);
    }

    public void OnStageSpan(int replica, int stage, long microBatch, SimTime start, SimTime end, in StageCost cost, int tokens)
    {
        Tick(end);
        if (start.Nanoseconds < _stageFreeAtNs.GetValueOrDefault((replica, stage)))
        {
            Violations.Add($"replica {replica} stage {stage} started micro-batch {microBatch} at {start} while busy");
        }

        _stageFreeAtNs[(replica, stage)] = end.Nanoseconds;
        inner.OnStageSpan(replica, stage, microBatch, start, end, cost, tokens);
    }

    public void OnStageSpanAborted(int replica, int stage, long microBatch, SimTime start, SimTime abortedAt, in StageCost cost) =>
        inner.OnStageSpanAborted(replica, stage, microBatch, start, abortedAt, cost);

    public void OnTransferSpan(int replica, int stage, long microBatch, SimTime start, SimTime end, long bytes)
    {
        Tick(end);
        inner.OnTransferSpan(replica, stage, microBatch, start, end, bytes);
    }

    public void OnSample(SimTime now, in ClusterSnapshot snapshot)
    {
        Tick(now);
        if (snapshot.KvUsedBlocks > snapshot.KvCapacityBlocks || snapshot.KvUsedBlocks < 0)
        {
            Violations.Add($"KV {snapshot.KvUsedBlocks} blocks used of {snapshot.KvCapacityBlocks} at {now}");
        }

        inner.OnSample(now, snapshot);
    }

    private void Tick(SimTime now)
    {
        if (now.Nanoseconds < _lastNowNs)
        {
            Violations.Add($"time went backwards: {now} after {_lastNowNs} ns");
        }

        _lastNowNs = now.Nanoseconds;
    }
}
