namespace DesSim.Core.Scheduling;

/// <summary>Sarathi-Serve chunked prefill: each iteration has a token budget (<c>max_num_batched_tokens</c>),
/// filled first with one token per decoding sequence, then with prefill chunks of admitted sequences, then new admissions.</summary>
/// <remarks>
/// A chunk is <c>min(remaining prompt, budget left)</c> tokens; KV blocks are reserved per chunk. Admission is FCFS and
/// needs blocks for the first chunk. Decodes that run out of KV preempt the newest sequences (recompute).
/// </remarks>
public sealed class SarathiPolicy : IBatchPolicy
{
    /// <inheritdoc />
    public void Plan(SchedulerState state, BatchPlan plan)
    {
        plan.Clear();
        var cfg = state.Config;
        int budget = cfg.MaxNumBatchedTokens;
        int decodes = DecodeScheduling.AddDecodes(state, plan, Math.Min(cfg.MaxNumSeqs, budget));
        budget -= decodes;

        // Ongoing prefills (admitted earlier, chunk by chunk), oldest first.
        var running = state.Running;
        for (int i = 0; i < running.Count && budget > 0 && plan.Items.Count < cfg.MaxNumSeqs; i++)
        {
            var s = running[i];
            if (s.InFlight || !s.IsPrefilling)
            {
                continue;
            }

            int chunk = Math.Min(s.PrefillTargetTokens - s.ContextTokens, budget);
            if (!state.Kv.TryReserve(s, s.ContextTokens + chunk))
            {
                break;
            }

            plan.AddPrefill(s, chunk);
            s.InFlight = true;
            budget -= chunk;
        }

        // New admissions.
        while (budget > 0 && state.Waiting.Count > 0 && plan.Items.Count < cfg.MaxNumSeqs && state.Running.Count < state.MaxRunning)
        {
            var s = state.Waiting.PeekFront();
            var hit = state.Kv.Match(s);
            int target = s.PromptTokens + s.GeneratedTokens - hit.Tokens;
            int chunk = Math.Min(target, budget);
            if (!state.Kv.TryAdmit(s, hit.Tokens + chunk, hit))
            {
                break;
            }

            state.Admit(plan);
            plan.AddPrefill(s, chunk);
            s.InFlight = true;
            budget -= chunk;
        }
    }
}
