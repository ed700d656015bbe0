using DesSim.Core.Configuration;
using DesSim.Core.Execution;
using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;
using DesSim.Core.Scenarios;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Properties;

/// <summary>Issue #10's executor invariants over random small scenarios, each run on the real executor (roofline cost).</summary>
public sealed class ExecutorPropertyTests
{
    private const int Cases = 200;

#pragma warning disable NUnit1027 // Why: FsCheck supplies the arguments, not NUnit attributes.
    /// <summary>Every request completes exactly once, with every token it asked for, TTFT ≤ E2EL, and
    /// throughput × makespan = tokens.</summary>
    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public void RequestsCompleteOnceWithAllTheirTokens(ulong seed) => CheckRequests(seed, faults: false);

    /// <summary>No stage runs two micro-batches at once, KV never exceeds capacity, time never goes backwards, and
    /// every server is idle with nothing held at the end.</summary>
    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public void ResourcesAreNeverOvercommittedAndEndIdle(ulong seed) => CheckResources(seed, faults: false);

    /// <summary>The same request invariants hold under replica failures, stragglers and jitter: no request is lost.</summary>
    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public void NoRequestIsLostUnderFaults(ulong seed) => CheckRequests(seed, faults: true);

    /// <summary>Resource invariants under faults.</summary>
    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public void ResourcesHoldUnderFaults(ulong seed) => CheckResources(seed, faults: true);
#pragma warning restore NUnit1027

    private static void CheckRequests(ulong seed, bool faults)
    {
        var (scenario, sim, checker, result, offered) = Run(seed, faults);
        var s = result.Summary;
        Assert.That(checker.Violations, Is.Empty, scenario.YamlText);
        Assert.That(checker.Completions.Count, Is.EqualTo(offered), "every offered request finished");
        Assert.That(checker.Completions.Values.All(n => n == 1), "exactly once");
        Assert.That(s.RequestsCompleted + s.RequestsRejected, Is.EqualTo(offered));
        var done = result.Requests.Where(r => !r.Rejected).ToArray();
        long requested = done.Sum(r => (long)r.OutputTokens);
        Assert.That(checker.TokensEmitted - checker.TokensDiscarded, Is.EqualTo(requested), "tokens generated = tokens requested");
        Assert.That(done.All(r => r.FirstToken.Nanoseconds <= r.Completion.Nanoseconds && r.TtftMs <= r.E2elMs), "TTFT ≤ E2EL");
        Assert.That(s.OutputThroughput * s.DurationSeconds, Is.EqualTo((double)requested).Within(1e-6 * Math.Max(1, requested)), "throughput × makespan = tokens");
        Assert.That(sim.Completed, Is.EqualTo(done.Length));
    }

    private static void CheckResources(ulong seed, bool faults)
    {
        var (scenario, sim, checker, result, _) = Run(seed, faults);
        Assert.That(checker.Violations, Is.Empty, scenario.YamlText);
        var end = sim.Snapshot();
        Assert.That(end.WaitingRequests + end.RunningRequests + end.InFlightMicroBatches + end.KvUsedBlocks, Is.Zero, "all idle at the end");
        Assert.That(sim.PeakKvBlocks.All(p => p <= sim.Config.KvBlocksPerReplica), "KV peak within capacity");
        Assert.That(result.Gpus.All(g => g.ComputeSeconds >= 0 && g.TpCommSeconds >= 0 && g.PpCommSeconds >= 0 && g.OtherCommSeconds >= 0), "no GPU time negative");
    }

    private static (Scenario Scenario, ServingSimulation Sim, InvariantChecker Checker, RunResult Result, long Offered) Run(ulong seed, bool faults)
    {
        var scenario = RandomScenario.Create(seed, faults);
        var deployment = Deployment.Create(scenario.Deployment);
        var sim = new Simulator(scenario.Seed);
        using var workload = WorkloadFactory.Open(scenario.Workload, sim.Streams);
        var collector = new MetricsCollector(scenario.Outputs.Timeline);
        var checker = new InvariantChecker(collector);
        var serving = new ServingSimulation(sim, ScenarioRunner.BuildConfig(scenario, deployment), workload.Source, deployment.CreateNetwork(sim), checker);
        serving.Run(); // Why: Run itself checks the end-of-run invariants and throws on a violation.
        var result = RunResultBuilder.Build(serving, collector, scenario.Slo, []);
        Assert.That(workload.ExpectedRequests, Is.Not.Null.And.EqualTo(serving.Arrived), "every request of the workload was offered");
        return (scenario, serving, checker, result, serving.Arrived);
    }
}
