using DesSim.Core;

namespace DesSim.Reporting.Output;

/// <summary>Stages all files of one run in a fresh sibling directory, and moves them into the target directory only
/// on <see cref="Commit"/>.</summary>
/// <remarks>Lifecycle: construct (creates the staging directory next to the target), write files, then
/// <see cref="Commit"/>; <see cref="Dispose"/> without commit deletes the staging directory and leaves the target
/// as it was. On commit each file replaces its namesake in the target atomically (rename with overwrite); files of
/// the target that the run did not write stay untouched. A failed run therefore never leaves half-written files.
/// I/O and permission failures become an <see cref="InputException"/> naming the target path.</remarks>
public sealed class AtomicDirectory : IDisposable
{
    private bool _committed;
    private bool _disposed;

    /// <summary>Creates the staging directory for <paramref name="targetDirectory"/>.</summary>
    /// <exception cref="InputException">The target's parent cannot be created or written.</exception>
    public AtomicDirectory(string targetDirectory)
    {
        ArgumentNullException.ThrowIfNull(targetDirectory);
        TargetDirectory = Path.GetFullPath(targetDirectory);
        var parent = Path.GetDirectoryName(TargetDirectory.TrimEnd(Path.DirectorySeparatorChar)) ?? TargetDirectory;
        var name = Path.GetFileName(TargetDirectory.TrimEnd(Path.DirectorySeparatorChar));
        StagingDirectory = Path.Combine(parent, $".{name}.staging-{Guid.NewGuid():N}");
        Guard(targetDirectory, () =>
        {
            if (File.Exists(TargetDirectory))
            {
                throw new IOException("a file with that name exists");
            }

            Directory.CreateDirectory(StagingDirectory);
        });
    }

    /// <summary>The directory the files end up in (absolute).</summary>
    public string TargetDirectory { get; }

    /// <summary>Where files are written before commit (absolute; a hidden sibling of the target).</summary>
    public string StagingDirectory { get; }

    /// <summary>The staging path for a file name (relative paths with subdirectories are allowed).</summary>
    public string PathFor(string fileName)
    {
        ThrowIfDone();
        var path = Path.GetFullPath(Path.Combine(StagingDirectory, fileName));
        if (!path.StartsWith(StagingDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
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

    /// <summary>Moves every staged file into the target directory (creating it), then removes the staging directory.</summary>
    public void Commit()
    {
        ThrowIfDone();
        Guard(TargetDirectory, () =>
        {
            Directory.CreateDirectory(TargetDirectory);
            var files = Directory.GetFiles(StagingDirectory, "*", SearchOption.AllDirectories);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                var destination = Path.Combine(TargetDirectory, Path.GetRelativePath(StagingDirectory, file));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(file, destination, overwrite: true);
            }

            Directory.Delete(StagingDirectory, recursive: true);
        });
        _committed = true;
    }

    /// <summary>Deletes the staging directory if the run was not committed.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_committed && Directory.Exists(StagingDirectory))
        {
            try
            {
                Directory.Delete(StagingDirectory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Why: Dispose must not throw; a leftover hidden staging directory is harmless.
            }
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

    private static void Guard(string path, Action action)
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
