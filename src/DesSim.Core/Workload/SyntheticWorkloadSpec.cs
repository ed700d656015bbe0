namespace DesSim.Core.Workload;

/// <summary>Synthetic load: an arrival process and two length distributions.</summary>
/// <remarks>
/// Ends after <see cref="WorkloadSpec.MaxRequests"/> requests (the YAML <c>requests</c> key) or when an arrival
/// would fall at or after <see cref="DurationSeconds"/>, whichever comes first; at least one is required
/// (closed loop and burst need <c>requests</c>). Random streams: "arrivals", "input_tokens", "output_tokens".
/// </remarks>
public sealed record SyntheticWorkloadSpec(ArrivalSpec Arrival, LengthSpec InputTokens, LengthSpec OutputTokens) : WorkloadSpec
{
    /// <summary>Stop generating arrivals at this time (s); null: no time limit.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Multi-turn sessions (the arrival process then starts sessions, not requests); null: independent requests.</summary>
    public SessionWorkloadSpec? Sessions { get; init; }
}
