using DesSim.Core.Cost;
using DesSim.Core.Execution;
using DesSim.Engine;

namespace DesSim.Core.Metrics;

/// <summary>Where each pipeline stage's GPUs spent their time (<see cref="StageTimes"/>), kept by observing the executor's
/// stage and transfer spans (<see cref="IServingObserver.OnStageSpan"/>, <see cref="IServingObserver.OnStageSpanAborted"/>,
/// <see cref="IServingObserver.OnTransferSpan"/>); the executor itself keeps no time accounts.</summary>
/// <remarks>
/// A stage span charges its priced compute, compute-bound, TP and other-collective time (each rounded to whole
/// nanoseconds as the stage scheduled them) and one micro-batch; a transfer span charges its length as PP time. A span a
/// replica failure cut short is charged, then the part that did not run (its priced end − the failure) is un-charged
/// from the stage's compute time first and its TP time after; its other-collective and compute-bound parts stay charged.
/// Sends a failure dropped charge nothing. Stages that ran nothing read as zeros.
/// </remarks>
public sealed class GpuTimeAccounting
{
    private readonly List<List<StageTimes>> _replicas = [];

    /// <summary>The times of stage <paramref name="stage"/> of replica <paramref name="replica"/> (zeros if it ran nothing).</summary>
    public StageTimes Stage(int replica, int stage) =>
        replica < _replicas.Count && stage < _replicas[replica].Count ? _replicas[replica][stage] : new StageTimes();

    /// <summary>A stage ran a micro-batch priced at <paramref name="cost"/> to its end.</summary>
    public void OnStageSpan(int replica, int stage, in StageCost cost) => Charge(At(replica, stage), cost);

    /// <summary>A replica failure stopped a stage at <paramref name="abortedAt"/> in a micro-batch that started at
    /// <paramref name="start"/> and was priced at <paramref name="cost"/>.</summary>
    public void OnStageSpanAborted(int replica, int stage, SimTime start, SimTime abortedAt, in StageCost cost)
    {
        var t = At(replica, stage);
        long end = start.Nanoseconds + Charge(t, cost);
        if (end > abortedAt.Nanoseconds)
        {
            long remaining = end - abortedAt.Nanoseconds;
            long fromCompute = Math.Min(remaining, t.ComputeNanoseconds);
            t.ComputeNanoseconds -= fromCompute;
            t.TpCommNanoseconds -= Math.Min(remaining - fromCompute, t.TpCommNanoseconds);
        }
    }

    /// <summary>A stage sent a micro-batch's activations to the next stage from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public void OnTransferSpan(int replica, int stage, SimTime start, SimTime end) =>
        At(replica, stage).PpCommNanoseconds += end.Nanoseconds - start.Nanoseconds;

    // Returns the span's priced length (compute + TP + other), as the stage scheduled it.
    private static long Charge(StageTimes t, in StageCost cost)
    {
        long compute = Nanoseconds.FromSeconds(cost.ComputeSeconds);
        long tp = Nanoseconds.FromSeconds(cost.TpCommSeconds);
        long other = Nanoseconds.FromSeconds(cost.OtherCommSeconds);
        t.ComputeNanoseconds += compute;
        t.ComputeBoundNanoseconds += Nanoseconds.FromSeconds(cost.ComputeBoundSeconds);
        t.TpCommNanoseconds += tp;
        t.OtherCommNanoseconds += other;
        t.MicroBatches++;
        return compute + tp + other;
    }

    private StageTimes At(int replica, int stage)
    {
        while (_replicas.Count <= replica)
        {
            _replicas.Add([]);
        }

        var stages = _replicas[replica];
        while (stages.Count <= stage)
        {
            stages.Add(new StageTimes());
        }

        return stages[stage];
    }
}
