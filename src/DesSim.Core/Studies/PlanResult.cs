using DesSim.Core.Scenarios;

namespace DesSim.Core.Studies;

/// <summary>The outcome of <c>dessim plan</c>: every feasible layout assessed and ranked, best first.</summary>
/// <remarks><see cref="Simulations"/> counts every simulation run (all replications, all capacity probes).
/// <see cref="Rejected"/> lists layouts that do not fit, with the reason.</remarks>
public sealed record PlanResult(Scenario Base, PlanPreset Preset, PlanObjective Objective, int Replications, IReadOnlyList<LayoutAssessment> Ranked, IReadOnlyList<string> Rejected, int Simulations)
{
    /// <summary>With <c>--disaggregation</c>: whether the best prefill/decode split beats the best colocated layout under the
    /// objective, and why (<see cref="PoolPlanExplainer.Verdict"/>); null otherwise.</summary>
    public string? DisaggregationVerdict { get; init; }
}
