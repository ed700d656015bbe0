using DesSim.Core.Execution;
using DesSim.Core.Scheduling;
using DesSim.Core.Tests.TestDoubles;
using DesSim.Core.Workload;
using DesSim.Engine;
using DesSim.Core.Units;

namespace DesSim.Core.Tests.Properties;

/// <summary>Executor invariants with prefix caching on: random policies, pool sizes, pipeline depths and prompt sharing.</summary>
public sealed class PrefixCachingPropertyTests
{
    private const int Cases = 150;
    private const double Ms = 1e-3;
    private static readonly BatchPolicyKind[] Policies = [BatchPolicyKind.Vllm, BatchPolicyKind.VllmV1, BatchPolicyKind.Sarathi, BatchPolicyKind.Sglang, BatchPolicyKind.Trtllm];

#pragma warning disable NUnit1027 // Why: FsCheck supplies the arguments, not NUnit attributes.
    /// <summary>Every request completes exactly once with all its tokens; at the end no block is held and no cached unit is
    /// referenced (Run throws otherwise; a double free throws when it happens); hits never exceed prompt − 1.</summary>
    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public void CachingRunsCompleteAndFreeEveryBlock(ulong seed) => Check(seed, withTiers: false);

    /// <summary>The same with KV tiers below the GPU (a small CPU tier, sometimes a disk, sometimes shared): evictions write
    /// back, hits load back, and still every request completes, no block leaks, no tier exceeds its capacity.</summary>
    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public void CachingRunsWithTiersCompleteAndFreeEveryBlock(ulong seed) => Check(seed, withTiers: true);

    private static void Check(ulong seed, bool withTiers)
    {
        var rng = new RandomStream(seed);
        var policy = Policies[rng.Next(Policies.Length)];
        int block = rng.Next(3) switch { 0 => 1, 1 => 16, _ => 32 };
        int systems = 1 + rng.Next(4);
        int n = 1 + rng.Next(60);
        int maxInput = 16 + rng.Next(600);
        int maxOutput = 1 + rng.Next(80);
        var rows = new RequestSpec[n];
        for (int i = 0; i < n; i++)
        {
            int input = 1 + rng.Next(maxInput);
            int output = 1 + rng.Next(maxOutput);
            int system = rng.Next(systems);
            int shared = rng.Next(12);
            var ids = Enumerable.Range(0, (input + 15) / 16).Select(b => b < shared ? (system * 100) + b : 100_000 + (i * 1000) + b).ToArray();
            rows[i] = new RequestSpec(i, SimTime.FromSeconds(rng.NextDouble() * 0.05), input, output, new PrefixIdentity(ids, 16, input));
        }

        int pp = 1 + rng.Next(2);
        long needed = ((maxInput + maxOutput + block) / block * pp) + pp; // one request of the longest kind per partition
        long kv = needed + rng.Next((int)needed * 4);
        var scheduler = new SchedulerConfig(policy, 1 + rng.Next(16), 64 + rng.Next(2048)) { EnablePrefixCaching = true, GuaranteedNoEvict = rng.Next(2) == 0 };
        KvTierConfig? tiers = null;
        if (withTiers)
        {
            const long perToken = 100; // KV bytes per token per GPU
            long unitBytes = Math.Max(block, 16) * perToken * pp; // every GPU of the replica (one per stage) holds its share
            bool shared = rng.Next(3) == 0;
            var list = new List<KvTierSpec> { new("cpu", unitBytes * (1 + rng.Next(20)), null, null, 0, shared) };
            if (rng.Next(2) == 0)
            {
                list.Add(new KvTierSpec("disk", unitBytes * (1 + rng.Next(40)), new BytesPerSecond(1e6 + rng.Next(1_000_000_000)), new BytesPerSecond(1e6 + rng.Next(1_000_000_000)), rng.NextDouble() * 1e-4, shared));
            }

            tiers = new KvTierConfig(list, perToken, new BytesPerSecond(1e7 + rng.Next(1_000_000_000)), new BytesPerSecond(1e9), 1e-6);
        }

        var (result, sim) = ServingHarness.Run(new ListRequestSource(rows), new LinearCostModel(1 * Ms, 0.001 * Ms), dp: 1 + rng.Next(2), pp: pp, kvBlocks: kv, blockSize: block, scheduler: scheduler, seed: seed, kvTiers: tiers);
        Assert.That(result.Summary.RequestsCompleted + result.Summary.RequestsRejected, Is.EqualTo(n));
        Assert.That(result.Requests.Select(r => r.Id).Distinct().Count(), Is.EqualTo(n), "each request once");
        Assert.That(result.Requests.Where(r => !r.Rejected).All(r => r.CachedTokens <= r.InputTokens - 1 || r.CachedTokens == 0), "hit ≤ prompt − 1");
        Assert.That(sim.Snapshot().KvUsedBlocks, Is.Zero);
        Assert.That(sim.PeakKvBlocks.All(p => p <= kv), "KV within capacity");
        Assert.That(result.Requests.All(r => r.LoadedTokens <= r.CachedTokens), "loaded ⊆ cached");
        Assert.That(sim.KvTierStats.All(t => t.WrittenBlocks - t.EvictedBlocks <= t.CapacityBlocks), "tiers within capacity");
        Assert.That(sim.KvTierStats.Sum(t => t.HitBlocks), Is.LessThanOrEqualTo(result.Summary.PrefixCache?.HitBlocks ?? 0));
    }
#pragma warning restore NUnit1027
}
