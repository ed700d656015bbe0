namespace DesSim.Core.Workload;

/// <summary>Synthetic multi-turn sessions: sessions start by an arrival process; each turn resends the whole history
/// (system prompt, every earlier user message and answer) plus new user tokens; the next turn follows the answer after a
/// think time.</summary>
/// <remarks>
/// Turn <c>t</c>'s prompt = turn <c>t − 1</c>'s prompt + its output + <see cref="SyntheticWorkloadSpec.InputTokens"/> new
/// user tokens (turn 0: the system prompt + new user tokens); outputs from <see cref="SyntheticWorkloadSpec.OutputTokens"/>.
/// Each request carries a prefix identity over its prompt and output in <see cref="IdentityBlockTokens"/>-token blocks, so
/// prefix caching can reuse the history and the shared system prompts (docs/prefix-caching.md). Random streams:
/// "arrivals" (session starts), "input_tokens", "output_tokens", "session_turns", "think_time", "system_prompts".
/// </remarks>
/// <param name="Sessions">How many sessions start.</param>
/// <param name="Turns">Turns per session (a count distribution, ≥ 1).</param>
/// <param name="ThinkTime">Pause between an answer and the next user message.</param>
/// <param name="SystemPrompts">The shared system prompts sessions open with.</param>
public sealed record SessionWorkloadSpec(long Sessions, LengthSpec Turns, ThinkTimeSpec ThinkTime, SystemPromptSpec SystemPrompts)
{
    /// <summary>Tokens per identity block: vLLM's default KV block (vllm/config cache <c>block_size</c> = 16), so a 16-token
    /// engine block is the finest reuse the identity can tell apart.</summary>
    public const int IdentityBlockTokens = 16;
}
