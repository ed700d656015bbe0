using DesSim.Core.Execution;
using DesSim.Core.Hardware;
using DesSim.Core.Tests.TestDoubles;
using DesSim.Engine;

namespace DesSim.Core.Tests.Execution;

public sealed class FaultInjectionTests
{
    private const double Ms = 1e-3;

    private static ListRequestSource Steady(int n, double gapSeconds = 0.01, int input = 100, int output = 50) =>
        new(Enumerable.Range(0, n).Select(i => new DesSim.Core.Workload.RequestSpec(i, SimTime.FromSeconds(i * gapSeconds), input, output)));

    private static FaultPlan Failures(params ReplicaFailureSpec[] f) => new([], f, []);

    [Test]
    public void APermanentReplicaFailureRetriesItsRequestsAndLosesNone()
    {
        var cost = new LinearCostModel(10 * Ms, 0.01 * Ms);
        var (baseline, _) = ServingHarness.Run(Steady(40), cost, dp: 2);
        var (result, sim) = ServingHarness.Run(Steady(40), cost, dp: 2, faults: Failures(new ReplicaFailureSpec(1, 0.2, null)));
        Assert.That(result.Summary.RequestsCompleted, Is.EqualTo(40));
        Assert.That(result.Requests.Select(r => r.Id).Distinct().Count(), Is.EqualTo(40));
        Assert.That(sim.Retries, Is.GreaterThan(0));
        Assert.That(sim.DiscardedTokens, Is.GreaterThan(0), "requests decoding on replica 1 at 0.2 s lose their tokens");
        Assert.That(result.Requests.Where(r => r.Arrival.Nanoseconds > SimTime.FromSeconds(0.2).Nanoseconds).All(r => r.Replica == 0), "nothing is routed to a down replica");
        Assert.That(result.Summary.Faults!.Retries, Is.EqualTo(sim.Retries));
        Assert.That(result.Summary.Faults.E2elRetriedMs.Count, Is.EqualTo(sim.RetriedRequests));
        Assert.That(result.Summary.E2elMs.Mean, Is.GreaterThan(baseline.Summary.E2elMs.Mean));
    }

    [Test]
    public void RequestsArrivingWhileEveryReplicaIsDownWaitForTheRecovery()
    {
        var cost = new LinearCostModel(10 * Ms, 0);
        var plan = Failures(new ReplicaFailureSpec(0, 0.05, 0.5), new ReplicaFailureSpec(1, 0.05, null));
        var (result, sim) = ServingHarness.Run(Steady(30), cost, dp: 2, faults: plan);
        Assert.That(result.Summary.RequestsCompleted, Is.EqualTo(30));
        var late = result.Requests.Where(r => r.Arrival.Nanoseconds > SimTime.FromSeconds(0.05).Nanoseconds && r.Arrival.Nanoseconds < SimTime.FromSeconds(0.5).Nanoseconds).ToArray();
        Assert.That(late, Is.Not.Empty);
        Assert.That(late.All(r => r.Scheduled.Nanoseconds >= SimTime.FromSeconds(0.5).Nanoseconds), "no replica was up before 0.5 s");
        Assert.That(sim.Retries, Is.GreaterThan(0));
    }

    [Test]
    public void AStragglerMultipliesItsStageTimeAndGrowsBubblesDownstream()
    {
        var cost = new LinearCostModel(5 * Ms, 0);
        var (baseline, _) = ServingHarness.Run(Steady(4, 0, 100, 40), cost, pp: 2);
        var straggler = new FaultPlan([new StragglerSpec(0, 3, 0, double.PositiveInfinity)], [], []);
        var (slow, _) = ServingHarness.Run(Steady(4, 0, 100, 40), cost, pp: 2, faults: straggler);
        var b0 = baseline.Gpus.Single(g => g.Gpu == 0);
        var s0 = slow.Gpus.Single(g => g.Gpu == 0);
        Assert.That(s0.ComputeSeconds / s0.MicroBatches, Is.EqualTo(3 * b0.ComputeSeconds / b0.MicroBatches).Within(1e-9));
        var b1 = baseline.Gpus.Single(g => g.Gpu == 1);
        var s1 = slow.Gpus.Single(g => g.Gpu == 1);
        Assert.That(s1.ComputeSeconds, Is.EqualTo(b1.ComputeSeconds).Within(1e-9), "stage 1 itself is not slower");
        Assert.That(s1.BubbleSeconds, Is.GreaterThan(b1.BubbleSeconds + (s1.ComputeSeconds / 2)), "stage 1 waits on the straggler");
    }

    [Test]
    public void AStragglerWindowOnlySlowsBatchesStartingInsideIt()
    {
        var cost = new LinearCostModel(10 * Ms, 0);
        var window = new FaultPlan([new StragglerSpec(0, 2, 1, 2)], [], []);
        var (result, _) = ServingHarness.Run(Steady(1, 0, 10, 400), cost, faults: window);
        var (baseline, _) = ServingHarness.Run(Steady(1, 0, 10, 400), cost);
        double extra = result.Summary.DurationSeconds - baseline.Summary.DurationSeconds;
        Assert.That(extra, Is.EqualTo(0.5).Within(0.011), "the 1 s window holds 50 iterations of 20 ms instead of 10 ms: +0.5 s");
    }

    [Test]
    public void KernelJitterIsSeededMeanPreservingAndOffByDefault()
    {
        var cost = new LinearCostModel(10 * Ms, 0);
        var (plain, _) = ServingHarness.Run(Steady(1, 0, 10, 2000), cost);
        var (a, _) = ServingHarness.Run(Steady(1, 0, 10, 2000), cost, kernelCv: 0.2, seed: 7);
        var (b, _) = ServingHarness.Run(Steady(1, 0, 10, 2000), cost, kernelCv: 0.2, seed: 7);
        var (c, _) = ServingHarness.Run(Steady(1, 0, 10, 2000), cost, kernelCv: 0.2, seed: 8);
        Assert.That(a.Summary.DurationSeconds, Is.EqualTo(b.Summary.DurationSeconds), "same seed, same answer");
        Assert.That(a.Summary.DurationSeconds, Is.Not.EqualTo(c.Summary.DurationSeconds));
        Assert.That(a.Summary.DurationSeconds / plain.Summary.DurationSeconds, Is.EqualTo(1).Within(0.03), "2000 draws: mean within 3% (σ of the mean ≈ 0.45%)");
        Assert.That(a.Summary.ItlMs.P99 / a.Summary.ItlMs.Median, Is.GreaterThan(1.4), "CV 0.2: p99/p50 of a lognormal ≈ 1.58");
        Assert.That(plain.Summary.ItlMs.P99 / plain.Summary.ItlMs.Median, Is.EqualTo(1).Within(1e-3));
    }

    [Test]
    public void ADegradedLinkSlowsTransfersOnlyInsideItsWindow()
    {
        var topo = new Topology(new ClusterSpec(GpuCatalog.Get("h100-sxm"), 2, 8, IntraNodeFabric.NvSwitch, InterNodeLinkSpec.IbNdr));
        const long Bytes = 100_000_000;
        var degradation = new LinkDegradation(topo, [new LinkDegradationSpec("ib", null, 0.25, 1, 2)]);
        foreach (var make in new Func<Simulator, ITransferNetwork>[] { s => new ClosedFormNetwork(s, topo) { Degradation = degradation }, s => new LinkLevelNetwork(s, topo) { Degradation = degradation } })
        {
            double latency = topo.PathLatencySeconds(0, 8);
            double full = Bytes / topo.PathBandwidth(0, 8).Value;
            Assert.That(SendAt(make, 0.5, 0, 8, Bytes), Is.EqualTo(latency + full).Within(1e-9));
            Assert.That(SendAt(make, 1.5, 0, 8, Bytes), Is.EqualTo(latency + (4 * full)).Within(1e-9));
            Assert.That(SendAt(make, 1.5, 0, 1, Bytes), Is.EqualTo(topo.PathLatencySeconds(0, 1) + (Bytes / topo.PathBandwidth(0, 1).Value)).Within(1e-9), "NVLink is not degraded");
        }
    }

    [Test]
    public void FaultPlansThatCannotFinishAreRefused()
    {
        Assert.That(Failures(new ReplicaFailureSpec(0, 1, null)).Problem(1, 1), Does.Contain("every replica fails for good"));
        Assert.That(Failures(new ReplicaFailureSpec(2, 1, null)).Problem(2, 2), Does.Contain("replica 2 does not exist"));
        Assert.That(Failures(new ReplicaFailureSpec(0, 1, 3), new ReplicaFailureSpec(0, 2, 4)).Problem(2, 2), Does.Contain("while still down"));
        Assert.That(new FaultPlan([new StragglerSpec(9, 2, 0, 1)], [], []).Problem(1, 8), Does.Contain("GPU 9"));
        Assert.That(Failures(new ReplicaFailureSpec(0, 1, 2), new ReplicaFailureSpec(0, 2, null)).Problem(2, 2), Is.Null);
    }

    private sealed class Arrival : IEventHandler
    {
        public SimTime At { get; private set; }

        public ISimContext? Ctx { get; init; }

        public void OnEvent(long argument) => At = Ctx!.Now;
    }

    private sealed class Kick(Func<Simulator, ITransferNetwork> make, Simulator sim, int src, int dst, long bytes, Arrival arrival) : IEventHandler
    {
        public void OnEvent(long argument) => make(sim).Send([src], [dst], new DesSim.Core.Units.Bytes(bytes), arrival, 0);
    }

    private static double SendAt(Func<Simulator, ITransferNetwork> make, double atSeconds, int src, int dst, long bytes)
    {
        var sim = new Simulator();
        var arrival = new Arrival { Ctx = sim };
        sim.ScheduleAt(SimTime.FromSeconds(atSeconds), new Kick(make, sim, src, dst, bytes, arrival));
        sim.Run();
        return arrival.At.Seconds - atSeconds;
    }
}
