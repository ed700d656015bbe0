using DesSim.Core.Studies;
using DesSim.Reporting.Sweeps;

namespace DesSim.Cli.Commands;

/// <summary>Wires a sweep's run: the study runner (<see cref="SweepStudy"/>, Core) over the sweep directory's store and point
/// files (<see cref="SweepStore"/>, <see cref="SweepPointFiles"/>, Reporting).</summary>
public static class SweepExecution
{
    /// <summary>Runs the points of <paramref name="shard"/> of <paramref name="plan"/> not yet complete in <paramref name="directory"/>.</summary>
    /// <param name="plan">The expanded sweep.</param>
    /// <param name="directory">Output directory (created).</param>
    /// <param name="shard">Which points to run.</param>
    /// <param name="workers">Simulations at once (≥ 1).</param>
    /// <param name="onPoint">Called (serialized) after each point finishes, with its index and how many are done.</param>
    /// <param name="cancel">Stops taking new points; finished points stay complete.</param>
    /// <returns>Points run now, and points found complete.</returns>
    /// <exception cref="Core.InputException">The directory holds another sweep or shard, or a point has bad input.</exception>
    public static (int Ran, int Skipped) Run(SweepPlan plan, string directory, ShardSpec shard, int workers, Action<int, int, int>? onPoint = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var table = SweepPointFiles.Table(plan);
        using var store = SweepStore.Open(plan, directory, shard);
        return SweepStudy.Run(plan, store, shard, workers, (point, result) => SweepPointFiles.Write(plan, table, directory, point, result), onPoint, cancel);
    }
}
