using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Scenarios;

/// <summary>A finished run: the scenario, its planned deployment, the result and the events processed.</summary>
/// <remarks>With pools (<see cref="Pools"/> not null), <see cref="Deployment"/> is the first pool's.</remarks>
public sealed record ScenarioRun(Scenario Scenario, Deployment Deployment, RunResult Result, long EventsProcessed)
{
    /// <summary>The placed pools of a heterogeneous or disaggregated run; null for one homogeneous layout.</summary>
    public IReadOnlyList<PlacedPool>? Pools { get; init; }

    /// <summary>The layout in one label: the plan (<c>TP4xPP2</c>), or per pool <c>prefill 3xTP2xPP1 + decode 1xTP4xPP1</c>.</summary>
    public string LayoutLabel => Pools is null ? Deployment.Plan.ToString()
        : string.Join(" + ", Pools.Select(p => $"{p.Spec.Name} {p.Spec.Instances}xTP{p.Spec.Tp}xPP{p.Spec.Pp} on {p.Deployment.Gpu.Name}"));
}
