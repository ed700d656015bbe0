using DesSim.Core.Statistics;

namespace DesSim.Core.Tests.Statistics;

public sealed class LogHistogramTests
{
    [Test]
    public void Values_below_1024_ns_are_exact_and_quantiles_match_the_sample_method()
    {
        var h = new LogHistogram();
        long[] values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 1000];
        foreach (var v in values)
        {
            h.Record(v);
        }

        var sorted = values.Select(v => (double)v).Order().ToArray();
        foreach (var p in new[] { 0, 0.1, 0.5, 0.9, 0.99, 1 })
        {
            Assert.That(h.Quantile(p), Is.EqualTo(Quantile.Linear(sorted, p)), $"p = {p}");
        }

        Assert.That(h.Count, Is.EqualTo(values.Length));
        Assert.That(h.Mean, Is.EqualTo(values.Average()));
    }

    [Test]
    public void Large_values_are_within_the_stated_relative_precision()
    {
        var random = new Random(9);
        var h = new LogHistogram();
        var values = Enumerable.Range(0, 5000).Select(_ => (long)(random.NextDouble() * 5e9) + 1024).ToArray();
        foreach (var v in values)
        {
            h.Record(v);
        }

        var sorted = values.Select(v => (double)v).Order().ToArray();
        foreach (var p in new[] { 0.5, 0.9, 0.99, 0.999 })
        {
            // Why 0.1 %: a bucket spans 2^-10 of its power of two and the representative is its midpoint (LogHistogram's remarks).
            Assert.That(h.Quantile(p), Is.EqualTo(Quantile.Linear(sorted, p)).Within(0.1).Percent, $"p = {p}");
        }
    }

    [Test]
    public void Empty_is_NaN_and_negative_values_are_refused()
    {
        var h = new LogHistogram();
        Assert.That(h.Quantile(0.5), Is.NaN);
        Assert.That(h.Mean, Is.NaN);
        Assert.That(() => h.Record(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Quantiles_in_one_pass_are_bit_identical_to_one_quantile_at_a_time([Values(1, 2, 7, 999, 20_000)] int n)
    {
        // Why small n too: with fewer values than levels, neighbouring levels share a lower rank (a cursor that moved on
        // to the previous level's upper rank used to return the wrong bucket).
        var random = new Random(4);
        var h = new LogHistogram();
        for (int i = 0; i < n; i++)
        {
            h.Record(random.Next(3) == 0 ? random.Next(2000) : (long)(Math.Exp(random.NextDouble() * 20) + 1));
        }

        var levels = Enumerable.Range(0, 1001).Select(i => i / 1000.0).ToArray();
        var all = h.Quantiles(levels);
        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Length.EqualTo(levels.Length));
            for (int i = 0; i < levels.Length; i++)
            {
                Assert.That(BitConverter.DoubleToInt64Bits(all[i]), Is.EqualTo(BitConverter.DoubleToInt64Bits(h.Quantile(levels[i]))), $"p = {levels[i]}");
            }
        });
        Assert.That(new LogHistogram().Quantiles(levels), Is.Empty);
        Assert.That(() => h.Quantiles([0.5, 0.1]), Throws.ArgumentException);
    }
}
