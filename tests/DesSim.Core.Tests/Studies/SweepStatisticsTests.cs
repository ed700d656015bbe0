using DesSim.Core.Metrics;
using DesSim.Core.Parallelism;
using DesSim.Core.Studies;

namespace DesSim.Core.Tests.Studies;

public sealed class SweepStatisticsTests
{
    [Test]
    public void HalfWidthIsStudentTTimesStandardError()
    {
        // Samples 1, 2, 3: mean 2, s = 1, t(0.975, 2) = 4.302653 (tables), half-width 4.302653 / √3.
        var v = ReplicatedValue.Of([1, 2, 3]);
        Assert.That(v.Mean, Is.EqualTo(2));
        Assert.That(v.HalfWidth95, Is.EqualTo(4.302653 / Math.Sqrt(3)).Within(1e-5));
        Assert.That(v.Straddles(4.4), Is.True);
        Assert.That(v.Straddles(4.5), Is.False);
    }

    [Test]
    public void OneSampleHasNoSpreadAndNaNsAreSkipped()
    {
        Assert.That(ReplicatedValue.Of([5]), Is.EqualTo(new ReplicatedValue(5, 0, 1)));
        Assert.That(ReplicatedValue.Of([5, double.NaN]).Count, Is.EqualTo(1));
        Assert.That(double.IsNaN(ReplicatedValue.Of([double.NaN]).Mean));
        Assert.That(ReplicatedValue.Of([5]).Straddles(5), Is.False, "one replication never claims noise");
    }

    private static PointResult Verdict(bool holds) =>
        new(new ParallelPlan(), RunMetrics.All.Select(_ => new ReplicatedValue(1, 0, 1)).ToArray(), holds, false, [], 0);

    [TestCase(7.3, 4.0)]
    [TestCase(0.9, 4.0)]
    [TestCase(123.0, 1.0)]
    public void CapacitySearchBracketsAStepWithinTolerance(double capacity, double start)
    {
        var search = new CapacitySearch(0.02, 40);
        int calls = 0;
        var r = search.Find(rate => { calls++; return Verdict(rate <= capacity); }, start, 8, (rate, _) => rate);
        Assert.That(r.Rate, Is.LessThanOrEqualTo(capacity).And.GreaterThanOrEqualTo(capacity * 0.98));
        Assert.That(r.Simulations, Is.EqualTo(calls));
        Assert.That(r.Bounded, Is.True);
        Assert.That(r.RequestsPerSecondPerGpu, Is.EqualTo(r.Rate / 8));
        Assert.That(r.Probes.Where(p => p.Held).Max(p => p.Rate), Is.EqualTo(r.Rate));
    }

    [Test]
    public void CapacitySearchReportsZeroAndUnboundedCases()
    {
        var never = new CapacitySearch().Find(_ => Verdict(false), 4, 1, (rate, _) => rate);
        Assert.That(never.Rate, Is.Zero);
        Assert.That(never.AtCapacity, Is.Null);
        var always = new CapacitySearch(0.02, 6).Find(_ => Verdict(true), 1, 1, (rate, _) => rate);
        Assert.That(always.Bounded, Is.False);
        Assert.That(always.Rate, Is.EqualTo(32), "1, 2, 4, 8, 16, 32: six probes");
    }

    [Test]
    public void PresetsAndExplicitBoundsParse()
    {
        Assert.That(PlanPreset.Parse("chat").Slo, Is.EqualTo(SloSpec.Chat));
        Assert.That(PlanPreset.Parse("batch").Objective, Is.EqualTo(PlanObjective.Throughput));
        Assert.That(PlanPreset.Parse("voice").Slo.TtftMs, Is.EqualTo(PlanPreset.VoiceTtftMs));
        Assert.That(PlanPreset.Parse("ttft_ms=200, queue_ms=50").Slo, Is.EqualTo(new SloSpec(TtftMs: 200, QueueMs: 50)));
        Assert.That(() => PlanPreset.Parse("fast"), Throws.InstanceOf<InputException>().With.Message.Contains("preset"));
        Assert.That(() => PlanPreset.Parse("ttft_ms=-1"), Throws.InstanceOf<InputException>());
    }

    [Test]
    public void ShardsPartitionThePoints()
    {
        var shards = Enumerable.Range(1, 4).Select(k => new ShardSpec(k, 4)).ToArray();
        foreach (var i in Enumerable.Range(0, 50))
        {
            Assert.That(shards.Count(s => s.Contains(i)), Is.EqualTo(1));
        }

        Assert.That(ShardSpec.Parse("3/8"), Is.EqualTo(new ShardSpec(3, 8)));
        Assert.That(() => ShardSpec.Parse("0/8"), Throws.InstanceOf<InputException>());
        Assert.That(() => ShardSpec.Parse("9/8"), Throws.InstanceOf<InputException>());
    }
}
