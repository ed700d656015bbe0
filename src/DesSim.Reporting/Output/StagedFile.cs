using DesSim.Core;

namespace DesSim.Reporting.Output;

/// <summary>One output file, written into its own staging directory next to the target and published with one
/// <c>rename(2)</c> over it (readers see the old file or the new one, whole).</summary>
public sealed class StagedFile : IStagedOutput
{
    private readonly Staging _staging;
    private bool _disposed;

    /// <summary>Stages <paramref name="target"/>.</summary>
    /// <exception cref="InputException">The target is a directory or its parent cannot be written.</exception>
    public StagedFile(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = OutputPaths.Full(target);
        Staging? staging = null;
        AtomicDirectory.Guard(target, () =>
        {
            if (Directory.Exists(Target))
            {
                throw new IOException("a directory with that name exists");
            }

            staging = new Staging(Target);
        });
        _staging = staging!;
        StagingPath = Path.Combine(_staging.Root, _staging.Name);
    }

    /// <inheritdoc />
    public string Target { get; }

    /// <summary>Where to write the file before commit.</summary>
    public string StagingPath { get; }

    /// <summary>Lets <paramref name="write"/> fill the staged file (flushed to disk).</summary>
    public void Write(Action<Stream> write)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        AtomicDirectory.Guard(Target, () =>
        {
            using var stream = new FileStream(StagingPath, FileMode.Create, FileAccess.Write, FileShare.None);
            write(stream);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <inheritdoc />
    public void CheckPublishable() => AtomicDirectory.Guard(Target, () =>
    {
        if (Directory.Exists(Target))
        {
            throw new IOException("a directory with that name exists");
        }

        if (!File.Exists(StagingPath))
        {
            throw new InvalidOperationException($"nothing was written for {Target}");
        }
    });

    /// <inheritdoc />
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        AtomicDirectory.Guard(Target, () =>
        {
            using (ParentLock.Acquire(_staging.Parent))
            {
                CheckPublishable();
                PublishHook.Pause();
                _staging.ReleaseOwner();
                File.Move(StagingPath, Target, overwrite: true);
            }
        });
        _staging.Dispose();
    }

    /// <summary>Deletes the staging directory (and the staged file if not committed).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _staging.Dispose();
    }
}
