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
                Assert.That(back.Text("model"), Is.EqualTo("m"));
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
}
