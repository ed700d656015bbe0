namespace DesSim.Core.Scheduling.Engines.Trtllm;

/// <summary>TensorRT-LLM in-flight batching: the capacity scheduler picks which requests are active, the micro-batch
/// scheduler picks what of them runs this step under <c>max_batch_size</c> and <c>max_num_tokens</c>.</summary>
/// <remarks>
/// Capacity (cpp/tensorrt_llm/batch_manager/capacityScheduler.cpp, <c>GuaranteedNoEvictScheduler</c>; the PyTorch executor
/// binds the same class, tensorrt_llm/_torch/pyexecutor/scheduler.py, v0.17–v1.2): active requests keep running; a
/// pending request is admitted FCFS only when KV blocks for its prompt plus its maximum output fit beside what the active
/// ones are still owed, and admission stops at the first that does not. Blocks are reserved for the whole request up
/// front, so a step never runs out and nothing is ever preempted. With <c>MAX_UTILIZATION</c>
/// (<see cref="SchedulerConfig.GuaranteedNoEvict"/> false) a request is admitted on its prompt's blocks and decodes that
/// run out pause the newest request (modeled as vLLM's recompute preemption).
/// Micro-batch (microBatchScheduler.cpp): active requests in order; a generation step takes one token; a context takes its
/// whole prompt if it fits the token budget left, else the pass stops there (a context larger than the whole budget runs
/// alone, where TensorRT-LLM would have refused it at enqueue); with chunked context it takes the largest multiple of the
/// KV block size that fits (or its remainder when that is smaller).
/// </remarks>
public sealed class TrtllmPolicy : IBatchPolicy
{
    /// <inheritdoc />
    public void Plan(SchedulerState state, BatchPlan plan)
    {
        plan.Clear();
        var cfg = state.Config;
        Admit(state, plan, cfg);
        int budget = cfg.MaxNumBatchedTokens;
        int block = state.Kv.BlockSizeTokens;
        var running = state.Running;
        for (int i = 0; i < running.Count && plan.Items.Count < cfg.MaxNumSeqs && budget > 0; i++)
        {
            var s = running[i];
            if (s.InFlight || s.IsDone)
            {
                continue;
            }

            if (!s.IsPrefilling)
            {
                if (!cfg.GuaranteedNoEvict && !DecodeScheduling.ReserveOrPreempt(state, plan, s, s.ContextTokens + 1))
                {
                    i--; // it left Running
                    continue;
                }

                plan.AddDecode(s);
                s.InFlight = true;
                budget--;
                continue;
            }

            int remaining = s.PrefillTargetTokens - s.ContextTokens;
            int n = remaining;
            if (remaining > budget)
            {
                if (cfg.ChunkedContext)
                {
                    n = budget / block * block;
                }
                else if (plan.Items.Count == 0)
                {
                    n = remaining;
                }
                else
                {
                    break;
                }
            }

            if (n <= 0)
            {
                break;
            }

            if (!cfg.GuaranteedNoEvict && !state.Kv.TryReserve(s, s.ContextTokens + n))
            {
                break;
            }

            plan.AddPrefill(s, n);
            s.InFlight = true;
            budget -= Math.Min(n, budget);
        }
    }

    private static void Admit(SchedulerState state, BatchPlan plan, SchedulerConfig cfg)
    {
        while (state.Waiting.Count > 0 && state.Running.Count < state.MaxRunning)
        {
            var s = state.Waiting.PeekFront();
            var hit = state.Kv.Match(s); // block reuse: matched blocks are assigned before the context runs (kvCacheManager.cpp)
            int prompt = s.PromptTokens + s.GeneratedTokens - hit.Tokens;
            int need = cfg.GuaranteedNoEvict ? s.PromptTokens + s.OutputTokens : hit.Tokens + Math.Min(prompt, cfg.ChunkedContext ? cfg.MaxNumBatchedTokens : prompt);
            if (!state.Kv.TryReserve(s, need, hit))
            {
                break;
            }

            state.Admit(plan);
        }
    }
}
