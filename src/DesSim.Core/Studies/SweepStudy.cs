namespace DesSim.Core.Studies;

/// <summary>Runs a sweep's points (each its replications, <see cref="PointEvaluator"/>) resumably into a store
/// (<see cref="ResumableStudy"/>); the caller writes each point's files.</summary>
public static class SweepStudy
{
    /// <summary>Runs the points of <paramref name="shard"/> not yet complete in <paramref name="store"/>.</summary>
    /// <param name="plan">The expanded sweep.</param>
    /// <param name="store">The opened store of this shard.</param>
    /// <param name="shard">Which points to run.</param>
    /// <param name="workers">Points at once (≥ 1).</param>
    /// <param name="writePoint">Writes a point's result files (its completion mark last) and returns its table row.</param>
    /// <param name="onPoint">Called (serialized) after each point finishes, with its index and how many are done.</param>
    /// <param name="cancel">Stops taking new points; finished points stay complete.</param>
    /// <returns>Points run now, and points found complete.</returns>
    public static (int Ran, int Skipped) Run(SweepPlan plan, IStudyStore store, ShardSpec shard, int workers, Func<SweepPoint, PointResult, string> writePoint, Action<int, int, int>? onPoint = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(writePoint);
        var mine = plan.Points.Where(p => shard.Contains(p.Index)).Select(p => p.Index).ToArray();
        return ResumableStudy.Run(store, mine, workers, i => writePoint(plan.Points[i], PointEvaluator.Evaluate(plan.Points[i].Scenario, plan.Grid.Replications)), onPoint, cancel);
    }
}
