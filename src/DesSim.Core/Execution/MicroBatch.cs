using DesSim.Core.Scheduling;

namespace DesSim.Core.Execution;

/// <summary>One micro-batch slot of a replica's pipeline: the plan it carries through the stages.</summary>
/// <remarks>A replica owns <c>pp</c> slots, reused for every micro-batch (no allocation per iteration).</remarks>
internal sealed class MicroBatch(int slot)
{
    public int Slot { get; } = slot;

    public BatchPlan Plan { get; } = new();

    /// <summary>Run-wide micro-batch number (for timelines).</summary>
    public long Number { get; set; }

    public bool InUse { get; set; }

    /// <summary>When the current stage's send started (ns).</summary>
    public long SendStartNanoseconds { get; set; }
}
