using DesSim.Core.Cost;
using DesSim.Core.Execution;
using DesSim.Core.Metrics;
using DesSim.Core.Scheduling;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.TestDoubles;

/// <summary>Runs a small serving simulation with test doubles.</summary>
internal static class ServingHarness
{
    public static (RunResult Result, ServingSimulation Simulation) Run(
        IRequestSource source,
        IStageCostModel cost,
        int dp = 1,
        int pp = 1,
        int tp = 1,
        long kvBlocks = 10_000,
        int blockSize = 16,
        SchedulerConfig? scheduler = null,
        RouterKind router = RouterKind.RoundRobin,
        double linkLatencySeconds = 0,
        double linkBytesPerSecond = 1e12,
        long activationBytesPerToken = 0,
        double sampleStepSeconds = 0,
        ulong seed = 1,
        FaultPlan? faults = null,
        double kernelCv = 0,
        PrefixRouterOptions? prefixRouting = null,
        KvTierConfig? kvTiers = null)
    {
        var sim = new Simulator(seed);
        int gpu = 0;
        var ids = new int[dp][][];
        for (int r = 0; r < dp; r++)
        {
            ids[r] = new int[pp][];
            for (int s = 0; s < pp; s++)
            {
                ids[r][s] = Enumerable.Range(gpu, tp).ToArray();
                gpu += tp;
            }
        }

        var config = new ServingConfig(ids, gpu, cost, activationBytesPerToken, kvBlocks, blockSize, scheduler ?? new SchedulerConfig(), router)
        {
            SampleStepSeconds = sampleStepSeconds,
            Faults = faults ?? FaultPlan.None,
            Variability = new VariabilitySpec(kernelCv),
            PrefixRouting = prefixRouting ?? PrefixRouterOptions.Default,
            KvTiers = kvTiers,
        };
        var network = new FixedDelayNetwork(sim, linkLatencySeconds, linkBytesPerSecond).AsNetwork();
        var collector = new MetricsCollector();
        var serving = new ServingSimulation(sim, config, source, network, collector);
        serving.Run();
        return (RunResultBuilder.Build(serving, collector, SloSpec.Chat, []), serving);
    }
}
