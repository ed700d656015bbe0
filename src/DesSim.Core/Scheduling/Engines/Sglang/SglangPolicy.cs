namespace DesSim.Core.Scheduling.Engines.Sglang;

/// <summary>SGLang's scheduler: run a prefill batch whenever its admission rule lets a chunk or a new request in,
/// otherwise a decode batch of every running request; KV is discounted by the new-token ratio.</summary>
/// <remarks>
/// Source: sglang python/sglang/srt/managers/scheduler.py (<c>get_next_batch_to_run</c>, <c>get_new_batch_prefill</c>,
/// <c>update_running_batch</c>) and schedule_policy.py (<c>PrefillAdder</c>), v0.5.1.post1–v0.5.8.post1, FCFS; with the radix cache a request's matched prefix is held and only its extend tokens are
/// prefilled and counted.
/// Prefill admission (<c>PrefillAdder</c>): the token room is the free KV minus, for each running request,
/// <c>min(max_new_tokens − generated, 4096) × new_token_ratio</c>. The request being chunked goes first with its next chunk.
/// A waiting request is refused (and admission stops) when its prompt plus <c>min(max_new_tokens, 4096)</c> is not below the
/// room left; or when its prompt exceeds the <c>max_prefill_tokens</c> left and the batch already has one; a prompt larger
/// than the <c>chunked_prefill_size</c> left is cut to it and becomes the one chunked request. Each admission takes its
/// prompt plus <c>min(max_new_tokens, 4096)</c> from the room (a cut chunk only its tokens).
/// Decode: every running request takes one token; when KV runs out, requests are retracted, fewest generated tokens first
/// (longest prompt on ties), and the ratio jumps to <c>(Σ generated + 20·n) / Σ max_new_tokens</c> of those left; otherwise
/// it decays by <c>(init − min)/600</c> per decode step, and resets when the replica is idle. A retracted request goes back
/// to the front of the queue (SGLang appends it at the back; not modeled). <c>enable_mixed_chunk</c> adds the running
/// decodes to a prefill batch.
/// The ratio is state of this policy instance: one instance per scheduler.
/// </remarks>
public sealed class SglangPolicy : IBatchPolicy
{
    private double _ratio = double.NaN;
    private readonly List<Sequence> _decoders = [];

    /// <summary>The current new-token ratio (NaN before the first step).</summary>
    public double NewTokenRatio => _ratio;

    /// <inheritdoc />
    public void Plan(SchedulerState state, BatchPlan plan)
    {
        plan.Clear();
        var adm = state.Config.Sglang;
        if (double.IsNaN(_ratio) || state.Running.Count == 0)
        {
            _ratio = adm.InitRatio;
        }

        Prefill(state, plan, adm);
        if (!plan.IsEmpty)
        {
            if (adm.MixedChunk)
            {
                AddDecodes(state, plan, adm, retract: false);
            }

            return;
        }

        AddDecodes(state, plan, adm, retract: true);
    }

    private void Prefill(SchedulerState state, BatchPlan plan, SglangAdmission adm)
    {
        var kv = state.Kv;
        var running = state.Running;
        double room = kv.FreeBlocks * (double)kv.BlockSizeTokens;
        foreach (var s in running)
        {
            if (!s.IsPrefilling && !s.IsDone)
            {
                room -= Math.Min(s.OutputTokens - s.GeneratedTokens, SglangAdmission.ClipMaxNewTokens) * _ratio;
            }
        }

        int input = adm.MaxPrefillTokens;
        int chunk = state.Config.MaxNumBatchedTokens;
        for (int i = 0; i < running.Count && chunk > 0; i++)
        {
            var s = running[i];
            if (s.InFlight || !s.IsPrefilling)
            {
                continue;
            }

            int remaining = s.PrefillTargetTokens - s.ContextTokens;
            int n = Math.Min(remaining, chunk);
            if (!kv.TryReserve(s, s.ContextTokens + n))
            {
                return;
            }

            plan.AddPrefill(s, n);
            s.InFlight = true;
            room -= n + (n == remaining ? Math.Min(s.OutputTokens, SglangAdmission.ClipMaxNewTokens) : 0);
            input -= n;
            chunk -= n;
        }

        while (state.Waiting.Count > 0 && room > 0 && chunk > 0 && input > 0 && state.Running.Count < state.MaxRunning)
        {
            var s = state.Waiting.PeekFront();
            var hit = kv.Match(s); // radix match_prefix: only the extend tokens after the prefix count (schedule_policy.py)
            int prompt = s.PromptTokens + s.GeneratedTokens - hit.Tokens;
            int future = Math.Min(s.OutputTokens, SglangAdmission.ClipMaxNewTokens);
            if (prompt + future >= room || (prompt > input && !plan.IsEmpty))
            {
                return;
            }

            int n = Math.Min(prompt, chunk);
            if (!kv.TryReserve(s, hit.Tokens + n, hit))
            {
                return;
            }

            state.Admit(plan);
            plan.AddPrefill(s, n);
            s.InFlight = true;
            room -= n + (n == prompt ? future : 0);
            input -= n;
            chunk -= n;
        }
    }

    private void AddDecodes(SchedulerState state, BatchPlan plan, SglangAdmission adm, bool retract)
    {
        _decoders.Clear();
        foreach (var s in state.Running)
        {
            if (!s.InFlight && !s.IsPrefilling && !s.IsDone)
            {
                _decoders.Add(s);
            }
        }

        if (_decoders.Count == 0)
        {
            return;
        }

        var kv = state.Kv;
        if (NewBlocks(kv, _decoders) > kv.FreeBlocks)
        {
            if (!retract)
            {
                return;
            }

            // Retract: fewest generated first, longest prompt on ties (ScheduleBatch.retract_decode).
            _decoders.Sort(static (a, b) => a.GeneratedTokens != b.GeneratedTokens ? b.GeneratedTokens.CompareTo(a.GeneratedTokens) : a.PromptTokens.CompareTo(b.PromptTokens));
            while (_decoders.Count > 1 && NewBlocks(kv, _decoders) > kv.FreeBlocks)
            {
                var victim = _decoders[^1];
                _decoders.RemoveAt(_decoders.Count - 1);
                state.Preempt(victim, plan);
            }

            long decoded = 0;
            long maxNew = 0;
            foreach (var s in _decoders)
            {
                decoded += s.GeneratedTokens;
                maxNew += s.OutputTokens;
            }

            _ratio = Math.Min(1.0, (decoded + ((double)SglangAdmission.RetractDecodeSteps * _decoders.Count)) / (maxNew + 1));
            _decoders.Sort(static (a, b) => a.AdmissionStamp.CompareTo(b.AdmissionStamp));
        }
        else if (retract)
        {
            _ratio = Math.Max(_ratio - adm.Decay, adm.MinRatio);
        }

        foreach (var s in _decoders)
        {
            if (!kv.TryReserve(s, s.ContextTokens + 1))
            {
                if (retract)
                {
                    state.Preempt(s, plan);
                }

                continue;
            }

            plan.AddDecode(s);
            s.InFlight = true;
        }
    }

    private static long NewBlocks(KvCache kv, List<Sequence> decoders)
    {
        long need = 0;
        foreach (var s in decoders)
        {
            need += Math.Max(0, kv.BlocksFor(s.ContextTokens + 1) - s.AllocatedBlocks);
        }

        return need;
    }
}
