using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Scenarios;

/// <summary>A finished run: the scenario, its planned deployment, the result and the events processed.</summary>
/// <remarks>With pools (<see cref="Pools"/> not null), <see cref="Deployment"/> is the first pool's.</remarks>
public sealed record ScenarioRun(Scenario Scenario, Deployment Deployment, RunResult Result, long EventsProcessed)
{
    /// <summary>The placed pools of a heterogeneous or disaggregated run; null for one homogeneous layout.</summary>
    public IReadOnlyList<PlacedPool>? Pools { get; init; }
}
