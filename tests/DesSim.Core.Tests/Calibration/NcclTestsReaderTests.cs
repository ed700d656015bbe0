using DesSim.Core.Cost;
using DesSim.Core.Fidelity.Calibration;

namespace DesSim.Core.Tests.Calibration;

public sealed class NcclTestsReaderTests
{
    private static string Sample => Path.Combine(TestContext.CurrentContext.TestDirectory, "Calibration", "Data", "nccl_tests_all_reduce_sample.txt");

    [Test]
    public void ReadsOpRanksSizesAndMeanOfOutOfPlaceAndInPlaceTimes()
    {
        var s = NcclTestsReader.Read(Sample);
        Assert.That(s, Has.Count.EqualTo(10));
        Assert.That(s.All(x => x.Op == "all_reduce" && x.Gpus == 4), Is.True);
        Assert.That(s[0].Bytes, Is.EqualTo(1024));
        double oop = 10 + (1024 / 200e9 * 1e6);
        Assert.That(s[0].Seconds, Is.EqualTo((oop + (oop * 1.01)) / 2 / 1e6).Within(2e-8));
    }

    [Test]
    public void AlphaBetaFitRecoversTheSampleFormula()
    {
        var fit = AlphaBetaFit.Fit(NcclTestsReader.Read(Sample));
        // In the sample, time = 1.005 · (10 µs + bytes / 200 GB/s) after averaging out-of-place and in-place.
        Assert.That(fit.AlphaSeconds, Is.EqualTo(10.05e-6).Within(0.2e-6));
        Assert.That(fit.Bandwidth.Value, Is.EqualTo(200e9 / 1.005).Within(2e9));
        Assert.That(fit.Quality.MaxAbsRelativeError, Is.LessThan(0.01));
    }

    [Test]
    public void TextWithoutDataLinesIsBadInput()
    {
        var e = Assert.Throws<InputException>(() => NcclTestsReader.Parse(["# nothing here", "hello"], "log.txt"));
        Assert.That(e!.Message, Does.Contain("log.txt"));
    }
}
