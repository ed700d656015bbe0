using DesSim.Core.Configuration;
using DesSim.Core.Parallelism;
using DesSim.Core.Workload;

namespace DesSim.Core.Scenarios;

/// <summary>The one way to make a scenario runnable: every scenario, loaded from YAML (with <c>--set</c> and a sweep's grid
/// axes applied to the YAML) or derived from another (a layout, a load, a power cap), passes <see cref="Plan"/>, which
/// re-validates the layout (memory fit, degrees), the pools and the fault plan against them, and attaches the
/// <see cref="ScenarioPlan"/> its runs share.</summary>
/// <remarks>A scenario and its variants share one <see cref="DeploymentPlanCache"/>, so a variant that keeps the deployment
/// (a load, an SLO) reuses its plan, and a layout is planned once per study. A bad variant fails with an
/// <see cref="InputException"/> (exit 2) naming the file, the key and the variant.</remarks>
public static class ScenarioVariants
{
    /// <summary>Validates <paramref name="scenario"/> and attaches its plan (the cached one when its deployment was planned before).</summary>
    /// <param name="scenario">The scenario or variant.</param>
    /// <param name="source">Its YAML, when it was read from one (errors then name the line); null for a derived variant.</param>
    /// <param name="variant">What the variant changed, for the error message (e.g. <c>layout TP2xPP1xDP4</c>); null for a loaded scenario.</param>
    /// <exception cref="InputException">The layout, a pool or the fault plan cannot run.</exception>
    public static Scenario Plan(Scenario scenario, YamlSection? source = null, string? variant = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Planned is { } planned && planned.IsPlanOf(scenario))
        {
            return scenario;
        }

        try
        {
            if (scenario.Pools is { } pools)
            {
                // Why here: a pool that does not fit, or a model that does not fit a pool's GPUs, must fail before anything runs.
                var placed = source is null ? PoolPlacement.Place(scenario.Deployment, pools, scenario.Plans) : PoolScenarios.Place(scenario.Deployment, pools, source, scenario.Plans);
                CheckFaults(scenario, source, placed.Sum(p => p.Spec.Instances), scenario.Deployment.Cluster.TotalGpus);
                return scenario with { Planned = new ScenarioPlan(scenario.Deployment, pools, scenario.Faults, null, placed) };
            }

            // Why here: an impossible layout or a model that does not fit must fail before anything runs or is written.
            var plan = source is null ? scenario.Plans.Get(scenario.Deployment) : Located(scenario, source);
            CheckFaults(scenario, source, plan.Plan.Dp, plan.Plan.GpuCount);
            return scenario with { Planned = new ScenarioPlan(scenario.Deployment, null, scenario.Faults, plan, null) };
        }
        catch (InputException e) when (e.Source is null || variant is not null)
        {
            // Why: a derived variant has no YAML line to point at; the file, the key and what the variant changed do.
            throw new InputException(e.Source ?? scenario.SourcePath, e.Location ?? "parallelism", variant is null ? e.Reason : $"{variant}: {e.Reason}", e.Hint);
        }
    }

    /// <summary><paramref name="scenario"/> moved to <paramref name="layout"/> (explicit stage layers dropped), validated.</summary>
    /// <exception cref="InputException">The layout, or the fault plan on it, cannot run.</exception>
    public static Scenario WithLayout(Scenario scenario, ParallelPlan layout)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(layout);
        return layout == scenario.Deployment.Plan
            ? Plan(scenario)
            : Plan(scenario with { Deployment = scenario.Deployment with { Plan = layout, StageLayers = null } }, variant: $"layout {layout}");
    }

    /// <summary><paramref name="scenario"/> on <paramref name="deployment"/> (e.g. a power cap on its cluster), validated.</summary>
    /// <exception cref="InputException">The deployment cannot run.</exception>
    public static Scenario WithDeployment(Scenario scenario, DeploymentSpec deployment, string variant)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Plan(scenario with { Deployment = deployment }, variant: variant);
    }

    /// <summary><paramref name="scenario"/> under another workload (a load, saturation): the layout is unchanged, so the plan is kept.</summary>
    public static Scenario WithWorkload(Scenario scenario, WorkloadSpec workload)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Plan(scenario with { Workload = workload });
    }

    private static DeploymentPlan Located(Scenario scenario, YamlSection source)
    {
        try
        {
            return scenario.Plans.Get(scenario.Deployment);
        }
        catch (InputException e) when (e.Source is null)
        {
            throw DeploymentPlan.Locate(e, source);
        }
    }

    private static void CheckFaults(Scenario scenario, YamlSection? source, int replicas, int gpuCount)
    {
        if (source is not null)
        {
            FaultSpecReader.CheckAgainst(scenario.Faults, source, replicas, gpuCount);
        }
        else if (scenario.Faults.Problem(replicas, gpuCount) is { } problem)
        {
            throw new InputException(scenario.SourcePath, "faults", problem);
        }
    }
}
