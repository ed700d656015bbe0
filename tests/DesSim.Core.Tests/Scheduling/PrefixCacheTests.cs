using DesSim.Core.Scheduling;
using DesSim.Core.Workload;
using DesSim.Engine;

namespace DesSim.Core.Tests.Scheduling;

/// <summary>The prefix index on a KV pool: chained hits, the hit cap, LRU eviction, sharing and preemption.</summary>
public sealed class PrefixCacheTests
{
    private const int Block = 16;

    private static KvCache Pool(long blocks = 1000) => new(blocks, Block, prefix: new PrefixCache(Block));

    // A request whose identity is one id per 16-token block.
    private static Sequence Seq(long id, int input, int output, params int[] ids) =>
        new(new RequestSpec(id, SimTime.Zero, input, output, new PrefixIdentity(ids, Block, Math.Min(input, ids.Length * Block))), 0, SimTime.Zero);

    // Admits s with its hit and computes its whole prompt (as the executor does when the prefill completes).
    private static PrefixMatch AdmitAndPrefill(KvCache kv, Sequence s)
    {
        var hit = kv.Match(s);
        Assert.That(kv.TryReserve(s, s.PromptTokens, hit), Is.True);
        s.ContextTokens = s.PromptTokens;
        kv.Register(s);
        return hit;
    }

    [Test]
    public void AHitNeedsEveryEarlierBlockToMatch()
    {
        var kv = Pool();
        var a = Seq(0, 64, 1, 1, 2, 3, 4);
        Assert.That(AdmitAndPrefill(kv, a).Units, Is.Zero, "a cold cache hits nothing");
        kv.Release(a);

        Assert.That(kv.Match(Seq(1, 64, 1, 1, 2, 3, 9)).Tokens, Is.EqualTo(48), "three leading blocks match");
        Assert.That(kv.Match(Seq(2, 64, 1, 1, 7, 3, 4)).Tokens, Is.EqualTo(16), "broken chain: blocks 3 and 4 equal a's but follow a differing block");
        Assert.That(kv.Match(Seq(3, 64, 1, 5, 2, 3, 4)).Tokens, Is.Zero, "the first block differs: nothing");
        Assert.That(kv.Match(Seq(4, 64, 1, 1, 2, 3, 4)).Tokens, Is.EqualTo(48), "an identical prompt recomputes its last block (hit ≤ prompt − 1)");
        Assert.That(kv.Match(Seq(5, 80, 1, 1, 2, 3, 4, 5)).Tokens, Is.EqualTo(64), "a longer prompt reuses all four");
    }

    [Test]
    public void MooncakeBlocksMapOntoEngineBlocks()
    {
        var kv = Pool();
        PrefixMatch Hit(long id, int input, params int[] ids) => kv.Match(new Sequence(new RequestSpec(id, SimTime.Zero, input, 1, PrefixIdentity.Mooncake(ids, input)), 0, SimTime.Zero));
        var a = new Sequence(new RequestSpec(0, SimTime.Zero, 1100, 1, PrefixIdentity.Mooncake([7, 8, 9], 1100)), 0, SimTime.Zero);
        AdmitAndPrefill(kv, a);
        kv.Release(a);

        Assert.That(Hit(1, 1100, 7, 8, 9).Tokens, Is.EqualTo(1088), "68 full 16-token blocks of the 1100-token prompt, within the cap of 1099");
        Assert.That(Hit(2, 2000, 7, 8, 5, 6).Tokens, Is.EqualTo(1024), "two 512-token blocks = 64 engine blocks");
        Assert.That(Hit(3, 2000, 8, 7, 9, 6).Tokens, Is.Zero);
    }

    [Test]
    public void UnheldBlocksAreEvictedLeastRecentlyReleasedFirstAndEachRequestsTailFirst()
    {
        var kv = Pool(blocks: 8);
        var a = Seq(0, 48, 1, 1, 2, 3);
        var b = Seq(1, 48, 1, 4, 5, 6);
        AdmitAndPrefill(kv, a);
        AdmitAndPrefill(kv, b);
        kv.Release(a);
        kv.Release(b);
        var prefix = kv.Prefix!;
        Assert.That(prefix.EvictableUnits, Is.EqualTo(6));
        Assert.That(kv.FreeBlocks, Is.EqualTo(8), "cached blocks nobody holds count as free");
        var keysA = PrefixKeys.For(a.Request.Prefix!, Block);
        var keysB = PrefixKeys.For(b.Request.Prefix!, Block);
        Assert.That(prefix.EvictionOrder(), Is.EqualTo(new[] { keysA[2], keysA[1], keysA[0], keysB[2], keysB[1], keysB[0] }));

        var c = Seq(2, 64, 1, 9, 9, 9, 9); // 4 blocks: 2 never-cached free ones, then 2 evictions
        AdmitAndPrefill(kv, c);
        Assert.That(prefix.EvictedUnits, Is.EqualTo(2));
        Assert.That(prefix.Contains(keysA[2]) || prefix.Contains(keysA[1]), Is.False, "a's last two blocks went first");
        Assert.That(prefix.Contains(keysA[0]) && prefix.Contains(keysB[0]), Is.True);
        Assert.That(kv.Match(Seq(3, 64, 1, 1, 2, 3, 7)).Tokens, Is.EqualTo(16), "only a's first block is left");
    }

    [Test]
    public void SharedBlocksCountOnceAndOutliveAPreemptedHolder()
    {
        var kv = Pool(blocks: 100);
        var state = new SchedulerState(new SchedulerConfig(BatchPolicyKind.VllmV1) { EnablePrefixCaching = true }, kv, 1);
        var a = Seq(0, 64, 4, 1, 2, 3, 4);
        AdmitAndPrefill(kv, a);
        state.Running.Add(a);
        var b = Seq(1, 80, 4, 1, 2, 3, 4, 5);
        var hit = kv.Match(b);
        Assert.That(hit, Is.EqualTo(new PrefixMatch(4, 4, 64)), "all four of a's blocks, held by a");
        Assert.That(kv.TryReserve(b, 80, hit), Is.True);
        Assert.That(kv.UsedBlocks, Is.EqualTo(5), "4 shared + b's own fifth");
        Assert.That(b.ContextTokens, Is.EqualTo(64));
        b.Status = SequenceStatus.Running;
        state.Running.Add(b);

        state.Preempt(a, new BatchPlan());
        Assert.That(kv.UsedBlocks, Is.EqualTo(5), "b still holds the shared blocks");
        Assert.That(kv.Prefix!.EvictableUnits, Is.Zero);
        Assert.That(a.AllocatedBlocks, Is.Zero);

        var again = kv.Match(a);
        Assert.That(again.Tokens, Is.EqualTo(48), "the preempted request finds its own prefix again (cap: prompt − 1)");
        state.Finish(b);
        Assert.That(kv.UsedBlocks, Is.Zero);
        Assert.That(kv.Prefix.EvictableUnits, Is.EqualTo(4), "b registered nothing new: its fifth block is private (b computed only 16 tokens)");
        kv.ClearPrefix();
        Assert.That(kv.Prefix.CachedUnits, Is.Zero, "a failed replica loses its cache");
    }

    [Test]
    public void RegisteringAUnitAnotherSequenceCachedKeepsItPrivate()
    {
        var kv = Pool();
        var a = Seq(0, 64, 1, 1, 2, 3, 4);
        var b = Seq(1, 64, 1, 1, 2, 3, 4);
        Assert.That(kv.TryReserve(a, 64, kv.Match(a)), Is.True);
        Assert.That(kv.TryReserve(b, 64, kv.Match(b)), Is.True, "both start cold, before either computed");
        a.ContextTokens = b.ContextTokens = 64;
        kv.Register(a);
        kv.Register(b);
        Assert.That(kv.UsedBlocks, Is.EqualTo(8));
        Assert.That(kv.Prefix!.CachedUnits, Is.EqualTo(4));
        Assert.Throws<InvalidOperationException>(kv.ClearPrefix, "held units forbid clearing");
        kv.Release(a);
        Assert.That(kv.UsedBlocks, Is.EqualTo(4));
        kv.Release(b);
        Assert.That(kv.UsedBlocks, Is.Zero);
        Assert.That(kv.Prefix.EvictableUnits, Is.EqualTo(4));
    }

    [Test]
    public void WithoutAnIdentityNothingIsLookedUp()
    {
        var kv = Pool();
        var s = new Sequence(new RequestSpec(0, SimTime.Zero, 64, 1), 0, SimTime.Zero);
        Assert.That(kv.Match(s), Is.EqualTo(PrefixMatch.None));
        Assert.That(kv.TryReserve(s, 64, PrefixMatch.None), Is.True);
        s.ContextTokens = 64;
        kv.Register(s);
        kv.Release(s);
        Assert.That(kv.Prefix!.CachedUnits, Is.Zero);
        Assert.That(kv.Prefix.QueriedTokens, Is.Zero);
    }

    [Test]
    public void SglangPagesAreIndexedInSixteenTokenUnits()
    {
        var cache = new PrefixCache(1);
        Assert.That((cache.UnitTokens, cache.BlocksPerUnit), Is.EqualTo((16, 16)));
        var kv = new KvCache(1000, 1, prefix: cache);
        var a = Seq(0, 40, 1, 1, 2, 3);
        AdmitAndPrefill(kv, a);
        kv.Release(a);
        Assert.That(kv.UsedBlocks, Is.Zero);
        Assert.That(cache.EvictableBlocks, Is.EqualTo(32), "two full 16-token units; the 8-token tail is freed");
        var b = Seq(1, 48, 1, 1, 2, 3);
        var hit = kv.Match(b);
        Assert.That(hit.Tokens, Is.EqualTo(32));
        Assert.That(kv.TryReserve(b, 48, hit), Is.True);
        Assert.That(kv.UsedBlocks, Is.EqualTo(48));
    }
}
