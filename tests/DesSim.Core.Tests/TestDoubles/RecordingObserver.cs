using DesSim.Core.Cost;
using DesSim.Core.Execution;
using DesSim.Core.Scheduling;
using DesSim.Engine;

namespace DesSim.Core.Tests.TestDoubles;

/// <summary>Records the executor's callbacks a unit test checks (times in nanoseconds).</summary>
internal sealed class RecordingObserver : IServingObserver
{
    public List<(long Id, long AtNs)> Scheduled { get; } = [];

    public List<(long Id, long AtNs, bool First)> Tokens { get; } = [];

    public List<(long Id, long AtNs)> Completed { get; } = [];

    public List<(int Replica, int Stage, long MicroBatch, long StartNs, long EndNs)> StageSpans { get; } = [];

    public List<(int Replica, int Stage, long MicroBatch, long StartNs, long EndNs, long Bytes)> TransferSpans { get; } = [];

    public List<(int Replica, int Stage, long MicroBatch, long StartNs, long AbortedNs, StageCost Cost)> AbortedSpans { get; } = [];

    public void OnArrived(Sequence sequence, SimTime now)
    {
    }

    public void OnScheduled(Sequence sequence, SimTime now) => Scheduled.Add((sequence.Id, now.Nanoseconds));

    public void OnPreempted(Sequence sequence, SimTime now)
    {
    }

    public void OnToken(Sequence sequence, SimTime now, bool first) => Tokens.Add((sequence.Id, now.Nanoseconds, first));

    public void OnCompleted(Sequence sequence, SimTime now) => Completed.Add((sequence.Id, now.Nanoseconds));

    public void OnRejected(Sequence sequence, SimTime now, string reason)
    {
    }

    public void OnStageSpan(int replica, int stage, long microBatch, SimTime start, SimTime end, in StageCost cost, int tokens) =>
        StageSpans.Add((replica, stage, microBatch, start.Nanoseconds, end.Nanoseconds));

    public void OnStageSpanAborted(int replica, int stage, long microBatch, SimTime start, SimTime abortedAt, in StageCost cost) =>
        AbortedSpans.Add((replica, stage, microBatch, start.Nanoseconds, abortedAt.Nanoseconds, cost));

    public void OnTransferSpan(int replica, int stage, long microBatch, SimTime start, SimTime end, long bytes) =>
        TransferSpans.Add((replica, stage, microBatch, start.Nanoseconds, end.Nanoseconds, bytes));

    public void OnSample(SimTime now, in ClusterSnapshot snapshot)
    {
    }
}
