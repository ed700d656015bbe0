namespace DesSim.Core.Scheduling;

/// <summary>Shared step of the continuous-batching policies: give each running, idle, decoding sequence one token,
/// preempting the newest sequences when KV blocks run out.</summary>
internal static class DecodeScheduling
{
    /// <summary>Adds decodes (oldest first) up to <paramref name="maxSeqs"/>; returns how many were added.</summary>
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

            // One more cached token after this step; grow the allocation, preempting the newest others if needed.
            while (!state.Kv.TryReserve(s, s.ContextTokens + 1))
            {
                var victim = state.NewestPreemptible(except: s);
                if (victim is null || victim.AdmissionStamp < s.AdmissionStamp)
                {
                    victim = s;
                }

                int index = running.IndexOf(victim);
                state.Preempt(victim, plan);
                RemoveItemsOf(plan, victim);
                if (ReferenceEquals(victim, s))
                {
                    i--;
                    goto next;
                }

                if (index < i)
                {
                    i--;
                }
            }

            plan.AddDecode(s);
            s.InFlight = true;
            added++;
        next:;
        }

        return added;
    }

    private static void RemoveItemsOf(BatchPlan plan, Sequence victim)
    {
        // A sequence preempted after it was put in this plan (only possible for decodes added earlier) leaves the plan.
        for (int j = plan.Items.Count - 1; j >= 0; j--)
        {
            if (ReferenceEquals(plan.Items[j].Sequence, victim))
            {
                throw new InvalidOperationException("a sequence already in the plan was chosen for preemption");
            }
        }
    }
}
