using DesSim.Core.Configuration;
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

    /// <summary>Weights and session affinity of <c>router: prefix-aware</c> (docs/prefix-caching.md).</summary>
    public PrefixRouterOptions PrefixRouting { get; init; } = PrefixRouterOptions.Default;

    /// <summary>KV tiers below GPU memory (<c>kv_tiers:</c>, docs/prefix-caching.md), in lookup order; empty when none.</summary>
    public IReadOnlyList<Execution.KvTierSpec> KvTiers { get; init; } = [];

    /// <summary>Injected faults (<c>faults:</c>, docs/faults.md).</summary>
    public Execution.FaultPlan Faults { get; init; } = Execution.FaultPlan.None;

    /// <summary>Prices for the <c>cost</c> outputs (<c>cost:</c>, shipped estimates where absent); null when the GPU has no price.</summary>
    public PriceSpec? Prices { get; init; }

    /// <summary>Pools of instances on node groups (heterogeneous <c>cluster.node_groups</c> or <c>disaggregation:</c>); null: one
    /// homogeneous data-parallel layout from <c>parallelism:</c> (docs/disaggregation.md).</summary>
    public IReadOnlyList<PoolSpec>? Pools { get; init; }

    /// <summary>Prefill/decode disaggregation (<c>disaggregation:</c>, docs/disaggregation.md); null: colocated. When set,
    /// <see cref="Pools"/> holds the prefill pool then the decode pool.</summary>
    public Execution.DisaggregationConfig? Disaggregation { get; init; }

    /// <summary>The engine as the scenario asked for it, with its generic scheduler keys and policy override, so that
    /// each pool resolves the engine's defaults for its own GPU and TP (null: resolved once, <see cref="EngineSelection"/>).</summary>
    public (Scheduling.Engines.EngineSpec Spec, Scheduling.Engines.SchedulerKeys Keys, BatchPolicyKind? Policy)? EngineRequest { get; init; }

    /// <summary>The plan this scenario was validated against and its runs share (<see cref="ScenarioVariants.Plan"/>); null
    /// until planned (a scenario built by hand is planned by the first run).</summary>
    public ScenarioPlan? Planned { get; internal init; }

    /// <summary>The deployment plans this scenario and every variant derived from it share (one per distinct layout).</summary>
    internal Parallelism.DeploymentPlanCache Plans { get; init; } = new();

    /// <summary>Notes about the scenario's text (a deprecated key spelling, docs/scenarios.md "Units"), in the order
    /// raised; a run puts them first among its notes.</summary>
    public IReadOnlyList<string> InputNotes { get; init; } = [];

    /// <summary>Kernel-time variability (<c>variability:</c>, docs/faults.md).</summary>
    public Execution.VariabilitySpec Variability { get; init; } = Execution.VariabilitySpec.None;
}
