namespace DesSim.Core.Metrics;

/// <summary>Service-level objectives a request must meet to count toward goodput (null = not checked).</summary>
/// <remarks>A request meets the SLO when TTFT ≤ <see cref="TtftMs"/>, TPOT ≤ <see cref="TpotMs"/> (single-token outputs pass),
/// E2EL ≤ <see cref="E2elMs"/> and queueing delay ≤ <see cref="QueueMs"/>. All milliseconds.</remarks>
public sealed record SloSpec(double? TtftMs = null, double? TpotMs = null, double? E2elMs = null, double? QueueMs = null)
{
    /// <summary>The interactive-chat SLO used by a large operator (facts.md §1): TTFT 350 ms, TPOT 25 ms.</summary>
    public static readonly SloSpec Chat = new(TtftMs: 350, TpotMs: 25);

    /// <summary>Whether <paramref name="r"/> met every objective.</summary>
    public bool IsMet(in RequestRecord r) =>
        !r.Rejected
        && (TtftMs is not { } t || r.TtftMs <= t)
        && (TpotMs is not { } p || r.OutputTokens <= 1 || r.TpotMs <= p)
        && (E2elMs is not { } e || r.E2elMs <= e)
        && (QueueMs is not { } q || r.QueueMs <= q);
}
