namespace DesSim.Core.Workload;

/// <summary>A workload: either a trace replay (<see cref="TraceWorkloadSpec"/>) or synthetic load (<see cref="SyntheticWorkloadSpec"/>).</summary>
/// <remarks>Built by <see cref="WorkloadSpecReader"/>; turned into a request source by <see cref="WorkloadFactory.Open"/>.</remarks>
public abstract record WorkloadSpec
{
    /// <summary>Longest request (input + output tokens) the model accepts; null for no limit.</summary>
    public int? MaxModelLenTokens { get; init; }

    /// <summary>What to do with requests longer than <see cref="MaxModelLenTokens"/>.</summary>
    public TooLongPolicy OnTooLong { get; init; } = TooLongPolicy.Truncate;

    /// <summary>Stop after this many requests (null: no cap).</summary>
    public long? MaxRequests { get; init; }
}
