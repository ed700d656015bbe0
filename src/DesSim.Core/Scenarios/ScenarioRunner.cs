using DesSim.Core.Execution;
using DesSim.Core.Hardware;
using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Scenarios;

/// <summary>Runs one scenario end to end: plans the deployment, opens the workload, simulates, and builds the result.</summary>
public static class ScenarioRunner
{
    /// <summary>Runs <paramref name="scenario"/>; <paramref name="progress"/> (optional) is called now and then with the simulation's progress.</summary>
    /// <exception cref="InputException">The layout cannot run, or the workload has bad input.</exception>
    public static ScenarioRun Run(Scenario scenario, Action<RunProgress>? progress = null)
    {
        var deployment = Deployment.Create(scenario.Deployment);
        var sim = new Simulator(scenario.Seed);
        using var workload = WorkloadFactory.Open(scenario.Workload, sim.Streams);
        var config = BuildConfig(scenario, deployment);
        var network = deployment.CreateNetwork(sim);
        if (scenario.Faults.Links.Count > 0 && network is IDegradableNetwork degradable)
        {
            degradable.Degradation = new LinkDegradation(deployment.Topology, scenario.Faults.Links);
        }
        var collector = new MetricsCollector(scenario.Outputs.Timeline);
        var serving = new ServingSimulation(sim, config, workload.Source, network, collector);
        var reporter = progress is null ? null : new ProgressReporter(sim, serving, workload.ExpectedRequests, progress);
        reporter?.Start();
        serving.Run();
        var notes = new List<string>(deployment.Notes);
        notes.AddRange(workload.Diagnostics.Summary().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => "workload: " + line));
        var result = RunResultBuilder.Build(serving, collector, scenario.Slo, notes);
        return new ScenarioRun(scenario, deployment, result, sim.ProcessedEvents);
    }

    /// <summary>The executor configuration of a planned deployment under a scenario.</summary>
    public static ServingConfig BuildConfig(Scenario scenario, Deployment deployment)
    {
        var plan = deployment.Plan;
        var ids = new int[plan.Dp][][];
        for (int r = 0; r < plan.Dp; r++)
        {
            ids[r] = new int[deployment.Stages.Count][];
            for (int s = 0; s < deployment.Stages.Count; s++)
            {
                ids[r][s] = deployment.GpuIds(r, s);
            }
        }

        return new ServingConfig(
            ids,
            plan.GpuCount,
            deployment.CostModel,
            deployment.ActivationBytesPerToken,
            deployment.Memory.KvBlocksPerReplica,
            scenario.Deployment.BlockSizeTokens,
            scenario.Scheduler,
            scenario.Router)
        {
            SampleStepSeconds = scenario.Outputs.TimeSeriesStepSeconds,
            IterationOverheadSeconds = scenario.Engine.IterationOverheadSeconds,
            PerSequenceOverheadSeconds = scenario.Engine.PerSequenceOverheadSeconds,
            Faults = scenario.Faults,
            Variability = scenario.Variability,
        };
    }
}
