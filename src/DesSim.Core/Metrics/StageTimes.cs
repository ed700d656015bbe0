namespace DesSim.Core.Metrics;

/// <summary>Where one pipeline stage's GPUs spent their time, in nanoseconds (kept by <see cref="GpuTimeAccounting"/>).</summary>
/// <remarks>Busy = compute + TP comm + other comm + PP comm (a stage holds its GPUs while sending activations).
/// Bubble = idle while the replica had a micro-batch in flight; idle = the rest of the makespan.</remarks>
public sealed class StageTimes
{
    /// <summary>Kernel time (including engine overheads).</summary>
    public long ComputeNanoseconds { get; internal set; }

    /// <summary>Part of <see cref="ComputeNanoseconds"/> in compute-bound kernels.</summary>
    public long ComputeBoundNanoseconds { get; internal set; }

    /// <summary>Tensor-parallel all-reduce time.</summary>
    public long TpCommNanoseconds { get; internal set; }

    /// <summary>Other collective time inside the stage (EP all-to-all, CP ring).</summary>
    public long OtherCommNanoseconds { get; internal set; }

    /// <summary>Time sending activations to the next stage.</summary>
    public long PpCommNanoseconds { get; internal set; }

    /// <summary>Micro-batches run.</summary>
    public long MicroBatches { get; internal set; }

    /// <summary>Total busy time.</summary>
    public long BusyNanoseconds => ComputeNanoseconds + TpCommNanoseconds + OtherCommNanoseconds + PpCommNanoseconds;
}
