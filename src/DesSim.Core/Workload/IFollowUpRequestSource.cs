namespace DesSim.Core.Workload;

/// <summary>A source some of whose requests follow completions (the next turn of a session), besides its own open-loop
/// stream.</summary>
/// <remarks>After <see cref="IRequestSource.OnCompleted"/> at time <c>now</c>, the executor drains
/// <see cref="TryNextFollowUp"/> and schedules each request (arriving at or after <c>now</c>) on its own, so a follow-up
/// never waits behind the main stream's next arrival. Memory: O(follow-ups pending).</remarks>
public interface IFollowUpRequestSource : IRequestSource
{
    /// <summary>A request released by a completion, or false when none is pending.</summary>
    bool TryNextFollowUp(out RequestSpec request);
}
