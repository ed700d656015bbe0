using DesSim.Core;
using DesSim.Core.Studies;
using DesSim.Reporting.Output;

namespace DesSim.Reporting.Sweeps;

/// <summary>A sweep (or sharded plan/capacity) output directory as the resumable runner's store
/// (<see cref="IStudyStore"/>): the lock, <c>sweep.json</c>, the completed points' <c>row.csv</c> and <c>sweep.csv</c>.</summary>
/// <remarks>
/// <see cref="Open(string, SweepManifest, string)"/> creates the directory, takes its lock (one writer at a time) and checks its manifest against this
/// run's (a directory of another sweep or shard is refused) or writes it. <see cref="WriteTable"/> replaces
/// <c>sweep.csv</c> atomically; <see cref="Append"/> journals a row to it, flushed to disk, so an interrupted run leaves a
/// readable table. Only reads and writes files: what runs, in which order and in parallel is the runner's
/// (<see cref="ResumableStudy"/>).
/// </remarks>
public sealed class SweepStore : IStudyStore
{
    /// <summary>Lock file in the sweep directory, held (exclusive <c>flock</c>) by the one process writing it.</summary>
    public const string LockFileName = ".sweep.lock";

    private readonly string _directory;
    private readonly string _headerLine;
    private readonly bool _created;
    private readonly FileStream _lock;
    private FileStream? _journal;

    private SweepStore(string directory, string headerLine, bool created, FileStream lockFile, bool fresh)
    {
        _directory = directory;
        _headerLine = headerLine;
        _created = created;
        _lock = lockFile;
        IsFresh = fresh;
    }

    /// <inheritdoc />
    public bool IsFresh { get; }

    /// <summary>Opens <paramref name="directory"/> (created when missing) for the study of <paramref name="manifest"/>.</summary>
    /// <param name="directory">The output directory.</param>
    /// <param name="manifest">This run's manifest (fingerprint, points, replications, shard, columns).</param>
    /// <param name="headerLine">The header line of <c>sweep.csv</c>.</param>
    /// <exception cref="InputException">Another process writes the directory, or it holds another study or shard.</exception>
    public static SweepStore Open(string directory, SweepManifest manifest, string headerLine)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        bool created = !Directory.Exists(directory);
        Directory.CreateDirectory(directory);
        var lockFile = LockRoot(directory);
        try
        {
            return new SweepStore(directory, headerLine, created, lockFile, CheckManifest(directory, manifest));
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Opens the store of <paramref name="shard"/> of <paramref name="plan"/> in <paramref name="directory"/>.</summary>
    /// <exception cref="InputException">Another process writes the directory, or it holds another sweep or shard.</exception>
    public static SweepStore Open(SweepPlan plan, string directory, ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var table = SweepPointFiles.Table(plan);
        return Open(directory, new SweepManifest(plan.Fingerprint, plan.Points.Count, plan.Grid.Replications, shard, table.Headers), table.HeaderLine);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<int, string> CompletedRows(IReadOnlyList<int> points) => SweepDirectory.CompletedRows(_directory, points);

    /// <inheritdoc />
    public void WriteTable(IEnumerable<string> rows)
    {
        // Why the journal ends first: the rewrite replaces the file by rename, and a journal left open would append to the old one.
        EndJournal();
        SweepDirectory.WriteCsv(_directory, _headerLine, rows);
    }

    /// <inheritdoc />
    public void Append(string row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _journal ??= new FileStream(Path.Combine(_directory, SweepDirectory.CsvFileName), FileMode.Append, FileAccess.Write, FileShare.Read);
        var bytes = AtomicFile.Utf8NoBom.GetBytes(row);
        _journal.Write(bytes, 0, bytes.Length);
        _journal.Flush(flushToDisk: true);
    }

    /// <inheritdoc />
    /// <remarks>The whole directory when this run created it, else its manifest, table and lock (and an empty <c>points/</c>).</remarks>
    public void DiscardFresh()
    {
        EndJournal();
        if (_created)
        {
            Directory.Delete(_directory, recursive: true);
            return;
        }

        foreach (var name in new[] { SweepManifest.FileName, SweepDirectory.CsvFileName, LockFileName })
        {
            File.Delete(Path.Combine(_directory, name));
        }

        var points = Path.Combine(_directory, "points");
        if (Directory.Exists(points) && !Directory.EnumerateFileSystemEntries(points).Any())
        {
            Directory.Delete(points);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        EndJournal();
        _lock.Dispose();
    }

    private void EndJournal()
    {
        _journal?.Dispose();
        _journal = null;
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

    /// <summary>Checks the directory's manifest against this run's (writing it when there is none); true when it was written now.</summary>
    private static bool CheckManifest(string directory, SweepManifest manifest)
    {
        var existing = SweepManifest.TryRead(directory);
        if (existing is null)
        {
            manifest.Write(directory);
            return true;
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

        return false;
    }
}
