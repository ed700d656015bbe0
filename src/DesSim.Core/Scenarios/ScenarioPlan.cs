using DesSim.Core.Execution;
using DesSim.Core.Parallelism;

namespace DesSim.Core.Scenarios;

/// <summary>What a scenario was validated against and what its runs share: the deployment plan of its layout, or its placed
/// pools. Built only by <see cref="ScenarioVariants.Plan"/>; immutable and thread-safe.</summary>
/// <remarks>A scenario carries the plan of its own deployment, pools and faults (<see cref="IsPlanOf"/>); a record <c>with</c>
/// that changes any of them without going through <see cref="ScenarioVariants"/> leaves a plan that no longer matches,
/// which <see cref="ScenarioRunner"/> refuses.</remarks>
public sealed class ScenarioPlan
{
    internal ScenarioPlan(DeploymentSpec spec, IReadOnlyList<PoolSpec>? poolSpecs, FaultPlan faults, DeploymentPlan? deployment, IReadOnlyList<PlacedPool>? pools)
    {
        Spec = spec;
        PoolSpecs = poolSpecs;
        Faults = faults;
        Deployment = deployment;
        Pools = pools;
    }

    /// <summary>The deployment spec validated.</summary>
    public DeploymentSpec Spec { get; }

    /// <summary>The pools validated (null: one homogeneous layout).</summary>
    public IReadOnlyList<PoolSpec>? PoolSpecs { get; }

    /// <summary>The fault plan checked against the layout.</summary>
    public FaultPlan Faults { get; }

    /// <summary>The plan of the homogeneous layout; null for a scenario of pools.</summary>
    public DeploymentPlan? Deployment { get; }

    /// <summary>The placed pools; null for one homogeneous layout.</summary>
    public IReadOnlyList<PlacedPool>? Pools { get; }

    /// <summary>Whether this is the plan of <paramref name="scenario"/>'s deployment, pools and faults as they are now.</summary>
    public bool IsPlanOf(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Spec.Equals(scenario.Deployment) && ReferenceEquals(PoolSpecs, scenario.Pools) && Equals(Faults, scenario.Faults);
    }
}
