using DesSim.Engine;

namespace DesSim.Core.Workload;

/// <summary>One request as the workload offers it: when it arrives and how long its prompt and answer are.</summary>
/// <remarks>
/// <see cref="InputTokens"/> ≥ 1 and <see cref="OutputTokens"/> ≥ 1 (a request always produces its first token).
/// <see cref="PrefixHashIds"/> are Mooncake-style 512-token prefix-block hashes, kept for prefix-cache work (may be null).
/// </remarks>
public readonly record struct RequestSpec(long Id, SimTime Arrival, int InputTokens, int OutputTokens, int[]? PrefixHashIds = null);
