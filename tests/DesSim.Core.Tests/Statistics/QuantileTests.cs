using DesSim.Core.Statistics;
using MathNet.Numerics.Statistics;

namespace DesSim.Core.Tests.Statistics;

public sealed class QuantileTests
{
    [Test]
    public void Linear_interpolates_between_order_statistics_by_hand()
    {
        double[] sorted = [10, 20, 30, 40];
        // h = (4 - 1)·p + 1: p = 0.5 → h = 2.5, halfway between 20 and 30; p = 0.9 → h = 3.7, 30 + 0.7·10.
        Assert.That(Quantile.Linear(sorted, 0.5), Is.EqualTo(25));
        Assert.That(Quantile.Linear(sorted, 0.9), Is.EqualTo(37).Within(1e-12));
        Assert.That(Quantile.Linear(sorted, 0), Is.EqualTo(10));
        Assert.That(Quantile.Linear(sorted, 1), Is.EqualTo(40));
        Assert.That(Quantile.Linear([7.0], 0.99), Is.EqualTo(7));
        Assert.That(Quantile.Linear([], 0.5), Is.NaN);
    }

    [Test]
    public void Linear_is_bit_identical_to_MathNet_R7_which_it_replaces()
    {
        var random = new Random(5);
        foreach (var n in new[] { 1, 2, 3, 10, 97, 1000, 4099 })
        {
            var sorted = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 1e4).Order().ToArray();
            foreach (var p in new[] { 0, 0.001, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1 })
            {
                var expected = SortedArrayStatistics.QuantileCustom(sorted, p, QuantileDefinition.R7);
                Assert.That(BitConverter.DoubleToInt64Bits(Quantile.Linear(sorted, p)), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)), $"n = {n}, p = {p}");
            }
        }
    }

    [Test]
    public void Linear_of_unsorted_sorts_a_copy()
    {
        double[] samples = [40, 10, 30, 20];
        Assert.That(Quantile.LinearOfUnsorted(samples, 0.5), Is.EqualTo(25));
        Assert.That(samples, Is.EqualTo(new double[] { 40, 10, 30, 20 }), "input untouched");
    }

    [Test]
    public void Position_names_the_ranks_and_the_weight()
    {
        Assert.That(Quantile.Position(5, 0.5), Is.EqualTo(new QuantilePosition(2, 3, 0)), "h = 3: rank 2 exactly, weight 0 on rank 3");
        Assert.That(Quantile.Position(4, 0.5), Is.EqualTo(new QuantilePosition(1, 2, 0.5)));
        Assert.That(Quantile.Position(4, 1), Is.EqualTo(new QuantilePosition(3, 3, 0)));
        Assert.That(() => Quantile.Position(0, 0.5), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => Quantile.Position(3, 1.5), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => Quantile.Position(3, double.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Nearest_rank_returns_a_sample_at_rank_ceiling_of_p_n()
    {
        int[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.That(Quantile.NearestRank(sorted, 0.9), Is.EqualTo(9), "⌈0.9·10⌉ = 9");
        Assert.That(Quantile.NearestRank(sorted, 0.91), Is.EqualTo(10), "⌈9.1⌉ = 10");
        Assert.That(Quantile.NearestRank(sorted, 0.5), Is.EqualTo(5));
        Assert.That(Quantile.NearestRank(sorted, 0), Is.EqualTo(1), "clamped to the first");
        Assert.That(Quantile.NearestRank(sorted, 1), Is.EqualTo(10));
        Assert.That(() => Quantile.NearestRank(Array.Empty<int>(), 0.5), Throws.ArgumentException);
    }
}
