using DesSim.Engine;

namespace DesSim.Core.Workload;

/// <summary>One request as the workload offers it: when it arrives and how long its prompt and answer are.</summary>
/// <remarks>
/// <see cref="InputTokens"/> ≥ 1 and <see cref="OutputTokens"/> ≥ 1 (a request always produces its first token).
/// <see cref="Prefix"/> says which of its tokens other requests share (Mooncake <c>hash_ids</c>, synthetic sessions); null
/// when the workload does not say, and then nothing of it is reusable. <see cref="SessionId"/> groups the turns of one
/// synthetic session (−1: none), for session-affine routing.
/// </remarks>
public readonly record struct RequestSpec(long Id, SimTime Arrival, int InputTokens, int OutputTokens, PrefixIdentity? Prefix = null, long SessionId = -1)
{
    /// <summary>The prefix block ids (Mooncake <c>hash_ids</c>), or null.</summary>
    public int[]? PrefixHashIds => Prefix?.BlockIds;
}
