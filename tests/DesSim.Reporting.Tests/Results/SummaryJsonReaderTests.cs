using DesSim.Core.Execution;
using DesSim.Core.Metrics;
using DesSim.Reporting.Results;

namespace DesSim.Reporting.Tests.Results;

/// <summary>summary.json read back gives what was written (at its 6-decimal precision), expert load included.</summary>
public sealed class SummaryJsonReaderTests
{
    [Test]
    public void Expert_load_and_nulls_survive_the_round_trip()
    {
        var stats = new LatencyStats(1.23456789, 2, 3, 4, 5, 6, 7);
        var none = new LatencyStats(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var summary = new RunSummary(10, 1, 2.5, 4, 100, 300, 3, 0.7, stats, stats, stats, stats, none, 0, 0.5, 0.1, 0.1, 0.05, 0.2, 0.05, 0.3)
        {
            ExpertLoad = new ExpertLoadStats([5, 7, 9], 1.3333333333, 1.25, 1.5, 40, 2, "zipf"),
        };
        var path = Path.Combine(Path.GetTempPath(), $"dessim-summary-{Guid.NewGuid():N}.json");
        try
        {
            using (var s = File.Create(path))
            {
                SummaryJsonWriter.Write(s, "x", "EP2", summary, new SloSpec(TtftMs: 200), ["a note"], new Dictionary<string, string> { ["model"] = "m" });
            }

            var back = SummaryJsonReader.Read(path);
            Assert.Multiple(() =>
            {
                Assert.That(back.Summary.TtftMs.Mean, Is.EqualTo(1.234568));
                Assert.That(double.IsNaN(back.Summary.QueueMs.Median), Is.True, "null comes back as NaN");
                Assert.That(back.Slo, Is.EqualTo(new SloSpec(TtftMs: 200)));
                Assert.That(back.Notes, Is.EqualTo(new[] { "a note" }));
                Assert.That(back.Document.Model, Is.EqualTo("m"));
                Assert.That(back.Summary.ExpertLoad!.ExpertTokens, Is.EqualTo(new long[] { 5, 7, 9 }));
                Assert.That(back.Summary.ExpertLoad.ImbalanceFactor, Is.EqualTo(1.333333));
                Assert.That(back.Summary.ExpertLoad.Routing, Is.EqualTo("zipf"));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Prefix_tiers_and_the_hit_miss_ttft_survive_the_round_trip()
    {
        var stats = new LatencyStats(1.23456789, 2, 3, 4, 5, 6, 7);
        var miss = new LatencyStats(10, 20, 30, 40, 50, 60, 3);
        var prefix = new PrefixCacheSummary(16, 1000, 600, 70, 40, 650, 12)
        {
            HitRequests = 7,
            TtftHitMs = stats,
            TtftMissMs = miss,
            Tiers = [new PrefixTierSummary("gpu", false, 0, 400, 25, 0, 0, 12, 0, 0, 0, 0), new PrefixTierSummary("cpu", true, 5000, 200, 15, 18, 12, 1, 37_748_736, 25_165_824, 4, 0.1234567)],
        };
        var summary = new RunSummary(10, 1, 2.5, 4, 100, 300, 3, 0.7, stats, stats, stats, stats, stats, 0, 0.5, 0.1, 0.1, 0.05, 0.2, 0.05, 0.3) { PrefixCache = prefix };
        var path = Path.Combine(Path.GetTempPath(), $"dessim-summary-{Guid.NewGuid():N}.json");
        try
        {
            using (var s = File.Create(path))
            {
                SummaryJsonWriter.Write(s, "x", "DP2", summary, SloSpec.Chat, []);
            }

            var back = SummaryJsonReader.Read(path).Summary.PrefixCache!;
            Assert.Multiple(() =>
            {
                Assert.That(back.HitRequests, Is.EqualTo(7));
                Assert.That(back.TtftHitMs!.Mean, Is.EqualTo(1.234568));
                Assert.That(back.TtftMissMs, Is.EqualTo(miss));
                Assert.That(back.Tiers[0], Is.EqualTo(prefix.Tiers[0]));
                Assert.That(back.Tiers[1], Is.EqualTo(prefix.Tiers[1] with { MeanLoadMs = 0.123457 }));
                Assert.That(back.TierTokenHitRate(back.Tiers[1]), Is.EqualTo(0.2));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Every_block_survives_write_read_write_byte_for_byte()
    {
        var stats = new LatencyStats(1.23456789, 2, 3, 4, 5, 6, 7);
        var none = new LatencyStats(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var prices = new PriceSpec(2.5, 0.1, 1.3, "scenario");
        var summary = new RunSummary(10, 1, 2.5, 4, 100, 300, 3, 0.7, stats, stats, none, stats, stats, 2, 0.5, 0.1, 0.1, 0.05, 0.2, 0.05, 0.3)
        {
            Pools = [new PoolSummary("prefill", "prefill", "h100", 2, 4, 1, 8, 0.61, 0.5, 0.1, 0, 0.4, 0.05, 12.3456789)],
            KvTransferMs = stats,
            KvWaitMs = none,
            KvTransferShare = 0.012,
            KvTransferBytes = 123_456_789_012,
            ExpertLoad = new ExpertLoadStats([5, 7, 9], 1.3333333333, 1.25, 1.5, 40, 2, "zipf(1.1)"),
            PrefixCache = new PrefixCacheSummary(16, 1000, 600, 70, 40, 650, 12) { HitRequests = 3, TtftHitMs = stats, TtftMissMs = none, Tiers = [new PrefixTierSummary("gpu", false, 0, 600, 40, 0, 0, 12, 0, 0, 0, 0)] },
            Energy = new EnergySummary(1000, 0.5, 100, 700, 900, 350, 690, [new PoolPower("serving", 8, 1000, 700, 900)], 70, 700, 500, 1.1, 1.0),
            Cost = CostSummary.From(prices, 8, 2.5, 1000, 2000, 10),
            Faults = new FaultSummary(3, 2, 40, stats, stats, none, double.NaN) { Windows = [(1.0, 2.5, "replica 1 failed <&>")] },
        };
        var path = Path.Combine(Path.GetTempPath(), $"dessim-summary-{Guid.NewGuid():N}.json");
        try
        {
            using (var s = File.Create(path))
            {
                SummaryJsonWriter.Write(s, "x", "PD", summary, new SloSpec(TtftMs: 200, E2elMs: 1.0000005), ["a note"], new Dictionary<string, string> { ["seed"] = "7", ["sweep_point"] = "rate=2" }, ("vllm", "0.12", "0.12.0"));
            }

            var first = File.ReadAllBytes(path);
            var back = SummaryJsonReader.Read(path);
            using var again = new MemoryStream();
            SummaryJsonWriter.Write(again, back.Document);
            Assert.Multiple(() =>
            {
                Assert.That(again.ToArray(), Is.EqualTo(first), "reading and writing again changes no byte");
                Assert.That(back.Summary.Energy!.Pools.Single().PeakWatts, Is.EqualTo(900));
                Assert.That(back.Summary.Cost!.Prices, Is.EqualTo(prices));
                Assert.That(back.Summary.Faults!.Windows.Single().Label, Is.EqualTo("replica 1 failed <&>"));
                Assert.That(back.Summary.KvTransferBytes, Is.EqualTo(123_456_789_012));
                Assert.That(back.Summary.Pools!.Single().QueueMs, Is.EqualTo(12.345679));
                Assert.That(back.Slo, Is.EqualTo(new SloSpec(TtftMs: 200, E2elMs: 1.000001)));
                Assert.That(back.Document.Engine!.ModeledAs, Is.EqualTo("0.12.0"));
                Assert.That(back.Document.SweepPoint, Is.EqualTo("rate=2"));
                Assert.That(back.Document.Model, Is.Null, "labels not written stay absent");
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_missing_key_is_named_by_its_path()
    {
        var stats = new LatencyStats(1, 2, 3, 4, 5, 6, 7);
        var summary = new RunSummary(10, 1, 2.5, 4, 100, 300, 3, 0.7, stats, stats, stats, stats, stats, 0, 0.5, 0.1, 0.1, 0.05, 0.2, 0.05, 0.3);
        var path = Path.Combine(Path.GetTempPath(), $"dessim-summary-{Guid.NewGuid():N}.json");
        try
        {
            using (var s = File.Create(path))
            {
                SummaryJsonWriter.Write(s, "x", "TP1", summary, new SloSpec(), []);
            }

            File.WriteAllText(path, File.ReadAllText(path).Replace("\"p99\": 5,", string.Empty, StringComparison.Ordinal));
            var e = Assert.Throws<Core.InputException>(() => SummaryJsonReader.Read(path))!;
            Assert.That(e.Message, Does.Contain("summary.json:ttft_ms.p99: missing key").Or.Contain(".json:ttft_ms.p99: missing key"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
