using DesSim.Core.Workload;
using DesSim.Engine;
using static DesSim.Core.Tests.Workload.WorkloadTestKit;

namespace DesSim.Core.Tests.Workload;

public sealed class SyntheticArrivalTests
{
    private static readonly LengthSpec Ten = new(LengthDistribution.Fixed) { ValueTokens = 10 };

    private static List<RequestSpec> Generate(ArrivalSpec arrival, long? requests, double? duration = null, ulong seed = 42)
    {
        var spec = new SyntheticWorkloadSpec(arrival, Ten, Ten) { MaxRequests = requests, DurationSeconds = duration };
        using var opened = WorkloadFactory.Open(spec, new RandomStreams(seed));
        var list = Drain(opened.Source);
        Assert.That(opened.Source.IsExhausted, Is.True);
        return list;
    }

    private static (double Mean, double Cv) GapStats(List<RequestSpec> rs)
    {
        var gaps = rs.Zip(rs.Skip(1)).Select(p => (p.Second.Arrival - p.First.Arrival).Seconds).ToArray();
        double mean = gaps.Average();
        double std = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / (gaps.Length - 1));
        return (mean, std / mean);
    }

    [Test]
    public void PoissonRateAndCvWithinSamplingTolerance()
    {
        var rs = Generate(new ArrivalSpec(ArrivalProcess.Poisson) { RequestsPerSecond = 20 }, 200_000);
        var (mean, cv) = GapStats(rs);
        // Standard error of the mean gap is (1/λ)/√n ≈ 0.22%; 1% is > 4 σ.
        Assert.That(1 / mean, Is.EqualTo(20).Within(1).Percent);
        Assert.That(cv, Is.EqualTo(1).Within(2).Percent);
        Assert.That(rs.Select(r => r.Id), Is.EqualTo(Enumerable.Range(0, rs.Count).Select(i => (long)i)));
    }

    [TestCase(0.5)]
    [TestCase(3.0)]
    public void GammaRateAndCvWithinSamplingTolerance(double cv)
    {
        var rs = Generate(new ArrivalSpec(ArrivalProcess.Gamma) { RequestsPerSecond = 50, Cv = cv }, 200_000);
        var (mean, measured) = GapStats(rs);
        Assert.That(1 / mean, Is.EqualTo(50).Within(cv * 1.5).Percent);
        Assert.That(measured, Is.EqualTo(cv).Within(5).Percent);
    }

    [Test]
    public void ConstantRateHasExactGaps()
    {
        var rs = Generate(new ArrivalSpec(ArrivalProcess.Constant) { RequestsPerSecond = 3 }, 10);
        Assert.That(rs.Select(r => r.Arrival.Nanoseconds), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (long)Math.Round(i * 1e9 / 3, MidpointRounding.AwayFromZero))));
    }

    [Test]
    public void BurstPutsEveryRequestAtZero()
    {
        var rs = Generate(new ArrivalSpec(ArrivalProcess.Burst), 500);
        Assert.That(rs, Has.Count.EqualTo(500));
        Assert.That(rs.All(r => r.Arrival == SimTime.Zero));
    }

    [Test]
    public void PiecewiseRatesHoldInEachSegmentAndTheLoadEnds()
    {
        var arrival = new ArrivalSpec(ArrivalProcess.Piecewise) { Segments = [new(100, 50), new(100, 0), new(100, 200)] };
        var rs = Generate(arrival, null);
        int first = rs.Count(r => r.Arrival.Seconds < 100);
        int quiet = rs.Count(r => r.Arrival.Seconds is >= 100 and < 200);
        int last = rs.Count(r => r.Arrival.Seconds >= 200);
        Assert.That(first, Is.EqualTo(5000).Within(5).Percent);
        Assert.That(quiet, Is.Zero);
        Assert.That(last, Is.EqualTo(20000).Within(3).Percent);
        Assert.That(rs[^1].Arrival.Seconds, Is.LessThan(300));
    }

    [Test]
    public void DiurnalRateAveragesToTheMeanAndPeaksAtAQuarterPeriod()
    {
        var arrival = new ArrivalSpec(ArrivalProcess.Diurnal) { RequestsPerSecond = 100, Amplitude = 0.8, PeriodSeconds = 400 };
        var rs = Generate(arrival, null, duration: 400);
        Assert.That(rs.Count, Is.EqualTo(40_000).Within(3).Percent);
        int peak = rs.Count(r => r.Arrival.Seconds is >= 50 and < 150);
        int trough = rs.Count(r => r.Arrival.Seconds is >= 250 and < 350);
        Assert.That(peak, Is.GreaterThan(3 * trough));
    }

    [Test]
    public void SameSeedSameLoadOtherSeedOtherLoad()
    {
        var arrival = new ArrivalSpec(ArrivalProcess.Poisson) { RequestsPerSecond = 5 };
        var first = Generate(arrival, 100, seed: 1);
        var again = Generate(arrival, 100, seed: 1);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(Generate(arrival, 100, seed: 1).Select(r => r.Arrival), Is.Not.EqualTo(Generate(arrival, 100, seed: 2).Select(r => r.Arrival)));
    }

    [Test]
    public void DurationEndsOpenLoopLoad()
    {
        var rs = Generate(new ArrivalSpec(ArrivalProcess.Poisson) { RequestsPerSecond = 10 }, null, duration: 60);
        Assert.That(rs.All(r => r.Arrival.Seconds < 60));
        Assert.That(rs.Count, Is.InRange(450, 750));
    }
}
