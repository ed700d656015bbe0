namespace DesSim.Core.Scheduling.Engines.Vllm;

/// <summary>vLLM V1's scheduler: one token budget per step (<c>max_num_batched_tokens</c>), spent first on the running
/// requests in order (a decode takes one token, a partial prefill its next chunk), then on waiting requests FCFS; chunked
/// prefill is always on.</summary>
/// <remarks>
/// Source: vllm/v1/core/sched/scheduler.py <c>Scheduler.schedule()</c>, v0.8.0–v0.12.0. Per request the step takes
/// <c>min(remaining, long_prefill_token_threshold if set, budget left)</c> tokens. A running request whose KV blocks run out
/// preempts the last running request (<c>self.running.pop()</c>, the newest under FCFS), or itself when it is the newest,
/// and the running pass stops there. Waiting requests are admitted only when nothing was preempted this step, while the
/// budget lasts and fewer than <c>max_num_seqs</c> run (<c>max_num_running_reqs</c>); admission stops at the first request
/// whose blocks do not fit (<c>allocate_slots</c> returns None; V1 keeps no watermark). With prefix caching a waiting request
/// first takes its cached prefix (<c>get_computed_blocks</c>, kv_cache_manager.py) and schedules only the tokens after it.
/// </remarks>
public sealed class VllmV1Policy : IBatchPolicy
{
    /// <inheritdoc />
    public void Plan(SchedulerState state, BatchPlan plan)
    {
        plan.Clear();
        var cfg = state.Config;
        int budget = cfg.MaxNumBatchedTokens;
        int threshold = cfg.LongPrefillTokenThreshold;
        bool preempted = false;
        var running = state.Running;
        for (int i = 0; i < running.Count && budget > 0 && plan.Items.Count < cfg.MaxNumSeqs; i++)
        {
            var s = running[i];
            if (s.InFlight || s.IsDone)
            {
                continue;
            }

            bool prefill = s.IsPrefilling;
            int n = Clamp(prefill ? s.PrefillTargetTokens - s.ContextTokens : 1, threshold, budget);
            if (!DecodeScheduling.ReserveOrPreempt(state, plan, s, s.ContextTokens + n))
            {
                preempted = true;
                break;
            }

            preempted |= plan.Preempted.Count > 0;
            if (prefill)
            {
                plan.AddPrefill(s, n);
            }
            else
            {
                plan.AddDecode(s);
            }

            s.InFlight = true;
            budget -= n;
        }

        if (preempted)
        {
            return;
        }

        while (budget > 0 && state.Waiting.Count > 0 && state.Running.Count < state.MaxRunning && plan.Items.Count < cfg.MaxNumSeqs)
        {
            var s = state.Waiting.PeekFront();
            var hit = state.Kv.Match(s); // kv_cache_manager.get_computed_blocks: the new tokens start after the hit
            int n = Clamp(s.PromptTokens + s.GeneratedTokens - hit.Tokens, threshold, budget);
            if (!state.Kv.TryReserve(s, hit.Tokens + n, hit))
            {
                break;
            }

            state.Admit(plan);
            plan.AddPrefill(s, n);
            s.InFlight = true;
            budget -= n;
        }
    }

    private static int Clamp(int tokens, int threshold, int budget)
    {
        if (threshold > 0 && tokens > threshold)
        {
            tokens = threshold;
        }

        return Math.Min(tokens, budget);
    }
}
