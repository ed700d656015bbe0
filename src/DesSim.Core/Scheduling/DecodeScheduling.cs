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

            if (!Reserve(state, plan, s))
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

    // One more cached token after this step: grow the allocation, preempting the newest other sequences if needed, or
    // this one when it is the newest. Returns false when this sequence itself was preempted.
    private static bool Reserve(SchedulerState state, BatchPlan plan, Sequence s)
    {
        while (!state.Kv.TryReserve(s, s.ContextTokens + 1))
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
