using DesSim.Core;

namespace DesSim.Reporting.Output;

/// <summary>One output directory, written whole into a staging directory next to it and published by one rename.</summary>
/// <remarks>Lifecycle: construct (cleans stale staging in the parent, creates <c>.NAME.staging-GUID/</c>), write files,
/// <see cref="Commit"/>; <see cref="Dispose"/> without commit deletes the staging directory and leaves the target as it
/// was. Publication (docs/output.md): under the parent's lock, a new target is one <c>rename(2)</c>; an existing one is
/// swapped with the staging directory in one <c>renameat2(RENAME_EXCHANGE)</c> and the old version, now in the
/// staging path, is deleted; where the file system cannot exchange, the old result is renamed aside
/// (<c>.NAME.old-GUID</c>), the new one renamed in, and the old one deleted — a run killed between the two is undone
/// by the next writer into that parent. Readers therefore see the old result or the new one, whole. An existing
/// target is replaced only if every entry in it is one the new result writes or one of <c>replaceable</c> (or hidden):
/// a directory holding other files is refused. I/O failures become an <see cref="InputException"/> naming the path.</remarks>
public sealed class AtomicDirectory : IStagedOutput
{
    private readonly Staging _staging;
    private readonly HashSet<string> _replaceable;
    private bool _committed;
    private bool _disposed;

    /// <summary>Stages <paramref name="targetDirectory"/>.</summary>
    /// <param name="targetDirectory">Where the result ends up.</param>
    /// <param name="replaceable">Names (top level) an earlier result here may hold beyond those this one writes.</param>
    /// <exception cref="InputException">The target is a file, or its parent cannot be created or written.</exception>
    public AtomicDirectory(string targetDirectory, IEnumerable<string>? replaceable = null)
    {
        ArgumentNullException.ThrowIfNull(targetDirectory);
        TargetDirectory = OutputPaths.Full(targetDirectory);
        _replaceable = new HashSet<string>(replaceable ?? [], StringComparer.Ordinal);
        Staging? staging = null;
        Guard(targetDirectory, () =>
        {
            if (File.Exists(TargetDirectory))
            {
                throw new IOException("a file with that name exists");
            }

            staging = new Staging(TargetDirectory);
        });
        _staging = staging!;
    }

    /// <summary>The directory the files end up in (absolute).</summary>
    public string TargetDirectory { get; }

    /// <summary>Where files are written before commit (absolute; a hidden sibling of the target).</summary>
    public string StagingDirectory => _staging.Root;

    /// <inheritdoc />
    public string Target => TargetDirectory;

    /// <summary>The staging path for a file name (relative paths with subdirectories are allowed).</summary>
    public string PathFor(string fileName)
    {
        ThrowIfDone();
        var path = Path.GetFullPath(Path.Combine(StagingDirectory, fileName));
        if (!path.StartsWith(StagingDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.GetFileName(path) == Staging.OwnerFile)
        {
            throw new ArgumentException($"'{fileName}' escapes the output directory", nameof(fileName));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Writes a UTF-8 (no BOM) text file into the staging directory.</summary>
    public void WriteAllText(string fileName, string text)
    {
        var path = PathFor(fileName);
        Guard(path, () => File.WriteAllText(path, text, AtomicFile.Utf8NoBom));
    }

    /// <summary>Writes a binary file into the staging directory.</summary>
    public void WriteAllBytes(string fileName, byte[] bytes)
    {
        var path = PathFor(fileName);
        Guard(path, () => File.WriteAllBytes(path, bytes));
    }

    /// <summary>Opens a new file in the staging directory for streaming writes; the caller disposes it.</summary>
    public Stream OpenWrite(string fileName)
    {
        var path = PathFor(fileName);
        Stream? stream = null;
        Guard(path, () => stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None));
        return stream!;
    }

    /// <inheritdoc />
    public void CheckPublishable() => Guard(TargetDirectory, () =>
    {
        if (File.Exists(TargetDirectory))
        {
            throw new IOException("a file with that name exists");
        }

        if (Directory.Exists(TargetDirectory))
        {
            var mine = Directory.EnumerateFileSystemEntries(StagingDirectory).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            var foreign = Directory.EnumerateFileSystemEntries(TargetDirectory).Select(e => Path.GetFileName(e)!)
                .Where(n => !n.StartsWith('.') && !mine.Contains(n) && !_replaceable.Contains(n))
                .Order(StringComparer.Ordinal).ToArray();
            if (foreign.Length > 0)
            {
                throw new InputException(TargetDirectory, null, $"exists and holds {foreign.Length} entr{(foreign.Length == 1 ? "y" : "ies")} dessim would not write here (first: {foreign[0]}); refusing to replace it", "choose a new or empty output directory");
            }
        }
    });

    /// <summary>Publishes the staged directory as the target (see the remarks for the protocol).</summary>
    public void Commit()
    {
        ThrowIfDone();
        Guard(TargetDirectory, () =>
        {
            using (ParentLock.Acquire(_staging.Parent))
            {
                CheckPublishable();
                PublishHook.Pause();
                _staging.ReleaseOwner();
                if (!Directory.Exists(TargetDirectory))
                {
                    Directory.Move(StagingDirectory, TargetDirectory);
                }
                else if (!PublishHook.NoExchange && RenameExchange.TryExchange(StagingDirectory, TargetDirectory))
                {
                    PublishHook.Pause();
                    Directory.Delete(StagingDirectory, recursive: true);
                }
                else
                {
                    var aside = Path.Combine(_staging.Parent, $".{_staging.Name}.old-{Guid.NewGuid():N}");
                    Directory.Move(TargetDirectory, aside);
                    PublishHook.Pause();
                    Directory.Move(StagingDirectory, TargetDirectory);
                    Directory.Delete(aside, recursive: true);
                }
            }
        });
        _committed = true;
    }

    /// <summary>Deletes the staging directory if the output was not committed.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_committed)
        {
            _staging.Dispose();
        }
    }

    private void ThrowIfDone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            throw new InvalidOperationException("the output directory was already committed");
        }
    }

    internal static void Guard(string path, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InputException(path, null, $"cannot write output: {e.Message}", "check that the path is a writable directory");
        }
    }
}
