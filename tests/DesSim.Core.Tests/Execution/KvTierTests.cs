using DesSim.Core.Execution;
using DesSim.Core.Hardware;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;
using DesSim.Core.Tests.TestDoubles;
using DesSim.Core.Workload;
using DesSim.Engine;
using DesSim.Engine.Testing;

namespace DesSim.Core.Tests.Execution;

/// <summary>KV tiers below the GPU: move timing on the host link, queueing, write-back on eviction, per-tier hit counts.</summary>
public sealed class KvTierTests
{
    private const double Ms = 1e-3;

    // One GPU per replica holds 1,000 KV bytes per token: a 16-token unit is 16,000 bytes, 16 µs on a 1 GB/s host link.
    private const long BytesPerToken = 1000;
    private static readonly DesSim.Core.Units.BytesPerSecond HostLink = DesSim.Core.Units.BytesPerSecond.FromGigabytesPerSecond(1);
    private const long UnitNs = 16_000;
    private static readonly long PcieNs = TransferMath.ToNanoseconds(LinkLatencies.PcieSeconds);

    private static KvTierConfig Config(params KvTierSpec[] tiers) => new(tiers, BytesPerToken, HostLink, DesSim.Core.Units.BytesPerSecond.FromGigabytesPerSecond(4), 0);

    private static KvTierSpec Cpu(long units) => new("cpu", units * 16 * BytesPerToken, null, null, 0, false);

    private static KvTierSpec Disk(long units, double readBytesPerSecond) => new("disk", units * 16 * BytesPerToken, new DesSim.Core.Units.BytesPerSecond(readBytesPerSecond), new DesSim.Core.Units.BytesPerSecond(readBytesPerSecond), 0, false);

    private static Sequence Seq(long id, params int[] ids) =>
        new(new RequestSpec(id, SimTime.Zero, ids.Length * 16, 1, new PrefixIdentity(ids, 16, ids.Length * 16)), 0, SimTime.Zero);

    [Test]
    public void ATierLoadTakesBytesOverBandwidthWhenUncontended()
    {
        var ctx = new FakeSimContext();
        var tiers = new KvTierFabric(ctx).Create(Config(Cpu(100)), [0], 16);
        ulong[] keys = [11, 12, 13, 14];
        foreach (var k in keys)
        {
            tiers.OnEvicted(k);
        }

        ctx.AdvanceTo(SimTime.FromMilliseconds(1));
        tiers.BeginStep();
        tiers.Load(Seq(0), keys, 0, 4, firstAdmission: true);
        Assert.That(tiers.StepReadyNanoseconds - 1_000_000, Is.EqualTo(PcieNs + (4 * UnitNs)), "PCIe hop + 64,000 B / 1 GB/s");
        var cpu = tiers.Tiers[0];
        Assert.That((cpu.Loads, cpu.LoadedUnits, cpu.HitUnits, cpu.BytesRead), Is.EqualTo((1L, 4L, 4L, 64_000L)));
    }

    [Test]
    public void TwoLoadsOverOneHostLinkTakeTwiceAsLong()
    {
        var ctx = new FakeSimContext();
        var fabric = new KvTierFabric(ctx);
        var one = fabric.Create(Config(Cpu(100)), [0], 16);
        var other = fabric.Create(Config(Cpu(100)), [1], 16);
        ulong[] keys = [21, 22, 23, 24];
        foreach (var k in keys)
        {
            one.OnEvicted(k);
            other.OnEvicted(k);
        }

        ctx.AdvanceTo(SimTime.FromMilliseconds(1));
        one.BeginStep();
        one.Load(Seq(0), keys, 0, 4, true);
        long first = one.StepReadyNanoseconds - 1_000_000;
        one.BeginStep();
        one.Load(Seq(1), keys, 0, 4, true);
        long second = one.StepReadyNanoseconds - 1_000_000;
        other.BeginStep();
        other.Load(Seq(2), keys, 0, 4, true);
        long elsewhere = other.StepReadyNanoseconds - 1_000_000;
        Assert.That(first, Is.EqualTo(PcieNs + (4 * UnitNs)));
        Assert.That(second, Is.EqualTo(PcieNs + (8 * UnitNs)), "the second load queues behind the first on GPU 0's host link");
        Assert.That(elsewhere, Is.EqualTo(first), "another GPU's host link is free");
    }

    [Test]
    public void TheGpuWritesBackOnEvictionAndTheStepWaitsForIt()
    {
        var ctx = new FakeSimContext();
        var tiers = new KvTierFabric(ctx).Create(Config(Cpu(2), Disk(10, 0.5e9)), [0], 16);
        tiers.BeginStep();
        tiers.OnEvicted(1);
        tiers.OnEvicted(2);
        Assert.That(tiers.StepReadyNanoseconds, Is.EqualTo((2 * UnitNs) + PcieNs), "two device→host copies queue on the link");
        tiers.OnEvicted(3); // the CPU tier is full: its LRU unit (1) goes to disk in the background
        var (cpu, disk) = (tiers.Tiers[0], tiers.Tiers[1]);
        Assert.That(cpu.EvictionOrder(), Is.EqualTo(new ulong[] { 2, 3 }));
        Assert.That(disk.EvictionOrder(), Is.EqualTo(new ulong[] { 1 }));
        Assert.That((cpu.WrittenUnits, cpu.EvictedUnits, disk.WrittenUnits, cpu.BytesWritten, disk.BytesWritten), Is.EqualTo((3L, 1L, 1L, 48_000L, 16_000L)));
        Assert.That(disk.Find(1)!.ReadyNanoseconds, Is.EqualTo(cpu.Find(2)!.ReadyNanoseconds - UnitNs + (2 * UnitNs)),
            "the disk write starts when unit 1 landed in host memory and takes 16,000 B / 0.5 GB/s");
        tiers.OnEvicted(2); // already backed up: no second write, just recency
        Assert.That(cpu.WrittenUnits, Is.EqualTo(3));
        Assert.That(cpu.EvictionOrder(), Is.EqualTo(new ulong[] { 3, 2 }));
    }

    [Test]
    public void ADiskLoadIsBoundByTheSlowerOfDriveAndHostLink()
    {
        var ctx = new FakeSimContext();
        var tiers = new KvTierFabric(ctx).Create(Config(Disk(10, 0.5e9)), [0], 16);
        tiers.OnEvicted(5);
        tiers.OnEvicted(6);
        ctx.AdvanceTo(SimTime.FromMilliseconds(1));
        tiers.BeginStep();
        tiers.Load(Seq(0), [5, 6], 0, 2, true);
        Assert.That(tiers.StepReadyNanoseconds - 1_000_000, Is.EqualTo(PcieNs + (2 * 2 * UnitNs)), "32,000 B / 0.5 GB/s on the drive");
    }

    [Test]
    public void HitsAreCountedPerTierOnAHandBuiltTrace()
    {
        // 6 GPU blocks of 16 tokens. a (blocks 1-4) runs; b (blocks 5-8) evicts a's last two blocks (released newest first)
        // to the CPU tier; c (1-4 then 9) finds blocks 1-2 on the GPU and 3-4 in host memory, then computes its last 16.
        var rows = new[]
        {
            new RequestSpec(0, SimTime.Zero, 64, 1, new PrefixIdentity([1, 2, 3, 4], 16, 64)),
            new RequestSpec(1, SimTime.FromSeconds(1), 64, 1, new PrefixIdentity([5, 6, 7, 8], 16, 64)),
            new RequestSpec(2, SimTime.FromSeconds(2), 80, 1, new PrefixIdentity([1, 2, 3, 4, 9], 16, 80)),
        };
        var cost = new LinearCostModel(1 * Ms, 0.01 * Ms);
        var scheduler = new SchedulerConfig(BatchPolicyKind.VllmV1, 8, 512) { EnablePrefixCaching = true };
        var (result, sim) = ServingHarness.Run(new ListRequestSource(rows), cost, kvBlocks: 6, scheduler: scheduler, kvTiers: Config(Cpu(100)));
        var c = result.Requests[2];
        Assert.That((c.CachedTokens, c.LoadedTokens), Is.EqualTo((64, 32)));
        var cpu = sim.KvTierStats.Single();
        // Written: a's two blocks for b, then three of b's for c's three fresh blocks (no never-cached block was free).
        Assert.That((cpu.Name, cpu.WrittenBlocks, cpu.HitBlocks, cpu.LoadedBlocks), Is.EqualTo(("cpu", 5L, 2L, 2L)));
        var p = result.Summary.PrefixCache!;
        Assert.That((p.HitTokens, p.HitBlocks), Is.EqualTo((64L, 4L)), "hits over every tier");
        // c's step waits for its two-block load (host→device) and for the three write-backs its fresh blocks caused
        // (device→host, the longer), then computes 16 tokens.
        Assert.That(c.TtftMs, Is.EqualTo((Math.Max(PcieNs + (2 * UnitNs), PcieNs + (3 * UnitNs)) / 1e6) + 1 + (0.01 * 16)).Within(1e-9));
        Assert.That(result.Requests[1].TtftMs, Is.EqualTo(((PcieNs + (2 * UnitNs)) / 1e6) + 1 + (0.01 * 64)).Within(1e-9), "b's step waited for its two write-backs");
    }

    [Test]
    public void WithoutTheTierTheSameTraceMissesThoseBlocks()
    {
        var rows = new[]
        {
            new RequestSpec(0, SimTime.Zero, 64, 1, new PrefixIdentity([1, 2, 3, 4], 16, 64)),
            new RequestSpec(1, SimTime.FromSeconds(1), 64, 1, new PrefixIdentity([5, 6, 7, 8], 16, 64)),
            new RequestSpec(2, SimTime.FromSeconds(2), 80, 1, new PrefixIdentity([1, 2, 3, 4, 9], 16, 80)),
        };
        var scheduler = new SchedulerConfig(BatchPolicyKind.VllmV1, 8, 512) { EnablePrefixCaching = true };
        var (result, _) = ServingHarness.Run(new ListRequestSource(rows), new LinearCostModel(1 * Ms, 0.01 * Ms), kvBlocks: 6, scheduler: scheduler);
        Assert.That((result.Requests[2].CachedTokens, result.Requests[2].LoadedTokens), Is.EqualTo((32, 0)));
    }

    [TestCase("kv_tiers: { cpu: { capacity_gb: 64 } }\nscheduler: { enable_prefix_caching: false }", "needs prefix caching")]
    [TestCase("kv_tiers: { cpu: { policy: lru } }", "capacity_gb")]
    [TestCase("kv_tiers: { cpu: { capacity_gb: 64, policy: lfu } }", "'lfu' is not one of lru")]
    [TestCase("kv_tiers: { gpu: { capacity_gb: 64 } }", "kv_tiers.gpu")]
    [TestCase("kv_tiers: { cpu: { capacity_gb: 64, shared: true }, disk: { capacity_gb: 100 } }", "disk.shared")]
    [TestCase("kv_tiers: { disk: { capacity_gb: 100, read_gbps: 0 } }", "kv_tiers.disk.read_gbps")]
    [TestCase("kv_tiers: { cpu: { capacity_gb: 0.000001 } }", "less than one cache block")]
    public void BadTierKeysAreInputErrors(string yaml, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tiers-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, """
                name: tiers
                model: llama-3.1-8b
                cluster: { gpu: h100-sxm, nodes: 1, gpus_per_node: 1 }
                parallelism: { tp: 1 }
                workload: { requests: 2, arrival: { process: burst }, input_tokens: 64, output_tokens: 2 }

                """ + yaml + "\n");
            var e = Assert.Throws<InputException>(() => ScenarioRunner.Run(ScenarioLoader.Load(path)));
            Assert.That(e!.Message, Does.Contain(expected));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
