namespace DesSim.Core.Scheduling;

/// <summary>Static batching (FasterTransformer-style): when the replica is empty, admit up to <c>max_num_seqs</c>
/// waiting requests together (KV reserved for prompt plus all output tokens); prefill them in one iteration, then decode
/// until every one has finished; only then admit the next batch.</summary>
public sealed class StaticPolicy : IBatchPolicy
{
    /// <inheritdoc />
    public void Plan(SchedulerState state, BatchPlan plan)
    {
        plan.Clear();
        if (state.Running.Count == 0)
        {
            while (state.Waiting.Count > 0 && plan.Admitted.Count < state.Config.MaxNumSeqs)
            {
                var s = state.Waiting.PeekFront();
                if (!state.Kv.TryReserve(s, s.PromptTokens + s.OutputTokens))
                {
                    break;
                }

                state.Admit(plan);
            }
        }

        foreach (var s in state.Running)
        {
            if (s.InFlight)
            {
                // The batch is still in the pipeline: static batching runs one micro-batch at a time.
                plan.Clear();
                return;
            }

            if (s.IsPrefilling)
            {
                plan.AddPrefill(s, s.PrefillTargetTokens - s.ContextTokens);
            }
            else if (!s.IsDone)
            {
                plan.AddDecode(s);
            }
        }

        foreach (var item in plan.Items)
        {
            item.Sequence.InFlight = true;
        }
    }
}
