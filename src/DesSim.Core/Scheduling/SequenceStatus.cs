namespace DesSim.Core.Scheduling;

/// <summary>Where a sequence is in its life on a replica.</summary>
public enum SequenceStatus
{
    /// <summary>Queued; holds no KV blocks.</summary>
    Waiting,

    /// <summary>Admitted; holds KV blocks; prefilling or decoding.</summary>
    Running,

    /// <summary>All output tokens produced; KV freed.</summary>
    Finished,

    /// <summary>Prefilled on a prefill instance, its KV held there until it reaches a decode instance (disaggregated serving).</summary>
    Transferring,

    /// <summary>Can never run on this replica (its context exceeds the KV capacity); dropped.</summary>
    Rejected,
}
