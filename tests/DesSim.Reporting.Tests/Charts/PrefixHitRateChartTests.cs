using DesSim.Reporting.Results;

namespace DesSim.Reporting.Tests.Charts;

/// <summary>The data behind the prefix hit-rate chart (rendering is covered by <see cref="ChartRenderTests"/>).</summary>
public sealed class PrefixHitRateChartTests
{
    [Test]
    public void BinsAreCachedOverPromptTokensPerFirstAdmissionBin()
    {
        // Admissions span 0..50 s: 50 bins of 1 s. Bin 0: 100 of 400 prompt tokens cached (25 loaded); bin 10 empty (left
        // out); bin 49 (the last admission lands in the last bin): 300 of 300, 300 loaded.
        PrefixSample[] samples =
        [
            new(0.0, 200, 100, 25), new(0.5, 200, 0, 0),
            new(20.25, 100, 50, 0),
            new(50.0, 300, 300, 300),
        ];
        var (times, all, gpu) = RunResultCharts.HitRateSeries(samples);
        Assert.Multiple(() =>
        {
            Assert.That(times, Is.EqualTo(new[] { 0.0, 20.0, 49.0 }));
            Assert.That(all, Is.EqualTo(new[] { 25.0, 50.0, 100.0 }));
            Assert.That(gpu, Is.EqualTo(new[] { 18.75, 50.0, 0.0 }));
        });
    }

    [Test]
    public void NoLookupsNoPoints()
    {
        var (times, all, gpu) = RunResultCharts.HitRateSeries([]);
        Assert.That((times.Length, all.Length, gpu.Length), Is.EqualTo((0, 0, 0)));
    }

    [Test]
    public void TheChartNamesBothLinesWithTiersAndOneWithout()
    {
        var samples = SampleCharts.PrefixSamples();
        Assert.Multiple(() =>
        {
            Assert.That(RunResultCharts.PrefixHitRate(samples, tiers: true).RenderSvg(), Does.Contain("GPU only").And.Contain("all tiers"));
            Assert.That(RunResultCharts.PrefixHitRate(samples, tiers: false).RenderSvg(), Does.Not.Contain("GPU only"));
        });
    }
}
