using DesSim.Core.Scheduling;
using DesSim.Core.Tests.TestDoubles;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Scheduling;

/// <summary>The prefix-aware router: Dynamo's cost (prefill left after the cached prefix, plus load) and session affinity.</summary>
public sealed class PrefixAwareRoutingTests
{
    [Test]
    public void TheCostTradesCachedPrefixAgainstLoad()
    {
        var router = new Router(RouterKind.PrefixAware, prefix: new PrefixRouterOptions(1, 1, false));
        bool[] up = [true, true, true];
        int[] requests = [0, 0, 0];
        // prompt 1000: costs (1000 − cached) + outstanding = 1000 + 0, 1000 − 800 + 500 = 700, 1000 − 800 + 0 = 200.
        Assert.That(router.Pick(requests, [0L, 500, 0], up, [0, 800, 800], 1000), Is.EqualTo(2));
        Assert.That(router.Pick(requests, [0L, 500, 900], up, [0, 800, 800], 1000), Is.EqualTo(1), "700 < 1000 < 1100");
        Assert.That(router.Pick(requests, [0L, 500, 900], [true, false, false], [0, 800, 800], 1000), Is.Zero, "down replicas are skipped");
        var loadOnly = new Router(RouterKind.PrefixAware, prefix: new PrefixRouterOptions(0, 1, false));
        Assert.That(loadOnly.Pick(requests, [10L, 5, 7], up, [0, 0, 900], 1000), Is.EqualTo(1));
    }

    [Test]
    public void PrefixAwareRoutingHitsMoreThanRoundRobinOnSharedSystemPrompts()
    {
        // 400 requests over 8 system prompts of 480 tokens (30 blocks) plus a unique 64-token question each, DP 4; each
        // replica's pool (150 blocks) holds about four system prompts. Round-robin sends every prompt everywhere.
        var rng = new RandomStream(3);
        var rows = Enumerable.Range(0, 400).Select(i =>
        {
            int system = rng.Next(8);
            var ids = Enumerable.Range(0, 34).Select(b => b < 30 ? (system * 100) + b : 10_000 + (i * 10) + b).ToArray();
            return new RequestSpec(i, SimTime.FromSeconds(i * 0.01), 544, 8, new PrefixIdentity(ids, 16, 544));
        }).ToArray();
        double HitRate(RouterKind router)
        {
            var (result, _) = ServingHarness.Run(new ListRequestSource(rows), new LinearCostModel(1e-3, 1e-5), dp: 4, kvBlocks: 150, router: router,
                scheduler: new SchedulerConfig(BatchPolicyKind.VllmV1, 64, 4096) { EnablePrefixCaching = true });
            Assert.That(result.Summary.RequestsCompleted, Is.EqualTo(400));
            return result.Summary.PrefixCache!.TokenHitRate;
        }

        double rr = HitRate(RouterKind.RoundRobin), aware = HitRate(RouterKind.PrefixAware);
        TestContext.Out.WriteLine($"token hit rate: round-robin {rr:F3}, prefix-aware {aware:F3}");
        Assert.That(aware, Is.GreaterThan(rr + 0.1));
    }

    [Test]
    public void SessionAffinityKeepsASessionOnOneReplica()
    {
        var spec = (SyntheticWorkloadSpec)Workload.WorkloadTestKit.ReadYaml("""
            workload:
              arrival: { process: poisson, rate: 20 }
              sessions: { count: 40, turns: 4, think_time_s: 0.2 }
              input_tokens: 64
              output_tokens: 8
            """);
        var scheduler = new SchedulerConfig(BatchPolicyKind.VllmV1, 64, 4096) { EnablePrefixCaching = true };
        double HitRate(bool affinity)
        {
            using var opened = WorkloadFactory.Open(spec, new RandomStreams(2));
            var (result, _) = ServingHarness.Run(opened.Source, new LinearCostModel(1e-3, 1e-5), dp: 4, router: RouterKind.PrefixAware, scheduler: scheduler, prefixRouting: new PrefixRouterOptions(0, 1, affinity));
            Assert.That(result.Summary.RequestsCompleted, Is.EqualTo(160));
            return result.Summary.PrefixCache!.TokenHitRate;
        }

        // With load-only weights, only affinity keeps a session's turns (and so its cached history) together.
        double with = HitRate(true), without = HitRate(false);
        TestContext.Out.WriteLine($"token hit rate: affinity {with:F3}, none {without:F3}");
        Assert.That(with, Is.GreaterThan(without + 0.1));
        Assert.That(with, Is.GreaterThan(0.5));
    }
}
