using DesSim.Core.Metrics;

namespace DesSim.Core.Tests.Performance;

public sealed class LatencyAccumulatorTests
{
    // The bound docs/metrics.md states: a sketched percentile is within 2^-11 of the exact one, relative, plus 0.5 ps.
    private const double RelativeBound = 1.0 / 2048;
    private const double RoundingMs = 0.5e-9;

    private static double[] Samples(int n, int seed)
    {
        var random = new Random(seed);
        // Lognormal latencies from microseconds to minutes, plus exact ties, as TTFT and E2EL spread.
        return Enumerable.Range(0, n).Select(i => i % 97 == 0 ? 25.0 : Math.Exp((random.NextDouble() * 18) - 6)).ToArray();
    }

    [Test]
    public void Sketched_percentiles_are_within_the_stated_bound_of_the_exact_ones([Values(1, 2, 10, 1_000, 250_000)] int n)
    {
        var samples = Samples(n, n);
        var exact = LatencyStats.FromMilliseconds(samples);
        var sketch = new LatencyAccumulator(PercentileMode.Sketch, n);
        foreach (var v in samples)
        {
            sketch.Add(v);
        }

        Assert.That(sketch.IsExact, Is.False);
        var s = sketch.Stats();
        Assert.That(s.Count, Is.EqualTo(n));
        foreach (var (got, want, name) in new[] { (s.Median, exact.Median, "p50"), (s.P90, exact.P90, "p90"), (s.P95, exact.P95, "p95"), (s.P99, exact.P99, "p99"), (s.P999, exact.P999, "p99.9") })
        {
            Assert.That(got, Is.EqualTo(want).Within((RelativeBound * want) + RoundingMs), name);
        }

        Assert.That(s.Mean, Is.EqualTo(exact.Mean).Within((1e-12 * exact.Mean) + RoundingMs));
    }

    [Test]
    public void Auto_is_exact_up_to_the_threshold_and_sketches_above()
    {
        Assert.That(new LatencyAccumulator(PercentileMode.Auto, LatencyAccumulator.ExactMaxSamples).IsExact, Is.True);
        Assert.That(new LatencyAccumulator(PercentileMode.Auto, LatencyAccumulator.ExactMaxSamples + 1).IsExact, Is.False);
        Assert.That(new LatencyAccumulator(PercentileMode.Exact, LatencyAccumulator.ExactMaxSamples * 10).IsExact, Is.True);

        var samples = Samples(5_000, 3);
        var auto = new LatencyAccumulator(PercentileMode.Auto, samples.Length);
        foreach (var v in samples)
        {
            auto.Add(v);
        }

        Assert.That(auto.Stats(), Is.EqualTo(LatencyStats.FromMilliseconds(samples)), "exact mode is bit-identical to the sorted samples");
    }

    [Test]
    public void No_samples_give_NaN_in_both_modes()
    {
        foreach (var mode in new[] { PercentileMode.Exact, PercentileMode.Sketch })
        {
            var s = new LatencyAccumulator(mode, 0).Stats();
            Assert.That(double.IsNaN(s.Median) && double.IsNaN(s.Mean) && s.Count == 0, mode.ToString());
        }
    }
}
