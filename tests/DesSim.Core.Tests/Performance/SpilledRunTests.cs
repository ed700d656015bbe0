using DesSim.Core.Execution;
using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using DesSim.Core.Tests.Properties;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Performance;

/// <summary>A run whose request records go through the spill file gives the result an in-memory run gives: same summary,
/// same records in the same order (random small scenarios, with and without faults and retries).</summary>
public sealed class SpilledRunTests
{
    private static RunResult Run(Scenario scenario, RequestLog log)
    {
        var deployment = Deployment.Create(scenario.Deployment);
        var sim = new Simulator(scenario.Seed);
        using var workload = WorkloadFactory.Open(scenario.Workload, sim.Streams);
        var collector = new MetricsCollector(scenario.Outputs.Timeline, log);
        var serving = new ServingSimulation(sim, ScenarioRunner.BuildConfig(scenario, deployment), workload.Source, deployment.CreateNetwork(sim), collector);
        serving.Run();
        return RunResultBuilder.Build(serving, collector, scenario.Slo, []);
    }

    [Test]
    public void Spilling_the_records_changes_nothing([Range(1UL, 12UL)] ulong seed)
    {
        var scenario = RandomScenario.Create(seed, faults: seed % 2 == 0);
        var memory = Run(scenario, new RequestLog());
        var spilledLog = new RequestLog(memoryRecords: 3);
        var spilled = Run(scenario, spilledLog);
        Assert.That(spilledLog.Spilled, Is.EqualTo(memory.Requests.Count > 3));
        Assert.That(spilled.Summary with { Faults = null }, Is.EqualTo(memory.Summary with { Faults = null }));
        Assert.That(spilled.Summary.Faults is null, Is.EqualTo(memory.Summary.Faults is null));
        if (memory.Summary.Faults is { } f)
        {
            var g = spilled.Summary.Faults!;
            Assert.That(g with { Windows = f.Windows }, Is.EqualTo(f));
            Assert.That(g.Windows, Is.EqualTo(f.Windows));
        }

        Assert.That(spilled.Requests.ToArray(), Is.EqualTo(memory.Requests.ToArray()));
        Assert.That(memory.Requests.Select(r => r.Id), Is.Ordered.Ascending);
    }
}
