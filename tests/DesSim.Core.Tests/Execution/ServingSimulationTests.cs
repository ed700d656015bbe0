using DesSim.Core.Scheduling;
using DesSim.Core.Tests.TestDoubles;

namespace DesSim.Core.Tests.Execution;

public sealed class ServingSimulationTests
{
    private const double Ms = 1e-3;

    [Test]
    public void OneRequestOnOneStageFollowsTheIterationCosts()
    {
        // Each iteration costs 10 ms + 0.01 ms per new token. Prefill of 100 tokens: 11 ms → first token.
        // Each decode (1 token): 10.01 ms. Output 3 tokens → two decodes.
        var (result, _) = ServingHarness.Run(ListRequestSource.Of((0, 100, 3)), new LinearCostModel(10 * Ms, 0.01 * Ms));
        var r = result.Requests.Single();
        Assert.That(r.TtftMs, Is.EqualTo(11.0).Within(1e-9));
        Assert.That(r.E2elMs, Is.EqualTo(11.0 + (2 * 10.01)).Within(1e-9));
        Assert.That(r.TpotMs, Is.EqualTo(10.01).Within(1e-9));
        Assert.That(result.Summary.ItlMs.Median, Is.EqualTo(10.01).Within(10.01 * 1e-3));
        Assert.That(result.Summary.RequestsCompleted, Is.EqualTo(1));
        Assert.That(result.Summary.DurationSeconds, Is.EqualTo(31.02 * Ms).Within(1e-12));
    }

    [Test]
    public void PipelineAddsTheTransferTimeExactly()
    {
        // Two stages of 5 ms each; 1 GB/s link, 1 µs latency; 4 bytes per token activations, TP1.
        // Prefill 100 tokens: 5 ms + (1 µs + 400 B / 1 GB/s = 1.4 µs) + 5 ms.
        var (result, _) = ServingHarness.Run(ListRequestSource.Of((0, 100, 2)), new LinearCostModel(5 * Ms, 0), pp: 2,
            linkLatencySeconds: 1e-6, linkBytesPerSecond: 1e9, activationBytesPerToken: 4);
        var r = result.Requests.Single();
        Assert.That(r.TtftMs, Is.EqualTo(10.0014).Within(1e-9));
        // Decode: 5 + (1 µs + 4 B / 1 GB/s = 1.004 µs) + 5.
        Assert.That(r.E2elMs - r.TtftMs, Is.EqualTo(10.001004).Within(1e-9));
    }

    [Test]
    public void TwoRequestsOverlapInThePipeline()
    {
        var single = ServingHarness.Run(ListRequestSource.Of((0, 100, 20)), new LinearCostModel(5 * Ms, 0), pp: 2).Result;
        // Two requests arriving together: vLLM admits both in one prefill batch; to force two micro-batches give the second a later arrival.
        var two = ServingHarness.Run(ListRequestSource.Of((0, 100, 20), (0.001, 100, 20)), new LinearCostModel(5 * Ms, 0), pp: 2).Result;
        Assert.That(two.Summary.DurationSeconds, Is.LessThan(2 * single.Summary.DurationSeconds));
        Assert.That(two.Summary.RequestsCompleted, Is.EqualTo(2));
        Assert.That(two.Timeline.Select(s => s.MicroBatch).Distinct().Count(), Is.GreaterThan(20));
    }

    [Test]
    public void BubblesEmergeOnAPipelineWithOneMicroBatch()
    {
        var (result, _) = ServingHarness.Run(ListRequestSource.Of((0, 100, 10)), new LinearCostModel(5 * Ms, 0), pp: 4);
        // With one sequence, only one micro-batch is ever in flight: each stage idles 3/4 of the active time.
        var g = result.Gpus[0];
        Assert.That(g.BubbleSeconds / (g.ComputeSeconds + g.BubbleSeconds), Is.EqualTo(0.75).Within(1e-9));
        Assert.That(result.Summary.BubbleShare, Is.EqualTo(0.75).Within(1e-6));
        Assert.That(result.Gpus.Sum(x => x.TotalSeconds), Is.EqualTo(4 * result.Summary.DurationSeconds).Within(1e-9));
    }

    [Test]
    public void EveryRequestCompletesOnceAndTokensAddUp()
    {
        var rng = new Random(5);
        var rows = Enumerable.Range(0, 300).Select(i => (i * 0.003, rng.Next(1, 2000), rng.Next(1, 300))).ToArray();
        foreach (var policy in new[] { BatchPolicyKind.Vllm, BatchPolicyKind.Sarathi, BatchPolicyKind.Static })
        {
            var (result, sim) = ServingHarness.Run(ListRequestSource.Of(rows), new LinearCostModel(2 * Ms, 0.005 * Ms), dp: 2, pp: 2, kvBlocks: 800,
                scheduler: new SchedulerConfig(policy, 64, 2048));
            Assert.That(result.Requests.Select(r => r.Id), Is.EquivalentTo(Enumerable.Range(0, 300).Select(i => (long)i)), policy.ToString());
            Assert.That(result.Summary.RequestsCompleted, Is.EqualTo(300), policy.ToString());
            Assert.That(result.Requests.All(r => r.FirstToken.Nanoseconds >= r.Arrival.Nanoseconds && r.Completion.Nanoseconds >= r.FirstToken.Nanoseconds), policy.ToString());
            Assert.That(sim.PeakKvBlocks, Has.All.LessThanOrEqualTo(800));
        }
    }

    [Test]
    public void KvPressureCausesPreemptionButEveryRequestFinishes()
    {
        var rows = Enumerable.Range(0, 20).Select(i => (0.0, 100, 400)).ToArray();
        // 20 requests × (100 + 400) tokens need 640 blocks of 16; give 200.
        var (result, sim) = ServingHarness.Run(ListRequestSource.Of(rows), new LinearCostModel(1 * Ms, 0), kvBlocks: 200);
        Assert.That(result.Summary.RequestsCompleted, Is.EqualTo(20));
        Assert.That(sim.Preemptions, Is.GreaterThan(0));
        Assert.That(result.Summary.Preemptions, Is.EqualTo(sim.Preemptions));
        Assert.That(result.Summary.PeakKvOccupancy, Is.LessThanOrEqualTo(1.0));
    }

    [Test]
    public void RequestLargerThanTheCacheIsRejectedNotLost()
    {
        var (result, _) = ServingHarness.Run(ListRequestSource.Of((0, 100, 10), (0, 5000, 10)), new LinearCostModel(1 * Ms, 0), kvBlocks: 100);
        Assert.That(result.Summary.RequestsCompleted, Is.EqualTo(1));
        Assert.That(result.Summary.RequestsRejected, Is.EqualTo(1));
        Assert.That(result.Requests.Single(r => r.Id == 1).Rejected, Is.True);
    }

    [Test]
    public void SameSeedGivesIdenticalRecords()
    {
        var rows = Enumerable.Range(0, 100).Select(i => (i * 0.01, 50 + i, 20 + (i % 7))).ToArray();
        var a = ServingHarness.Run(ListRequestSource.Of(rows), new LinearCostModel(2 * Ms, 0.01 * Ms), dp: 3, router: RouterKind.PowerOfTwo, seed: 9).Result;
        var b = ServingHarness.Run(ListRequestSource.Of(rows), new LinearCostModel(2 * Ms, 0.01 * Ms), dp: 3, router: RouterKind.PowerOfTwo, seed: 9).Result;
        Assert.That(b.Requests, Is.EqualTo(a.Requests));
        Assert.That(b.Summary.TtftMs, Is.EqualTo(a.Summary.TtftMs));
    }

    [Test]
    public void SamplesTrackQueueAndKv()
    {
        var rows = Enumerable.Range(0, 50).Select(i => (0.0, 200, 50)).ToArray();
        var (result, _) = ServingHarness.Run(ListRequestSource.Of(rows), new LinearCostModel(5 * Ms, 0), sampleStepSeconds: 0.01,
            scheduler: new SchedulerConfig(BatchPolicyKind.Vllm, 8, 8192));
        Assert.That(result.TimeSeries, Is.Not.Empty);
        Assert.That(result.TimeSeries.Max(s => s.QueueLength), Is.GreaterThan(0));
        Assert.That(result.TimeSeries.Max(s => s.KvOccupancy), Is.GreaterThan(0));
        Assert.That(result.TimeSeries.Select(s => s.TimeSeconds), Is.Ordered);
    }
}

public sealed class MonitorTerminationTests
{
    /// <summary>A source that never offers anything yet claims more will come: a stand-in for a lost request.</summary>
    private sealed class StuckSource : DesSim.Core.Workload.IRequestSource
    {
        public bool IsExhausted => false;

        public bool TryNext(out DesSim.Core.Workload.RequestSpec request)
        {
            request = default;
            return false;
        }

        public void OnCompleted(long requestId, DesSim.Engine.SimTime now)
        {
        }
    }

    [Test, CancelAfter(20_000)]
    public void AStuckRunFailsItsInvariantsInsteadOfSamplingForever()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            TestDoubles.ServingHarness.Run(new StuckSource(), new TestDoubles.LinearCostModel(1e-3, 0), sampleStepSeconds: 0.01));
        Assert.That(e!.Message, Does.Contain("still had requests"));
    }

    /// <summary>A network that loses every send: the activations never arrive (no event is scheduled).</summary>
    private sealed class LosingNetwork : DesSim.Core.Hardware.ITransferNetwork
    {
        public IReadOnlyList<DesSim.Core.Hardware.LinkUsage> Links => [];

        public DesSim.Engine.EventHandle Send(ReadOnlySpan<int> sources, ReadOnlySpan<int> destinations, DesSim.Core.Units.Bytes bytesPerPair, DesSim.Engine.IEventHandler onArrival, long argument) =>
            DesSim.Engine.EventHandle.None;
    }

    [Test, CancelAfter(20_000)]
    public void ARequestLostInThePipelineEndsTheRunWithBothMonitorsRunning()
    {
        // 2 stages of 10 ms; stage 0's activations are lost at 10 ms, so the request never completes. The sampler (1 ms)
        // and the progress reporter (10 s) are background events: they take their last look and the run ends.
        var sim = new DesSim.Engine.Simulator(1);
        int[][][] gpus = [[[0], [1]]];
        var config = new DesSim.Core.Execution.ServingConfig(gpus, 2, new TestDoubles.LinearCostModel(10e-3, 0), 1, 10_000, 16, new SchedulerConfig(), RouterKind.RoundRobin)
        {
            SampleStepSeconds = 1e-3,
        };
        var collector = new DesSim.Core.Metrics.MetricsCollector();
        var serving = new DesSim.Core.Execution.ServingSimulation(sim, config, TestDoubles.ListRequestSource.Of((0.0, 100, 5)), new LosingNetwork(), collector);
        var progress = new List<double>();
        new DesSim.Core.Scenarios.ProgressReporter(sim, serving, 1, p => progress.Add(p.SimulatedSeconds)).Start();

        var e = Assert.Throws<InvalidOperationException>(serving.Run);
        Assert.That(e!.Message, Does.Contain("1 requests arrived but 0 completed"));
        Assert.That(collector.Samples.Select(r => r.TimeSeconds).Last(), Is.EqualTo(0.010).Within(1e-12), "the sampler's last look is at the step after the last work (the lost send at 10 ms)");
        Assert.That(progress, Is.EqualTo(new[] { 0.0, 10.0 }), "the reporter's next report was already queued: its last look");
        Assert.That((sim.PendingEvents, sim.BackgroundEvents), Is.EqualTo((0, 0)));
    }
}
