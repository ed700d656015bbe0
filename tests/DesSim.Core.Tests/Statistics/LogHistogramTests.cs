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
}
