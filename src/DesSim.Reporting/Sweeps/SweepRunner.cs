using System.Collections.Concurrent;
using DesSim.Core;
using DesSim.Core.Studies;
using DesSim.Reporting.Output;
using DesSim.Reporting.Results;

namespace DesSim.Reporting.Sweeps;

/// <summary>Runs a sweep's points in parallel (one simulation per worker) into an output directory, resumably.</summary>
/// <remarks>
/// Lifecycle of <see cref="Run"/>: check or write <c>sweep.json</c> (a directory of another sweep or shard is refused);
/// collect completed points; rewrite <c>sweep.csv</c> from them (dropping any torn row of an interrupted run); run the
/// missing points of the shard, lowest index first, each writing <c>summary.json</c> then <c>row.csv</c> and appending its row
/// to <c>sweep.csv</c> as it finishes; finally rewrite <c>sweep.csv</c> in point order. Results depend only on the plan,
/// never on the number of workers or on the order points finish.
/// </remarks>
public static class SweepRunner
{
    /// <summary>Lock file in the sweep directory, held (exclusive <c>flock</c>) by the one process writing it.</summary>
    public const string LockFileName = ".sweep.lock";

    /// <summary>Runs the points of <paramref name="shard"/> not yet complete in <paramref name="directory"/>.</summary>
    /// <param name="plan">The expanded sweep.</param>
    /// <param name="directory">Output directory (created).</param>
    /// <param name="shard">Which points to run.</param>
    /// <param name="workers">Simulations at once (≥ 1).</param>
    /// <param name="onPoint">Called (serialized) after each point finishes, with its index and how many are done.</param>
    /// <param name="cancel">Stops taking new points; finished points stay complete.</param>
    /// <returns>Points run now, and points found complete.</returns>
    public static (int Ran, int Skipped) Run(SweepPlan plan, string directory, ShardSpec shard, int workers, Action<int, int, int>? onPoint = null, CancellationToken cancel = default)
    {
        var table = new SweepTable(plan.Grid.Axes.Select(a => a.KeyPath).ToArray());
        var manifest = new SweepManifest(plan.Fingerprint, plan.Points.Count, plan.Grid.Replications, shard, table.Headers);
        var mine = plan.Points.Where(p => shard.Contains(p.Index)).Select(p => p.Index).ToArray();
        return RunPoints(directory, manifest, table.HeaderLine, mine, workers, i => RunPoint(plan, table, plan.Points[i], directory), onPoint, cancel);
    }

    /// <summary>The resumable core every sharded study shares (sweep points, plan and capacity layouts): lock the directory,
    /// check or write its manifest, skip the completed points among <paramref name="mine"/>, run the others with
    /// <paramref name="runPoint"/> (which writes the point's directory, its <c>row.csv</c> last, and returns the row), and keep
    /// <c>sweep.csv</c> as the completed rows in point order.</summary>
    /// <returns>Points run now, and points found complete.</returns>
    public static (int Ran, int Skipped) RunPoints(string directory, SweepManifest manifest, string headerLine, IReadOnlyList<int> mine, int workers, Func<int, string> runPoint, Action<int, int, int>? onPoint = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(runPoint);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        Directory.CreateDirectory(directory);
        using var writer = LockRoot(directory);
        CheckManifest(directory, manifest);
        var done = SweepDirectory.CompletedRows(directory, mine);
        SweepDirectory.WriteCsv(directory, headerLine, done.Values);
        var pending = mine.Where(p => !done.ContainsKey(p)).ToArray();
        var rows = new ConcurrentDictionary<int, string>(done);
        var gate = new object();
        int finished = done.Count;
        using (var journal = new FileStream(Path.Combine(directory, SweepDirectory.CsvFileName), FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancel };
            var ordered = System.Collections.Concurrent.Partitioner.Create(pending, EnumerablePartitionerOptions.NoBuffering);
            try
            {
                Parallel.ForEach(ordered, options, index =>
                {
                    var row = runPoint(index);
                    rows[index] = row;
                    lock (gate)
                    {
                        var bytes = AtomicFile.Utf8NoBom.GetBytes(row);
                        journal.Write(bytes, 0, bytes.Length);
                        journal.Flush(flushToDisk: true);
                        finished++;
                        onPoint?.Invoke(index, finished, mine.Count);
                    }
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is InputException) is InputException input)
            {
                throw input;
            }
        }

        SweepDirectory.WriteCsv(directory, headerLine, rows.OrderBy(kv => kv.Key).Select(kv => kv.Value));
        return (pending.Length, done.Count);
    }

    private static string RunPoint(SweepPlan plan, SweepTable table, SweepPoint point, string directory)
    {
        var result = PointEvaluator.Evaluate(point.Scenario, plan.Grid.Replications);
        // Why one staged directory per point: its summaries and row.csv (the completion mark) appear together by one rename.
        using var pointDir = new AtomicDirectory(SweepDirectory.PointDirectory(directory, point.Index), [SweepDirectory.RowFileName, "summary.json"]);
        var extra = new Dictionary<string, string> { ["sweep_point"] = point.Describe(plan.Grid.Axes), ["sweep_fingerprint"] = plan.Fingerprint };
        for (int r = 0; r < result.Runs.Count; r++)
        {
            var name = r == 0 ? "summary.json" : $"summary-r{r}.json";
            var seed = point.Scenario.Seed + (ulong)r;
            extra["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var stream = pointDir.OpenWrite(name);
            SummaryJsonWriter.Write(stream, point.Scenario.Name, point.Layout.ToString(), result.Runs[r], point.Scenario.Slo, [], extra);
        }

        var row = table.Row(point, result, plan.Grid.Replications);
        pointDir.WriteAllText(SweepDirectory.RowFileName, row);
        pointDir.Commit();
        return row;
    }

    private static FileStream LockRoot(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new InputException(directory, null, "another dessim sweep is writing this directory now", "wait for it to finish (it resumes where it stopped), or use another --out");
        }
    }

    private static void CheckManifest(string directory, SweepManifest manifest)
    {
        var existing = SweepManifest.TryRead(directory);
        if (existing is null)
        {
            manifest.Write(directory);
            return;
        }

        if (existing.Study != manifest.Study)
        {
            throw new InputException(directory, null, $"holds a {existing.Study} ({existing.Fingerprint}), not a {manifest.Study}", "use another --out, or delete the directory to start over");
        }

        if (existing.Fingerprint != manifest.Fingerprint || existing.Points != manifest.Points || existing.Replications != manifest.Replications)
        {
            throw new InputException(directory, null, $"holds another sweep (fingerprint {existing.Fingerprint}, this one is {manifest.Fingerprint})", "use another --out, or delete the directory to start over");
        }

        if (existing.Shard != manifest.Shard)
        {
            throw new InputException(directory, null, $"holds shard {existing.Shard} of this sweep, not {manifest.Shard}", "give each shard its own --out and combine them with 'dessim merge'");
        }
    }
}
