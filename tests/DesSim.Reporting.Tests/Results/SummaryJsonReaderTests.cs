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
}
