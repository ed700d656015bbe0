using DesSim.Engine;

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
/// Request fetching (tensorrt_llm/_torch/pyexecutor/py_executor.py, v1.0, <c>_executor_loop_overlap</c> and
/// <c>_fetch_new_requests</c>): each loop iteration fetches new requests, schedules and launches step k, then waits for
/// step k−1 and emits its tokens. The fetch for step k+1 therefore happens when step k−1 ends, i.e. when step k starts on
/// the GPU: a request that arrives while step k runs is first seen by step k+2 (<see cref="SchedulerConfig.OverlapFetch"/>).
/// With no active request the fetch blocks until the queue holds one and returns that one alone
/// (<c>_get_from_request_queue</c>: an empty queue with no timeout waits for one item; a non-empty one is drained).
/// </remarks>
public sealed class TrtllmPolicy : IBatchPolicy
{
    // When this virtual engine's last non-empty step was planned (its start), and whether it started an idle engine.
    private SimTime? _lastStart;
    private bool _lastFromIdle;

    /// <inheritdoc />
    public void Plan(SchedulerState state, BatchPlan plan)
    {
        plan.Clear();
        var cfg = state.Config;
        bool busy = _lastStart is not null && state.LastStepEnd == state.Now;
        Admit(state, plan, cfg, Fetchable(state, cfg, busy));
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

        if (!plan.IsEmpty)
        {
            _lastStart = state.Now;
            _lastFromIdle = !busy;
        }
    }

    // How many of the waiting requests (from the front) the executor has fetched by this step.
    private int Fetchable(SchedulerState state, SchedulerConfig cfg, bool busy)
    {
        var waiting = state.Waiting;
        if (!cfg.OverlapFetch || waiting.Count == 0)
        {
            return waiting.Count;
        }

        if (!busy && state.Running.Count == 0)
        {
            return 1; // idle with no active request: the blocked fetch wakes on the first arrival and returns it alone
        }

        // Busy: the previous step ended now, so this step's fetch ran when the previous step started. When that step was
        // planned in a busy loop, the fetch came right after the responses of the step before it went out, and a request
        // sent in reply (arriving at that very instant in a closed loop) missed it; when it woke an idle engine, the fetch
        // came right after its launch and saw everything that had arrived with it. Not busy: the fetch runs now.
        int n = busy ? ArrivedBefore(waiting, _lastStart!.Value, inclusive: _lastFromIdle) : ArrivedBefore(waiting, state.Now, inclusive: true);

        // Nothing fetched and nothing active: the next fetch finds the queue non-empty and drains it.
        return n == 0 && state.Running.Count == 0 ? ArrivedBefore(waiting, state.Now, inclusive: true) : n;
    }

    private static int ArrivedBefore(SequenceDeque waiting, SimTime time, bool inclusive = false)
    {
        int n = 0;
        while (n < waiting.Count && (waiting[n].Arrival < time || (inclusive && waiting[n].Arrival == time)))
        {
            n++;
        }

        return n;
    }

    private static void Admit(SchedulerState state, BatchPlan plan, SchedulerConfig cfg, int fetchable)
    {
        while (fetchable-- > 0 && state.Waiting.Count > 0 && state.Running.Count < state.MaxRunning)
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
