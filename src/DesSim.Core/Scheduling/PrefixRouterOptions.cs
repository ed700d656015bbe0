namespace DesSim.Core.Scheduling;

/// <summary>Weights of the <c>prefix-aware</c> router and its session-affinity switch.</summary>
/// <remarks>Cost of replica <c>r</c> (Dynamo's KV router, docs.nvidia.com/dynamo "Router Design", v0.4–v0.8:
/// <c>kv_overlap_score_weight × potential prefill blocks + potential active blocks</c>, weight default 1.0, the lowest cost
/// wins at temperature 0): <c>OverlapWeight × (prompt − tokens cached on r) + LoadWeight × outstanding tokens on r</c>,
/// in tokens (the block size divides out). With <see cref="SessionAffinity"/> a session's later turns go to the replica of
/// its previous turn while that replica is up.</remarks>
/// <param name="OverlapWeight">Weight of the prefill still to compute, ≥ 0 (Dynamo <c>kv_overlap_score_weight</c>).</param>
/// <param name="LoadWeight">Weight of the tokens the replica already holds (prompt + remaining output), ≥ 0.</param>
/// <param name="SessionAffinity">Keep a session on one replica.</param>
public sealed record PrefixRouterOptions(double OverlapWeight, double LoadWeight, bool SessionAffinity)
{
    /// <summary>Dynamo's defaults: both weights 1, no affinity.</summary>
    public static readonly PrefixRouterOptions Default = new(1.0, 1.0, false);
}
