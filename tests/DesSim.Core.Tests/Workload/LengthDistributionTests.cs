using DesSim.Core.Workload;
using DesSim.Engine;
using static DesSim.Core.Tests.Workload.WorkloadTestKit;

namespace DesSim.Core.Tests.Workload;

public sealed class LengthDistributionTests
{
    private static int[] Draw(LengthSpec input, int n = 50_000, ulong seed = 11)
    {
        var spec = new SyntheticWorkloadSpec(new ArrivalSpec(ArrivalProcess.Burst), input, new LengthSpec(LengthDistribution.Fixed) { ValueTokens = 1 }) { MaxRequests = n };
        return Drain(WorkloadFactory.Open(spec, new RandomStreams(seed)).Source).Select(r => r.InputTokens).ToArray();
    }

    [Test]
    public void Fixed() => Assert.That(Draw(new LengthSpec(LengthDistribution.Fixed) { ValueTokens = 77 }, 100).Distinct(), Is.EqualTo(new[] { 77 }));

    [Test]
    public void UniformCoversTheInclusiveRange()
    {
        var v = Draw(new LengthSpec(LengthDistribution.Uniform) { MinTokens = 10, MaxTokens = 20 });
        Assert.That(v.Min(), Is.EqualTo(10));
        Assert.That(v.Max(), Is.EqualTo(20));
        Assert.That(v.Average(), Is.EqualTo(15).Within(1).Percent);
    }

    [Test]
    public void NormalMeanAndStd()
    {
        var v = Draw(new LengthSpec(LengthDistribution.Normal) { MeanTokens = 500, StdTokens = 50 });
        double mean = v.Average();
        Assert.That(mean, Is.EqualTo(500).Within(0.5).Percent);
        double std = Math.Sqrt(v.Select(x => (x - mean) * (x - mean)).Average());
        Assert.That(std, Is.EqualTo(50).Within(3).Percent);
    }

    [Test]
    public void LogNormalHasTheGivenArithmeticMean()
    {
        var v = Draw(new LengthSpec(LengthDistribution.LogNormal) { MeanTokens = 800, Sigma = 0.5 });
        Assert.That(v.Average(), Is.EqualTo(800).Within(2).Percent);
        Assert.That(v.Min(), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void ZipfFavoursSmallRanksWithinBounds()
    {
        var v = Draw(new LengthSpec(LengthDistribution.Zipf) { Exponent = 1.2, MaxTokens = 1000 });
        Assert.That(v.Min(), Is.GreaterThanOrEqualTo(1));
        Assert.That(v.Max(), Is.LessThanOrEqualTo(1000));
        double ones = v.Count(x => x == 1), twos = v.Count(x => x == 2);
        Assert.That(ones / twos, Is.EqualTo(Math.Pow(2, 1.2)).Within(6).Percent);
    }

    [Test]
    public void EmpiricalFromTheShippedLengthsCsvMatchesItsMean()
    {
        var file = Sample("sharegpt-lengths-4k.csv");
        var values = EmpiricalLengths.Load(new LengthSpec(LengthDistribution.Empirical) { File = file }, isInput: true);
        Assert.That(values, Has.Length.EqualTo(4000));
        var v = Draw(new LengthSpec(LengthDistribution.Empirical) { File = file });
        Assert.That(v.Average(), Is.EqualTo(values.Average()).Within(3).Percent);
        Assert.That(v.All(x => values.Contains(x)));
    }

    [Test]
    public void EmpiricalFromATracesOwnLengths()
    {
        var path = Write("g.csv", "arrival_s,input_tokens,output_tokens\n0,3,1\n1,5,9\n");
        var spec = new LengthSpec(LengthDistribution.Empirical) { File = path, FromTrace = true };
        Assert.That(EmpiricalLengths.Load(spec, isInput: false), Is.EqualTo(new[] { 1, 9 }));
        Assert.That(Draw(spec, 200).Distinct().Order(), Is.EqualTo(new[] { 3, 5 }));
    }

    [Test]
    public void ClampedToMinAndMax()
    {
        var v = Draw(new LengthSpec(LengthDistribution.Normal) { MeanTokens = 100, StdTokens = 100, MinTokens = 50, MaxTokens = 150 });
        Assert.That(v.Min(), Is.EqualTo(50));
        Assert.That(v.Max(), Is.EqualTo(150));
    }
}
