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
    EngineOverheads Engine);
