namespace DesSim.Core.Scheduling;

/// <summary>vLLM (v0) continuous batching: if waiting prompts fit, run a prefill-only batch of whole prompts (FCFS);
/// otherwise decode every running sequence, preempting the newest when KV runs out.</summary>
/// <remarks>
/// Admission needs KV blocks for the whole prompt (leaving vLLM's 1% watermark free), a free slot under <c>max_num_seqs</c> per micro-batch and the
/// running cap, and room in the <c>max_num_batched_tokens</c> budget (a first prompt longer than the budget still
/// runs alone, as vLLM sizes the budget to the model length). FCFS: admission stops at the first prompt that does not fit.
/// </remarks>
public sealed class VllmPolicy : IBatchPolicy
{
    /// <inheritdoc />
    public void Plan(SchedulerState state, BatchPlan plan)
    {
        plan.Clear();
        var cfg = state.Config;
        int tokens = 0;
        while (state.Waiting.Count > 0 && plan.Items.Count < cfg.MaxNumSeqs && state.Running.Count < state.MaxRunning)
        {
            var s = state.Waiting.PeekFront();
            var hit = state.Kv.Match(s);
            int prompt = s.PromptTokens + s.GeneratedTokens - hit.Tokens;
            if (plan.Items.Count > 0 && tokens + prompt > cfg.MaxNumBatchedTokens)
            {
                break;
            }

            if (!state.Kv.TryAdmit(s, hit.Tokens + prompt, hit))
            {
                break;
            }

            state.Admit(plan);
            plan.AddPrefill(s, prompt);
            s.InFlight = true;
            tokens += prompt;
        }

        if (!plan.IsEmpty)
        {
            return;
        }

        DecodeScheduling.AddDecodes(state, plan, cfg.MaxNumSeqs);
    }
}
