using DesSim.Core.Statistics;

namespace DesSim.Core.Tests.Statistics;

public sealed class ParetoFrontierTests
{
    [Test]
    public void Frontier_keeps_only_non_dominated_points_by_ascending_latency()
    {
        double[] latency = [120, 150, 180, 240, 260, 400, 90, 300];
        double[] throughput = [900, 1300, 1250, 1700, 1500, 1900, 600, 1650];
        Assert.That(ParetoFrontier.Indices(latency, throughput), Is.EqualTo(new[] { 6, 0, 1, 3, 5 }));
    }

    [Test]
    public void Exact_duplicates_are_all_on_the_frontier_and_ties_on_x_keep_the_best_y()
    {
        double[] x = [1, 1, 1, 2];
        double[] y = [5, 7, 7, 8];
        Assert.That(ParetoFrontier.Indices(x, y), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(ParetoFrontier.Membership(x, y), Is.EqualTo(new[] { false, true, true, true }));
    }

    [Test]
    public void Membership_matches_the_planners_old_rule_on_its_example()
    {
        // (latency, throughput): (100, 50), (200, 80), (150, 40) dominated by (100, 50), (300, 80) dominated by (200, 80), (90, 10).
        var f = ParetoFrontier.Membership([100, 200, 150, 300, 90], [50, 80, 40, 80, 10]);
        Assert.That(f, Is.EqualTo(new[] { true, true, false, false, true }));
    }

    [Test]
    public void Every_point_off_the_frontier_is_dominated_by_one_on_it()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 200).Select(_ => random.NextDouble() * 100).ToArray();
        var y = Enumerable.Range(0, 200).Select(_ => random.NextDouble() * 100).ToArray();
        var frontier = ParetoFrontier.Indices(x, y);
        for (var i = 0; i < x.Length; i++)
        {
            var dominated = Enumerable.Range(0, x.Length).Any(j => x[j] <= x[i] && y[j] >= y[i] && (x[j] < x[i] || y[j] > y[i]));
            Assert.That(frontier.Contains(i), Is.EqualTo(!dominated), $"point {i}");
        }

        Assert.That(frontier.Select(i => x[i]), Is.Ordered, "ascending latency");
    }

    [Test]
    public void Ties_and_duplicates_follow_the_dominance_definition_on_a_coarse_grid()
    {
        var random = new Random(11);
        var x = Enumerable.Range(0, 300).Select(_ => (double)random.Next(10)).ToArray();
        var y = Enumerable.Range(0, 300).Select(_ => (double)random.Next(10)).ToArray();
        var frontier = ParetoFrontier.Indices(x, y).ToHashSet();
        for (var i = 0; i < x.Length; i++)
        {
            var dominated = Enumerable.Range(0, x.Length).Any(j => x[j] <= x[i] && y[j] >= y[i] && (x[j] < x[i] || y[j] > y[i]));
            Assert.That(frontier.Contains(i), Is.EqualTo(!dominated), $"point {i} ({x[i]}, {y[i]})");
        }
    }

    [Test]
    public void Non_finite_points_are_ignored_and_empty_input_gives_empty_frontier()
    {
        Assert.That(ParetoFrontier.Indices([double.NaN, 2], [5, 1]), Is.EqualTo(new[] { 1 }));
        Assert.That(ParetoFrontier.Indices([double.PositiveInfinity, 2], [5, 1]), Is.EqualTo(new[] { 1 }));
        Assert.That(ParetoFrontier.Indices([], []), Is.Empty);
    }
}
