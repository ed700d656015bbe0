namespace DesSim.Reporting.Charts;

/// <summary>The Pareto frontier of points where x is lower-better (latency) and y is higher-better (throughput).</summary>
/// <remarks>A point is on the frontier when no other point has x ≤ its x and y ≥ its y with one strictly better.
/// Of exact duplicates only the first (lowest index) is kept. Non-finite points are never on the frontier.</remarks>
public static class ParetoFrontier
{
    /// <summary>Indices of the frontier points, ordered by ascending x.</summary>
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

        // Why: sort by x ascending, then y descending, then index, so a sweep keeps a point iff it beats every
        // point before it on y; the index tie-break makes duplicates resolve to the first.
        var order = Enumerable.Range(0, xsLowerBetter.Count)
            .Where(i => double.IsFinite(xsLowerBetter[i]) && double.IsFinite(ysHigherBetter[i]))
            .OrderBy(i => xsLowerBetter[i])
            .ThenByDescending(i => ysHigherBetter[i])
            .ThenBy(i => i)
            .ToList();
        var frontier = new List<int>();
        var bestY = double.NegativeInfinity;
        foreach (var i in order)
        {
            if (ysHigherBetter[i] > bestY)
            {
                frontier.Add(i);
                bestY = ysHigherBetter[i];
            }
        }

        return frontier;
    }
}
