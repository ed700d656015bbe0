using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;
using DesSim.Core.Scheduling;
using DesSim.Core.Workload;

namespace DesSim.Core.Scenarios;

/// <summary>One experiment: model, cluster, layout, scheduler, router, workload, SLO, seed and outputs.</summary>
/// <remarks>Built by <see cref="ScenarioLoader"/> from YAML (keys documented in docs/scenarios.md); immutable.
/// <see cref="YamlText"/> is the effective scenario (after <c>--set</c> overrides), echoed in reports.</remarks>
public sealed record Scenario(
    string Name,
    ulong Seed,
    string SourcePath,
    string YamlText,
    DeploymentSpec Deployment,
    SchedulerConfig Scheduler,
    RouterKind Router,
    WorkloadSpec Workload,
    SloSpec Slo,
    OutputSpec Outputs,
    EngineOverheads Engine)
{
    /// <summary>The serving engine, the version asked for and the modeled version that runs it (<c>engine:</c>, docs/engines.md).</summary>
    public Scheduling.Engines.EngineSelection? EngineSelection { get; init; }

    /// <summary>Injected faults (<c>faults:</c>, docs/faults.md).</summary>
    public Execution.FaultPlan Faults { get; init; } = Execution.FaultPlan.None;

    /// <summary>Prices for the <c>cost</c> outputs (<c>cost:</c>, shipped estimates where absent); null when the GPU has no price.</summary>
    public PriceSpec? Prices { get; init; }

    /// <summary>Kernel-time variability (<c>variability:</c>, docs/faults.md).</summary>
    public Execution.VariabilitySpec Variability { get; init; } = Execution.VariabilitySpec.None;
}
