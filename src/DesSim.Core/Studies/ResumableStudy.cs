using System.Collections.Concurrent;

namespace DesSim.Core.Studies;

/// <summary>Runs a study's points in parallel into an <see cref="IStudyStore"/>, resumably: the one runner of sweep points
/// and of sharded plan and capacity layouts.</summary>
/// <remarks>
/// Lifecycle of <see cref="Run"/>: collect the completed points; rewrite the table from them (dropping any torn row of an
/// interrupted run); run the missing points, lowest index first, each through <c>runPoint</c> (which writes the point's own
/// files, its completion mark last, and returns its row) and journal its row as it finishes; finally rewrite the table in
/// point order. Results depend only on the points, never on the number of workers or on the order points finish. Bad input
/// (an <see cref="InputException"/>) that stops a fresh study before any point completed leaves nothing behind; a study
/// with completed points keeps them, to resume. Cancellation stops taking new points; finished points stay complete.
/// </remarks>
public static class ResumableStudy
{
    /// <summary>Runs the points of <paramref name="mine"/> not yet complete in <paramref name="store"/>.</summary>
    /// <param name="store">The opened store.</param>
    /// <param name="mine">The points of this shard.</param>
    /// <param name="workers">Points at once (≥ 1).</param>
    /// <param name="runPoint">Runs one point, writes its files and returns its row.</param>
    /// <param name="onPoint">Called (serialized) after each point finishes, with its index, how many are done and how many there are.</param>
    /// <param name="cancel">Stops taking new points.</param>
    /// <returns>Points run now, and points found complete.</returns>
    public static (int Ran, int Skipped) Run(IStudyStore store, IReadOnlyList<int> mine, int workers, Func<int, string> runPoint, Action<int, int, int>? onPoint = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(runPoint);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        try
        {
            return RunPending(store, mine, workers, runPoint, onPoint, cancel);
        }
        catch (InputException) when (store.IsFresh)
        {
            if (store.CompletedRows(mine).Count == 0)
            {
                store.DiscardFresh();
            }

            throw;
        }
    }

    private static (int Ran, int Skipped) RunPending(IStudyStore store, IReadOnlyList<int> mine, int workers, Func<int, string> runPoint, Action<int, int, int>? onPoint, CancellationToken cancel)
    {
        var done = store.CompletedRows(mine);
        store.WriteTable(done.OrderBy(kv => kv.Key).Select(kv => kv.Value));
        var pending = mine.Where(p => !done.ContainsKey(p)).ToArray();
        var rows = new ConcurrentDictionary<int, string>(done);
        var gate = new object();
        int finished = done.Count;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancel };
        var ordered = Partitioner.Create(pending, EnumerablePartitionerOptions.NoBuffering);
        try
        {
            Parallel.ForEach(ordered, options, index =>
            {
                var row = runPoint(index);
                rows[index] = row;
                lock (gate)
                {
                    store.Append(row);
                    finished++;
                    onPoint?.Invoke(index, finished, mine.Count);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is InputException) is InputException input)
        {
            throw input;
        }

        store.WriteTable(rows.OrderBy(kv => kv.Key).Select(kv => kv.Value));
        return (pending.Length, done.Count);
    }
}
