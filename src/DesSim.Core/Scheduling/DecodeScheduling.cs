namespace DesSim.Core.Scheduling;

/// <summary>Shared step of the continuous-batching policies: give each running, idle, decoding sequence one token,
/// preempting the newest sequences when KV blocks run out.</summary>
internal static class DecodeScheduling
{
    /// <summary>Adds decodes (oldest first) up to <paramref name="maxSeqs"/>; returns how many were added.</summary>
    /// <remarks>A victim is always newer than the sequence that needs the block, so it sits later in
    /// <see cref="SchedulerState.Running"/> (admission order) and the loop index stays valid; sequences already in this plan
    /// are in flight and never chosen (<see cref="SchedulerState.Preempt"/> refuses them).</remarks>
    public static int AddDecodes(SchedulerState state, BatchPlan plan, int maxSeqs)
    {
        int added = 0;
        var running = state.Running;
        for (int i = 0; i < running.Count && added < maxSeqs; i++)
        {
            var s = running[i];
            if (s.InFlight || s.IsPrefilling || s.IsDone)
            {
                continue;
            }

            if (!ReserveOrPreempt(state, plan, s, s.ContextTokens + 1))
            {
                i--; // it left Running; the next sequence now sits at index i
                continue;
            }

            plan.AddDecode(s);
            s.InFlight = true;
            added++;
        }

        return added;
    }

    /// <summary>Grows <paramref name="s"/>'s allocation to <paramref name="tokens"/> cached tokens, preempting the newest
    /// other sequences if needed, or this one when it is the newest (vLLM V0 and V1, recompute mode). Returns false when
    /// <paramref name="s"/> itself was preempted.</summary>
    public static bool ReserveOrPreempt(SchedulerState state, BatchPlan plan, Sequence s, int tokens)
    {
        while (!state.Kv.TryReserve(s, tokens))
        {
            var victim = state.NewestPreemptible(except: s);
            if (victim is null || victim.AdmissionStamp < s.AdmissionStamp)
            {
                state.Preempt(s, plan);
                return false;
            }

            state.Preempt(victim, plan);
        }

        return true;
    }
}
