using System.Text.Json;
using DesSim.Core.Scheduling;
using DesSim.Core.Tests.TestDoubles;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Scheduling;

/// <summary>Prefix caching through the whole executor: skipped prefill, hit rates against the trace's own reuse.</summary>
public sealed class PrefixCachingRunTests
{
    private const double Ms = 1e-3;

    private static SchedulerConfig Caching(BatchPolicyKind policy = BatchPolicyKind.VllmV1) =>
        new(policy, 256, 1 << 20) { EnablePrefixCaching = true };

    private static RequestSpec Req(long id, double arrivalS, int input, int output, params int[] ids) =>
        new(id, SimTime.FromSeconds(arrivalS), input, output, new PrefixIdentity(ids, 16, Math.Min(input, ids.Length * 16)));

    [Test]
    public void AHitSkipsThePrefillOfItsTokens()
    {
        // Cost = 1 ms + 0.01 ms per new token. b shares a's first 3 blocks (48 tokens) of its 64-token prompt.
        var source = new ListRequestSource([Req(0, 0, 64, 2, 1, 2, 3, 4), Req(1, 1, 64, 2, 1, 2, 3, 5)]);
        var (result, _) = ServingHarness.Run(source, new LinearCostModel(1 * Ms, 0.01 * Ms), scheduler: Caching());
        var a = result.Requests[0];
        var b = result.Requests[1];
        Assert.That(a.CachedTokens, Is.Zero);
        Assert.That(b.CachedTokens, Is.EqualTo(48));
        Assert.That(a.TtftMs, Is.EqualTo(1 + (0.01 * 64)).Within(1e-9));
        Assert.That(b.TtftMs, Is.EqualTo(1 + (0.01 * 16)).Within(1e-9), "only the 16 uncached tokens are computed");
        var p = result.Summary.PrefixCache!;
        Assert.That((p.PromptTokens, p.HitTokens, p.PromptBlocks, p.HitBlocks), Is.EqualTo((128L, 48L, 8L, 3L)));
        Assert.That(p.TokenHitRate, Is.EqualTo(48 / 128.0));
    }

    [Test]
    public void CachedContextIsStillAttendedTo()
    {
        var state = new SchedulerState(Caching(), new KvCache(100, 16, prefix: new PrefixCache(16)), 1);
        var a = new Sequence(Req(0, 0, 64, 1, 1, 2, 3, 4), 0, SimTime.Zero);
        Assert.That(state.Kv.TryReserve(a, 64, state.Kv.Match(a)), Is.True);
        a.ContextTokens = 64;
        state.Kv.Register(a);
        state.Kv.Release(a);
        var b = new Sequence(Req(1, 0, 80, 1, 1, 2, 3, 4, 5), 0, SimTime.Zero);
        state.Waiting.PushBack(b);
        var plan = new BatchPlan();
        new DesSim.Core.Scheduling.Engines.Vllm.VllmV1Policy().Plan(state, plan);
        Assert.That(plan.Items.Single(), Is.EqualTo(new BatchItem(b, 16, 64, true)), "16 new tokens over 64 cached ones");
        Assert.That(plan.Shape.TotalTokens, Is.EqualTo(16));
    }

    [Test]
    public void WithoutHashesCachingChangesNothing()
    {
        var rows = Enumerable.Range(0, 40).Select(i => new RequestSpec(i, SimTime.FromSeconds(i * 0.0001), 100 + (i * 37 % 300), 30 + (i % 40))).ToArray();
        var cost = new LinearCostModel(1 * Ms, 0.01 * Ms);
        var off = ServingHarness.Run(new ListRequestSource(rows), cost, kvBlocks: 60, scheduler: new SchedulerConfig(BatchPolicyKind.VllmV1, 8, 512)).Result;
        var on = ServingHarness.Run(new ListRequestSource(rows), cost, kvBlocks: 60, scheduler: new SchedulerConfig(BatchPolicyKind.VllmV1, 8, 512) { EnablePrefixCaching = true }).Result;
        Assert.That(on.Requests, Is.EqualTo(off.Requests));
        Assert.That(on.Summary.PrefixCache, Is.Null);
        Assert.That(on.Summary.Preemptions, Is.EqualTo(off.Summary.Preemptions).And.GreaterThan(0), "the run is tight enough to preempt");
    }

    [Test]
    public void AnUnlimitedCacheHitsWhatTheTraceReuses()
    {
        // The Mooncake sample, one request at a time (each done before the next arrives), on a cache that never fills.
        var rows = File.ReadLines(Path.Combine(RepoPaths.Root, "traces", "mooncake-sample.jsonl")).Select((line, i) =>
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            int input = r.GetProperty("input_length").GetInt32();
            var ids = r.GetProperty("hash_ids").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            return new RequestSpec(i, SimTime.FromSeconds(i * 100.0), input, 1, PrefixIdentity.Mooncake(ids, input));
        }).ToArray();

        // The chain-reuse ratio straight from the trace: a 16-token block is reusable when some earlier prompt had the
        // same hash ids up to the 512-token block holding its end, and the same offset in it; at most prompt − 1 tokens.
        var seen = new HashSet<string>();
        long hit = 0, total = 0;
        foreach (var r in rows)
        {
            var ids = r.PrefixHashIds!;
            var keys = Enumerable.Range(0, r.InputTokens / 16).Select(j =>
            {
                int end = (j + 1) * 16, k = (end - 1) / 512;
                return string.Join(',', ids.Take(k + 1)) + "@" + (end - (k * 512));
            }).ToArray();
            int h = keys.Take((r.InputTokens - 1) / 16).TakeWhile(seen.Contains).Count();
            hit += h * 16;
            total += r.InputTokens;
            seen.UnionWith(keys);
        }

        var (result, _) = ServingHarness.Run(new ListRequestSource(rows), new LinearCostModel(1 * Ms, 1e-6 * Ms), kvBlocks: 50_000_000, scheduler: Caching());
        var ideal = new PrefixReuse(16);
        foreach (var r in rows)
        {
            ideal.Add(r);
        }

        Assert.That(hit / (double)total, Is.GreaterThan(0.5), "the sample reuses a lot");
        Assert.That(result.Summary.PrefixCache!.HitTokens, Is.EqualTo(hit));
        Assert.That(result.Summary.PrefixCache.TokenHitRate, Is.EqualTo(hit / (double)total));
        Assert.That(ideal.HitTokens, Is.EqualTo(hit));
        Assert.That(result.Summary.PrefixCache.EvictedBlocks, Is.Zero);
    }

    [Test]
    public void EveryPolicyFinishesAndFreesEverythingUnderCachePressure([Values(BatchPolicyKind.Vllm, BatchPolicyKind.VllmV1, BatchPolicyKind.Sarathi, BatchPolicyKind.Sglang, BatchPolicyKind.Trtllm)] BatchPolicyKind policy)
    {
        // 200 requests over 6 shared system prompts on a KV pool of 120 blocks: hits, evictions and (except under
        // TensorRT-LLM's no-evict admission) preemptions of requests holding shared blocks. Run() checks that every
        // request completed, no block is still held and no cached unit is still referenced.
        var rng = new RandomStream(17);
        var rows = Enumerable.Range(0, 200).Select(i =>
        {
            int system = rng.Next(6);
            int input = 48 + rng.Next(400);
            var ids = Enumerable.Range(0, (input + 15) / 16).Select(b => b < 3 ? (system * 10) + b : 1000 + (i * 100) + b).ToArray();
            return new RequestSpec(i, SimTime.FromSeconds(i * 0.002), input, 1 + rng.Next(60), new PrefixIdentity(ids, 16, input));
        }).ToArray();
        var (result, sim) = ServingHarness.Run(new ListRequestSource(rows), new LinearCostModel(1 * Ms, 0.001 * Ms), dp: 2, kvBlocks: 120,
            scheduler: new SchedulerConfig(policy, 16, 1024) { EnablePrefixCaching = true, GuaranteedNoEvict = policy == BatchPolicyKind.Trtllm });
        Assert.That(result.Summary.RequestsCompleted, Is.EqualTo(200));
        Assert.That(sim.Snapshot().KvUsedBlocks, Is.Zero);
        var p = result.Summary.PrefixCache!;
        Assert.That(p.HitTokens, Is.GreaterThan(0));
        Assert.That(p.EvictedBlocks, Is.GreaterThan(0));
        if (policy != BatchPolicyKind.Trtllm)
        {
            Assert.That(result.Summary.Preemptions, Is.GreaterThan(0), "the pool is small enough to preempt");
        }
    }
}
