using DesSim.Core.Execution;
using DesSim.Core.Parallelism;
using DesSim.Engine;

namespace DesSim.Core.Scenarios;

/// <summary>The executor configuration of placed pools: per pool its own GPU's cost model, memory and engine defaults.</summary>
internal static class PoolConfigs
{
    /// <summary>One <see cref="ServingPool"/> per placed pool, priced by <paramref name="deployments"/> (the run's lease of each
    /// pool's plan, aligned with <paramref name="placed"/>); the engine's defaults are resolved for the pool's GPU and TP.</summary>
    public static IReadOnlyList<ServingPool> Build(Scenario scenario, IReadOnlyList<PlacedPool> placed, IReadOnlyList<Deployment> deployments, RandomStreams streams)
    {
        var pools = new List<ServingPool>(placed.Count);
        for (int i = 0; i < placed.Count; i++)
        {
            var p = placed[i];
            var scheduler = scenario.Scheduler;
            var engine = scenario.Engine;
            var selection = scenario.EngineSelection;
            if (scenario.EngineRequest is { } request)
            {
                selection = Scheduling.Engines.EngineReader.Resolve(request.Spec, new Scheduling.Engines.EngineContext(p.Deployment.Gpu, p.Spec.Tp, p.Spec.Pp), request.Keys);
                scheduler = request.Policy is { } policy ? selection.Settings.Scheduler with { Policy = policy } : selection.Settings.Scheduler;
                scheduler = scheduler with { EnablePrefixCaching = scenario.Scheduler.EnablePrefixCaching };
                engine = selection.Overheads;
            }

            var config = ScenarioRunner.BuildConfig(scenario, deployments[i], streams, p.GpuIds, scheduler, engine, selection);
            pools.Add(new ServingPool(p.Spec.Name, p.Spec.Role, p.Deployment.Gpu.Name, config));
        }

        return pools;
    }

    /// <summary>The KV flows from the prefill pool (<paramref name="placed"/>[0]) to the decode pool ([1]).</summary>
    public static KvTransferFlows Flows(Scenario scenario, IReadOnlyList<PlacedPool> placed)
    {
        var m = scenario.Deployment.Model;
        long perHead = 2L * m.HeadDim * scenario.Deployment.KvPrecision.BytesPerElement;
        var p = placed[0].Deployment;
        var d = placed[1].Deployment;
        return new KvTransferFlows(m.NumKvHeads, perHead, p.Stages.Select(s => s.LayerCount).ToArray(), p.Plan.Tp, d.Stages.Select(s => s.LayerCount).ToArray(), d.Plan.Tp);
    }

    /// <summary>The run-wide configuration: every pool's GPU ids in replica order, the cluster's GPU count, and a power model
    /// only when every pool runs on the same GPU (the energy meter has one).</summary>
    public static ServingConfig Cluster(Scenario scenario, IReadOnlyList<ServingPool> pools)
    {
        var first = pools[0].Config;
        bool oneGpu = pools.All(p => p.GpuName == pools[0].GpuName);
        return first with
        {
            StageGpuIds = pools.SelectMany(p => p.Config.StageGpuIds).ToArray(),
            GpuCount = scenario.Deployment.Cluster.TotalGpus,
            Power = oneGpu ? first.Power : null,
            ExpertRouting = null,
        };
    }
}
