namespace DesSim.Core.Statistics;

/// <summary>The Pareto frontier of points where x is lower-better (latency) and y is higher-better (throughput): the one
/// frontier behind <c>plan.csv</c>'s <c>pareto</c> column and every frontier line in the HTML reports.</summary>
/// <remarks>A point is on the frontier when no other point dominates it, i.e. has x ≤ its x and y ≥ its y with one
/// strictly better. Exact duplicates of a frontier point are on it too (neither dominates the other). Points with a
/// non-finite coordinate (NaN: no samples) are never on it. O(n log n): sort by x ascending, y descending, then sweep.</remarks>
public static class ParetoFrontier
{
    /// <summary>Indices of the frontier points, ordered by ascending x, then descending y, then index.</summary>
    /// <param name="xsLowerBetter">E.g. p99 latency in ms.</param>
    /// <param name="ysHigherBetter">E.g. output tokens per second per GPU; same count.</param>
    public static IReadOnlyList<int> Indices(IReadOnlyList<double> xsLowerBetter, IReadOnlyList<double> ysHigherBetter)
    {
        ArgumentNullException.ThrowIfNull(xsLowerBetter);
        ArgumentNullException.ThrowIfNull(ysHigherBetter);
        if (xsLowerBetter.Count != ysHigherBetter.Count)
        {
            throw new ArgumentException("xs and ys must have the same count", nameof(ysHigherBetter));
        }

        // Why: in this order a point is undominated iff it beats every earlier point on y, or repeats the last
        // frontier point exactly; a later point has x ≥ and, at equal x, y ≤, so it cannot dominate.
        var order = Enumerable.Range(0, xsLowerBetter.Count)
            .Where(i => double.IsFinite(xsLowerBetter[i]) && double.IsFinite(ysHigherBetter[i]))
            .OrderBy(i => xsLowerBetter[i])
            .ThenByDescending(i => ysHigherBetter[i])
            .ThenBy(i => i)
            .ToList();
        var frontier = new List<int>();
        double bestY = double.NegativeInfinity, bestX = double.NaN;
        foreach (var i in order)
        {
            double x = xsLowerBetter[i], y = ysHigherBetter[i];
            if (y > bestY || (y == bestY && x == bestX))
            {
                frontier.Add(i);
                bestY = y;
                bestX = x;
            }
        }

        return frontier;
    }

    /// <summary>Whether each point is on the frontier (same rule as <see cref="Indices"/>).</summary>
    public static bool[] Membership(IReadOnlyList<double> xsLowerBetter, IReadOnlyList<double> ysHigherBetter)
    {
        var result = new bool[xsLowerBetter.Count];
        foreach (var i in Indices(xsLowerBetter, ysHigherBetter))
        {
            result[i] = true;
        }

        return result;
    }
}
